import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DELETE_PV } from './helpers/lint-texts.js';
import { makeTree } from './helpers/run-cli.js';

const BUNDLE = join(import.meta.dirname, '..', 'action', 'index.js');

const CLASS_WITHOUT_POLICY = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
provisioner: ebs.csi.aws.com
`;

interface StepRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs the committed bundle as the runner runs a node24 action: `node action/index.js` in the workspace, inputs as
 * `INPUT_<NAME>` (upper-cased, dashes kept), file commands in GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
 */
function runStep(workspace: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}, bundle = BUNDLE): StepRun {
  const files = makeTree({ output: '', summary: '' });
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(files, 'output'),
    GITHUB_STEP_SUMMARY: join(files, 'summary'),
    RUNNER_TEMP: files,
    ...extraEnv,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const run = spawnSync(process.execPath, [bundle], { cwd: workspace, env, encoding: 'utf8' });
  return {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    outputs: parseOutputFile(readFileSync(join(files, 'output'), 'utf8')),
    summary: readFileSync(join(files, 'summary'), 'utf8'),
  };
}

/** The runner's reading of GITHUB_OUTPUT: `name=value` lines and `name<<DELIMITER` heredocs. */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, index + 1);
      outputs[heredoc[1]!] = lines.slice(index + 1, end).join('\n');
      index = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

const annotations = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('::'));

describe('GitHub Action (the committed bundle, run as the runner runs it)', () => {
  it('runs from a checkout of the action alone, without node_modules (schemas found beside the bundle)', () => {
    const checkout = makeTree({});
    for (const part of ['action', 'schemas', 'action.yml']) cpSync(join(import.meta.dirname, '..', part), join(checkout, part), { recursive: true });
    const step = runStep(makeTree({ 'pv.yaml': DELETE_PV }), { path: '.' }, {}, join(checkout, 'action', 'index.js'));
    expect(step.stderr).toBe('');
    expect(annotations(step.stdout)).toEqual([expect.stringMatching(/^::error file=pv\.yaml,line=\d+.*title=pv-reclaim-policy::/)]);
    expect(step.outputs['errors']).toBe('1');
  });

  it('the summary shows the predicted bindings of the linted claims', () => {
    const claim = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: shop}\nspec:\n  storageClassName: ""\n  volumeName: disk\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n';
    const volume = 'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: disk}\nspec:\n  storageClassName: ""\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  persistentVolumeReclaimPolicy: Retain\n  hostPath: {path: /d}\n';
    const step = runStep(makeTree({ 'claim.yaml': claim, 'pv.yaml': volume }), { path: '.' });
    expect(step.summary).toContain('### Bindings in the target cluster');
    expect(step.summary).toMatch(/\| shop\/data \| disk \| bound \| /);
    expect(runStep(makeTree({ 'pv.yaml': DELETE_PV }), { path: '.' }).summary).not.toContain('Bindings');
  });

  it('annotates findings, sets the counts, writes a summary with links, and fails on errors', () => {
    const workspace = makeTree({ 'k8s/pv.yaml': DELETE_PV, 'k8s/sc.yaml': CLASS_WITHOUT_POLICY });
    const step = runStep(workspace, { path: 'k8s', 'fail-on': 'error' }, { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/infra', GITHUB_SHA: 'abc123' });
    expect(step.status).toBe(1);
    expect(annotations(step.stdout)).toEqual([
      '::error file=k8s/pv.yaml,line=8,endLine=8,col=34,endColumn=40,title=pv-reclaim-policy::PersistentVolume "data" has persistentVolumeReclaimPolicy Delete: deleting it or its claim deletes the disk; set it to Retain.',
      expect.stringMatching(/^::warning file=k8s\/sc\.yaml,line=4,endLine=4,col=9,endColumn=17,title=storageclass-reclaim-policy::StorageClass "standard" sets no reclaimPolicy/),
    ]);
    expect(step.outputs).toEqual({ errors: '1', warnings: '1', 'sarif-file': '' });
    expect(step.summary).toContain('## kubecarry\n\n❌ 1 error, 1 warning in 2 files linted (2 files with findings).\n');
    expect(step.summary).toContain(
      '| ❌ error | [k8s/pv.yaml:8:34](https://github.com/acme/infra/blob/abc123/k8s/pv.yaml#L8) | [`pv-reclaim-policy`](https://github.com/kubecarry/kubecarry/blob/main/docs/rules/pv-reclaim-policy.md) | PersistentVolume "data" has persistentVolumeReclaimPolicy Delete: deleting it or its claim deletes the disk; set it to Retain. |',
    );
  });

  it('fail-on: error passes with warnings only (unless max-warnings), warning fails on them, never passes errors', () => {
    const warningsOnly = makeTree({ 'sc.yaml': CLASS_WITHOUT_POLICY });
    expect(runStep(warningsOnly, {}).status).toBe(0);
    expect(runStep(warningsOnly, { 'max-warnings': '0' }).status).toBe(1);
    expect(runStep(warningsOnly, { 'max-warnings': '1' }).status).toBe(0);
    expect(runStep(warningsOnly, { 'fail-on': 'warning' }).status).toBe(1);
    const errors = makeTree({ 'pv.yaml': DELETE_PV });
    const never = runStep(errors, { 'fail-on': 'never' });
    expect(never.status).toBe(0);
    expect(never.outputs['errors']).toBe('1');
    expect(annotations(never.stdout)).toHaveLength(1);
  });

  it('writes SARIF for upload-sarif from a working directory, with URIs relative to the repository root', () => {
    const workspace = makeTree({ 'deploy/k8s/pv.yaml': DELETE_PV });
    const step = runStep(workspace, { 'working-directory': 'deploy', path: 'k8s', 'sarif-file': 'reports/kubecarry.sarif' });
    expect(step.status).toBe(1);
    const sarifFile = join(workspace, 'deploy', 'reports', 'kubecarry.sarif');
    expect(step.outputs['sarif-file']).toBe(sarifFile);
    const log = JSON.parse(readFileSync(sarifFile, 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: unknown } }[] }[] }[] };
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'deploy/k8s/pv.yaml', uriBaseId: '%SRCROOT%' });
    expect(annotations(step.stdout)[0]).toMatch(/^::error file=deploy\/k8s\/pv\.yaml,line=8,/);
  });

  it('fix: true fixes the files in place, leaves them for the next step, and reports what is left', () => {
    const workspace = makeTree({ 'pv.yaml': DELETE_PV });
    const step = runStep(workspace, { fix: 'true' });
    expect(step.status).toBe(0);
    expect(readFileSync(join(workspace, 'pv.yaml'), 'utf8')).toBe(DELETE_PV.replace('Delete', 'Retain'));
    expect(step.outputs).toMatchObject({ errors: '0', warnings: '0' });
    expect(step.summary).toContain('✅ No problems in 1 file linted.');
    expect(step.summary).toContain('🔧 Fixed 1 file: commit the changes in a following step.');
  });

  it('reads every input: patterns one a line, config, kubernetes-version (INPUT_KUBERNETES-VERSION)', () => {
    const workspace = makeTree({ 'a/pv.yaml': DELETE_PV, 'b/sc.yaml': CLASS_WITHOUT_POLICY, 'c/pv.yaml': DELETE_PV, 'quiet.yaml': 'rules:\n  storageclass-reclaim-policy: off\n' });
    const step = runStep(workspace, { path: 'a\nb\n', config: 'quiet.yaml' });
    expect(annotations(step.stdout).map((line) => /file=([^,]+)/.exec(line)?.[1])).toEqual(['a/pv.yaml']);
    const badVersion = runStep(workspace, { 'kubernetes-version': 'latest' });
    expect(badVersion.status).toBe(1);
    expect(annotations(badVersion.stdout)).toEqual([expect.stringMatching(/^::error title=kubecarry::Invalid Kubernetes version "latest"/)]);
    expect(badVersion.outputs).toEqual({});
  });

  it('rejects a wrong input value with an error annotation that names it', () => {
    const workspace = makeTree({ 'pv.yaml': DELETE_PV });
    const step = runStep(workspace, { 'fail-on': 'sometimes' });
    expect(step.status).toBe(1);
    expect(step.stdout).toBe('::error title=kubecarry::Input "fail-on" must be error, warning or never, not "sometimes".\n');
    expect(runStep(workspace, { fix: 'yes' }).stdout).toBe('::error title=kubecarry::Input "fix" must be true or false, not "yes".\n');
  });

  it('the bindings section (hook for src/binding) is a Markdown table that keeps user text inert', async () => {
    const { bindingsTable } = await import('../src/action/bindings.js');
    expect(
      bindingsTable([
        { claim: 'db/data-0', volume: 'pv-a', outcome: 'bound', reason: 'volumeName names it' },
        { claim: 'db/logs', volume: null, outcome: 'pending', reason: 'no volume | matches <all> labels', undetermined: true },
      ]),
    ).toBe(
      [
        '### Bindings in the target cluster',
        '',
        '| Claim | Volume | Outcome | Why |',
        '| --- | --- | --- | --- |',
        '| db/data-0 | pv-a | bound | volumeName names it |',
        '| db/logs | — | pending (undetermined) | no volume \\| matches &lt;all&gt; labels |',
      ].join('\n'),
    );
  });

  it("stays under GitHub's 1 MiB step summary: tables show 500 rows, cells 400 characters", async () => {
    const { bindingsTable } = await import('../src/action/bindings.js');
    const { cell, MAX_ROWS } = await import('../src/action/summary.js');
    expect(cell('x'.repeat(400))).toBe('x'.repeat(400));
    expect(cell('x'.repeat(401))).toBe(`${'x'.repeat(399)}…`);
    // A pair that would be cut in half is dropped whole.
    expect(cell(`${'x'.repeat(398)}😀${'x'.repeat(10)}`)).toBe(`${'x'.repeat(398)}…`);
    const rows = Array.from({ length: MAX_ROWS + 20 }, (_, i) => ({ claim: `db/data-${i}`, volume: null, outcome: 'pending', reason: 'no volume matches '.repeat(100) }));
    const table = bindingsTable(rows);
    expect(table.split('\n').filter((line) => line.startsWith('| db/'))).toHaveLength(MAX_ROWS);
    expect(table).toContain('…and 20 more claims: run `kubecarry bindings` to see them all.');
    expect(Buffer.byteLength(table)).toBeLessThan(300_000);
  });

  it('a multi-line output uses a heredoc the runner reads back', async () => {
    const { setOutput } = await import('../src/action/runner.js');
    const dir = makeTree({ output: '' });
    const file = join(dir, 'output');
    setOutput({ GITHUB_OUTPUT: file }, 'report', 'line one\nline two');
    setOutput({ GITHUB_OUTPUT: file }, 'count', '3');
    expect(readFileSync(file, 'utf8')).toMatch(/^report<<ghadelimiter_[0-9a-f-]{36}\nline one\nline two\nghadelimiter_[0-9a-f-]{36}\ncount=3\n$/);
    expect(parseOutputFile(readFileSync(file, 'utf8'))).toEqual({ report: 'line one\nline two', count: '3' });
    writeFileSync(file, '');
  });
});
