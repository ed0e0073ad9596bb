import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from './helpers/run-cli.js';

const ROOT = join(import.meta.dirname, '..');
const BOUND = `apiVersion: v1
kind: PersistentVolume
metadata: {name: disk}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  claimRef: {namespace: app, name: data}
  nfs: {server: nfs, path: /d}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, namespace: app}
spec:
  storageClassName: ""
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`;

describe('kubecarry bindings', () => {
  it('prints the table of the bundled example and exits 1: the StatefulSet does not bind', () => {
    const run = runCli(['bindings', 'examples/'], { cwd: ROOT });
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^claim +volume +how +reason$/);
    expect(lines[1]).toMatch(/^default\/myservice-pvc +myservice-pv +selector +the smallest volume matching the selector usage=myservice-pv of class "" \[examples\/myservice\/claim.yaml\]$/);
    expect(lines[3]).toMatch(/^default\/www-web-0 \(web #0\) +\(pending\) +- +no volume matches \("pvc-5d1e8a2c-0b4f-4c7e-9f21-6a3b8c0d4e11": has claimRef.uid /);
    expect(lines[4]).toMatch(/^default\/www-web-1 \(web #1\) +\(not-created\) +- +never created: with podManagementPolicy OrderedReady/);
    expect(run.stdout).toContain('2 of 4 claims bind an existing volume for certain.');
  });

  it('--format json prints the array of claims, volumes, reasons and candidates', () => {
    const run = runCli(['bindings', '--format', 'json', 'test/fixtures/bindings/statefulset-article'], { cwd: ROOT });
    expect(run.status).toBe(1);
    const entries = JSON.parse(run.stdout) as { claim: string; volume: string | null; ordinal: number; reason: string; candidates: string[] }[];
    expect(entries.map(({ claim, volume, ordinal, candidates }) => ({ claim, volume, ordinal, candidates }))).toEqual([
      { claim: 'default/myservice-pvc-web-0', volume: 'myservice-pv', ordinal: 0, candidates: ['myservice-pv'] },
      { claim: 'default/myservice-pvc-web-1', volume: null, ordinal: 1, candidates: ['myservice-pv'] },
    ]);
    expect(entries[1]!.reason).toBe(
      'no volume matches ("myservice-pv": is already bound to claim default/myservice-pvc-web-0) and no storage class is set: stays Pending (FailedBinding)',
    );
  });

  it('exits 0 when every claim binds an existing volume for certain', () => {
    const cwd = makeTree({ 'app.yaml': BOUND });
    const run = runCli(['bindings'], { cwd });
    expect(run.stdout).toContain('app/data  disk    prebound-volume');
    expect(run.status).toBe(0);
  });

  it('exits 2 on usage errors', () => {
    const cwd = makeTree({ 'app.yaml': BOUND });
    expect(runCli(['bindings', '--format', 'xml'], { cwd })).toMatchObject({ status: 2, stderr: 'kubecarry: Invalid --format "xml" for bindings: use table or json.\n' });
    expect(runCli(['bindings', '--nope'], { cwd }).status).toBe(2);
    expect(runCli(['bindings', 'missing/'], { cwd }).stderr).toContain('No files matching the pattern "missing/" were found.');
    expect(runCli(['bindings', '--help'], { cwd })).toMatchObject({ status: 0, stdout: expect.stringContaining('Exit codes: 0 every claim binds') });
  });

  it('skips what lint skips: the config\'s ignores and --ignore-pattern', () => {
    const cwd = makeTree({ '.kubecarry.yaml': 'ignores: [old/**]\n', 'app.yaml': BOUND, 'old/stale.yaml': BOUND.replace('name: data,', 'name: stale,'), 'tmp/x.yaml': BOUND.replace('name: data,', 'name: tmp,') });
    const run = runCli(['bindings', '--ignore-pattern', 'tmp/**'], { cwd });
    expect(run.stdout).toContain('app/data');
    expect(run.stdout).not.toContain('app/stale');
    expect(run.stdout).not.toContain('app/tmp');
    expect(runCli(['bindings', '--no-ignore'], { cwd }).stdout).toContain('app/stale');
  });

  it('reports YAML syntax errors on stderr and keeps the documents before them', () => {
    const cwd = makeTree({ 'app.yaml': `${BOUND}---\nkind: [\n` });
    const run = runCli(['bindings'], { cwd });
    expect(run.stderr).toMatch(/^app\.yaml:\d+:\d+: YAML syntax error/);
    expect(run.stdout).toContain('app/data');
  });
});
