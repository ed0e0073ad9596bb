import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { makeTree } from './helpers/run-cli.js';

const CLAIM = (name: string, namespace: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: "${name}", namespace: "${namespace}", uid: u1}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
  storageClassName: fast
  volumeName: pv-1
`;
const VOLUME = (claim: string, namespace: string) => `apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-1, uid: v1}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Delete
  storageClassName: fast
  csi: {driver: ebs.csi.aws.com, volumeHandle: vol-0123}
  claimRef: {name: "${claim}", namespace: "${namespace}", uid: u1}
`;
const EXPORT = `${VOLUME('data', 'shop')}---\n${CLAIM('data', 'shop')}`;

async function run(args: string[], cwd: string, stdin = '') {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    cwd,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: false,
    readStdin: async () => stdin,
  });
  return { status, stdout, stderr };
}

function tree(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

describe('kubecarry migrate command', () => {
  it('writes the output and exits 0 when the self-check passes', async () => {
    const cwd = makeTree({ 'export.yaml': EXPORT });
    const result = await run(['migrate', 'export.yaml', '--out', 'target'], cwd);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      'Wrote 6 files to target: 1 claim re-attached to its own disk, 0 without data, 1 warning. Review target/MIGRATION.md.\n'
        + 'First switch 1 source volume to Retain: the commands are in MIGRATION.md.\n',
    );
    expect(result.status).toBe(0);
    expect(tree(join(cwd, 'target'))).toEqual([
      '00-namespaces/namespace_shop.yaml',
      '01-persistentvolumes/persistentvolume_pv-1.yaml',
      '02-persistentvolumeclaims/persistentvolumeclaim_shop_data.yaml',
      'MIGRATION.md',
      'kustomization.yaml',
      'plan.json',
    ].sort());
    expect(readFileSync(join(cwd, 'target', 'MIGRATION.md'), 'utf8')).toContain(
      `kubectl patch pv pv-1 -p '{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}'`,
    );
  });

  it('refuses a non-empty --out without --force, and with --force replaces only what migrate wrote', async () => {
    const cwd = makeTree({ 'export.yaml': EXPORT, 'target/notes.txt': 'mine' });
    const refused = await run(['migrate', 'export.yaml', '--out', 'target'], cwd);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(`kubecarry: The output directory ${join(cwd, 'target')} is not empty: choose an empty or new one, or pass --force to write into it.\n`);
    expect(tree(join(cwd, 'target'))).toEqual(['notes.txt']);

    writeFileSync(join(cwd, 'export.yaml'), EXPORT);
    expect((await run(['migrate', 'export.yaml', '--out', 'target', '--force'], cwd)).status).toBe(0);
    writeFileSync(join(cwd, 'export.yaml'), EXPORT.replace(/pv-1/g, 'pv-2'));
    expect((await run(['migrate', 'export.yaml', '--out', 'target', '--force'], cwd)).status).toBe(0);
    const files = tree(join(cwd, 'target'));
    expect(files).toContain('notes.txt');
    expect(files).toContain('01-persistentvolumes/persistentvolume_pv-2.yaml');
    expect(files).not.toContain('01-persistentvolumes/persistentvolume_pv-1.yaml');
  });

  it('keeps names like ../../x inside --out', async () => {
    const cwd = makeTree({ 'in/export.yaml': `${VOLUME('../../x', '../..')}---\n${CLAIM('../../x', '../..')}` });
    await run(['migrate', 'in', '--out', 'out/target'], cwd);
    expect(readdirSync(cwd).sort()).toEqual(['in', 'out']);
    expect(readdirSync(join(cwd, 'out'))).toEqual(['target']);
    expect(tree(join(cwd, 'out', 'target'))).toContain('02-persistentvolumeclaims/persistentvolumeclaim_..-.._..-..-x.yaml');
    expect(existsSync(join(cwd, 'x.yaml'))).toBe(false);
  });

  it('reads standard input with "-"', async () => {
    const cwd = makeTree({});
    const result = await run(['migrate', '-', '--out', 'target'], cwd, EXPORT);
    expect(result.status).toBe(0);
    const plan = JSON.parse(readFileSync(join(cwd, 'target', 'plan.json'), 'utf8'));
    expect(plan.bindings.map((binding: { claim: string; volume: string }) => `${binding.claim} → ${binding.volume}`)).toEqual(['shop/data → pv-1']);
    expect(plan.dropped).toEqual([]);
  });

  it('does not migrate its own earlier output found under the inputs', async () => {
    const cwd = makeTree({ 'k8s/export.yaml': EXPORT });
    await run(['migrate', 'k8s', '--out', 'k8s/target'], cwd);
    const again = await run(['migrate', 'k8s', '--out', 'k8s/target', '--force'], cwd);
    expect(again.status).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'k8s', 'target', 'plan.json'), 'utf8')).bindings).toHaveLength(1);
  });

  it('stops on input that does not parse, naming file, line and column', async () => {
    const cwd = makeTree({ 'bad.yaml': 'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: [x\n' });
    const result = await run(['migrate', 'bad.yaml', '--out', 'target'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^kubecarry: Cannot migrate input that does not parse; fix it first:\n {2}bad\.yaml:\d+:\d+: /);
    expect(existsSync(join(cwd, 'target', 'plan.json'))).toBe(false);
  });

  it('stops on a kustomization: its namespace and patches make the objects, so it is rendered first', async () => {
    const cwd = makeTree({ 'k8s/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: shop\nresources: [claim.yaml]\n', 'k8s/claim.yaml': CLAIM('data', 'shop') });
    const result = await run(['migrate', 'k8s', '--out', 'target'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('k8s/kustomization.yaml:1:1: a Kustomization, not a manifest; render it first (kubectl kustomize DIR | kubecarry migrate --stdin --out OUT)');
    expect(existsSync(join(cwd, 'target', 'plan.json'))).toBe(false);
  });

  it.each([
    [['--out', 'target', '--prebind', 'label'], 'kubecarry: Invalid --prebind "label": use both, claimref, volumename, selector.\n'],
    [['--out', 'target', '--namespace-map', 'shop'], 'kubecarry: Invalid --namespace-map "shop": expected old=new.\n'],
    [['--out', 'target', '--label-key', 'bad key'], 'kubecarry: Invalid --label-key "bad key": expected a label key such as example.com/volume.\n'],
    [[], 'kubecarry: Missing --out DIR: the directory to write the migrated manifests to.\n'],
  ])('usage error %j', async (args, message) => {
    const cwd = makeTree({ 'export.yaml': EXPORT });
    const result = await run(['migrate', 'export.yaml', ...args], cwd);
    expect(result.stderr).toBe(message);
    expect(result.status).toBe(2);
  });

  it('the bundled example: every claim on its own disk, each replica on its own exported volume; lint fixes and suggestions applied', async () => {
    const cwd = makeTree({});
    const examples = join(import.meta.dirname, '..', 'examples');
    const result = await run(['migrate', examples, '--out', 'target', '--apply-suggestions'], cwd);
    const plan = JSON.parse(readFileSync(join(cwd, 'target', 'plan.json'), 'utf8'));
    expect(plan.bindings.map((binding: { claim: string; volume: string; disk: { label: string } }) => `${binding.claim} → ${binding.volume} → ${binding.disk.label.split('/').pop()}`)).toEqual([
      'default/myservice-pvc → myservice-pv → myservice-disk',
      'default/myservice-cache → pvc-3f6c2b1e-7d0a-4d8e-9a55-1c2f0e9b7a10 → myservice-cache',
      'default/www-web-0 → pvc-5d1e8a2c-0b4f-4c7e-9f21-6a3b8c0d4e11 → pvc-5d1e8a2c-0b4f-4c7e-9f21-6a3b8c0d4e11',
      'default/www-web-1 → pvc-a83f0c47-6e19-4b2d-8d5a-2f7c9e1b3a64 → pvc-a83f0c47-6e19-4b2d-8d5a-2f7c9e1b3a64',
    ]);
    expect(plan.claimsWithoutData).toEqual([]);
    expect(plan.changes.filter((change: { what: string }) => /lint fix|suggestion/.test(change.what))).toEqual([
      {
        object: 'Deployment default/myservice-api',
        what: 'lint fix of prestop-hook-valid',
        why: 'The exec preStop hook of container "api" is one string: no shell splits it, so "/app/bin/flush-wal --timeout=30s" is not found; split it into arguments.',
      },
      {
        object: 'Deployment default/myservice-api',
        what: 'Start the script with `exec`, so `java` replaces the shell and gets SIGTERM. (suggestion of sigterm-propagation, --apply-suggestions)',
        why: 'Container "api" starts `java` via `sh -c` without exec: the shell gets SIGTERM and `java` is SIGKILLed later; start it with exec.',
      },
      {
        object: 'Deployment default/myservice-api',
        what: 'lint fix of termination-grace-period',
        why: 'terminationGracePeriodSeconds on a container is rejected or ignored, so the pod keeps the default of 30 seconds; move it to the pod spec.',
      },
      {
        object: 'StatefulSet default/web',
        what: 'Add a preStop hook that waits 5 seconds (the sleep action) so endpoints stop sending requests first. (suggestion of container-prestop-hook, --apply-suggestions)',
        why: 'Container "nginx" has no preStop hook: it gets SIGTERM while requests may still reach it, with nothing drained; add lifecycle.preStop.',
      },
    ]);
    const deployment = readFileSync(join(cwd, 'target', '04-workloads', 'deployment_default_myservice-api.yaml'), 'utf8');
    expect(deployment).toMatch(/\n {6}terminationGracePeriodSeconds: 60\n$/);
    expect(readFileSync(join(cwd, 'target', '04-workloads', 'statefulset_default_web.yaml'), 'utf8')).toContain('lifecycle:\n            preStop:\n              sleep:\n                seconds: 5\n');
    expect(deployment).toContain('command:\n                  - /app/bin/flush-wal\n                  - --timeout=30s\n');
    expect(deployment).toContain('- exec java -jar /app/api.jar --port=8080\n');
    // Every problem had a fix or a suggestion: nothing is left, and `kubecarry lint target/` agrees.
    expect(plan.selfCheck.problems).toEqual([]);
    expect(result.status).toBe(0);
    const lint = await run(['lint', 'target', '-f', 'json'], cwd);
    expect(lint.status).toBe(0);
    expect((JSON.parse(lint.stdout) as { messages: unknown[] }[]).flatMap((file) => file.messages)).toEqual([]);
  });

  it('without --apply-suggestions leaves a suggestion to the reviewer and names it in the self-check', async () => {
    const cwd = makeTree({});
    const result = await run(['migrate', join(import.meta.dirname, '..', 'examples'), '--out', 'target'], cwd);
    // Warnings are for the reviewer: like lint, only an error fails the run.
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^Self-check passed with 2 warnings for a person to decide:\n/);
    const plan = JSON.parse(readFileSync(join(cwd, 'target', 'plan.json'), 'utf8'));
    expect(plan.selfCheck.problems.filter((problem: { ruleId: string }) => problem.ruleId === 'container-prestop-hook')).toEqual([{
      file: '04-workloads/statefulset_default_web.yaml',
      line: 18,
      column: 17,
      ruleId: 'container-prestop-hook',
      severity: 'warning',
      message: 'Container "nginx" has no preStop hook: it gets SIGTERM while requests may still reach it, with nothing drained; add lifecycle.preStop.',
      suggestion: 'Add a preStop hook that waits 5 seconds (the sleep action) so endpoints stop sending requests first.',
    }]);
    expect(readFileSync(join(cwd, 'target', '04-workloads', 'statefulset_default_web.yaml'), 'utf8')).not.toContain('preStop');
  });
});

describe('kubecarry migrate, inputs that overlap', () => {
  it('migrates an object defined twice once, and says which copy it used', async () => {
    const cwd = makeTree({ 'a.yaml': EXPORT, 'b.yaml': EXPORT });
    const result = await run(['migrate', '.', '--out', 'target'], cwd);
    expect(result.status).toBe(0);
    const plan = JSON.parse(readFileSync(join(cwd, 'target', 'plan.json'), 'utf8'));
    expect(plan.bindings).toHaveLength(1);
    expect(plan.warnings.map((warning: { object: string; message: string }) => `${warning.object}: ${warning.message}`)).toEqual([
      'PersistentVolume pv-1: defined twice (a.yaml#1 and b.yaml#1): the first is migrated',
      'PersistentVolumeClaim shop/data: defined twice (a.yaml#2 and b.yaml#2): the first is migrated',
      'PersistentVolume pv-1: no zone is known for this disk: if it is zonal, add nodeAffinity for its zone or pods may be scheduled where it cannot attach',
    ]);
  });
});

describe('kubecarry migrate flags', () => {
  const IN_TREE = `apiVersion: v1
kind: PersistentVolume
metadata: {name: disk-pv}
spec:
  capacity: {storage: 5Gi}
  accessModes: [ReadWriteOnce]
  awsElasticBlockStore: {volumeID: "aws://eu-west-1a/vol-0abc", fsType: ext4}
  claimRef: {name: data, namespace: shop}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, namespace: shop}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 5Gi}}
  storageClassName: ""
`;
  const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop, uid: s1}
spec:
  type: NodePort
  clusterIP: 10.0.0.7
  ports: [{port: 80, nodePort: 31234}]
`;

  it.each([
    [['--kubernetes-version', '1.26'], 'awsElasticBlockStore'],
    [['--kubernetes-version', '1.26', '--csi'], 'csi'],
    [['--kubernetes-version', '1.27'], 'csi'],
  ])('%j writes the volume source %s', async (args, field) => {
    const cwd = makeTree({ 'pv.yaml': IN_TREE });
    expect((await run(['migrate', 'pv.yaml', '--out', 'target', ...args], cwd)).status).toBe(0);
    const text = readFileSync(join(cwd, 'target', '01-persistentvolumes', 'persistentvolume_disk-pv.yaml'), 'utf8');
    expect(text).toContain(`\n  ${field}:\n`);
    if (field === 'csi') expect(text).toContain('  csi:\n    driver: ebs.csi.aws.com\n    volumeHandle: vol-0abc\n    fsType: ext4\n');
  });

  it.each([
    [[], false],
    [['--keep-node-ports'], true],
  ])('%j keeps an exported nodePort: %s', async (args, kept) => {
    const cwd = makeTree({ 'svc.yaml': SERVICE });
    expect((await run(['migrate', 'svc.yaml', '--out', 'target', ...args], cwd)).status).toBe(0);
    const text = readFileSync(join(cwd, 'target', '05-services', 'service_shop_web.yaml'), 'utf8');
    expect(text.includes('nodePort: 31234')).toBe(kept);
    expect(text).not.toContain('clusterIP');
  });
});
