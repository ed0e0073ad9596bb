import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROKEN_YAML, DELETE_PV } from './helpers/lint-texts.js';
import { BIN, makeTree, runCli } from './helpers/run-cli.js';
import type { LintResult } from '../src/engine/types.js';

const RETAIN_PV = DELETE_PV.replace('Delete', 'Retain');
const CLASS_WITHOUT_POLICY = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
provisioner: ebs.csi.aws.com
`;

function json(stdout: string): LintResult[] {
  return JSON.parse(stdout) as LintResult[];
}

describe('--cache-location', () => {
  it.each([
    ['an existing directory', (cwd: string) => { mkdirSync(join(cwd, 'cache')); return 'cache'; }],
    ['a path ending in a separator', () => 'cache/'],
  ])('%s holds a cache file named after the working directory, as in ESLint', (_name, location) => {
    const cwd = makeTree({ 'pv.yaml': DELETE_PV });
    const args = ['lint', '.', '--cache', '--cache-location', location(cwd)];
    const cold = runCli(args, { cwd });
    expect(cold.status).toBe(1);
    const files = readdirSync(join(cwd, 'cache'));
    expect(files).toEqual([expect.stringMatching(/^\.cache_[0-9a-f]+$/)]);
    const warm = runCli(args, { cwd });
    expect(warm.stdout).toBe(cold.stdout);
    expect(readdirSync(join(cwd, 'cache'))).toEqual(files);
  });

  it('a cache that cannot be written is said on stderr; the report and exit code are the run\'s', () => {
    const cwd = makeTree({ 'pv.yaml': DELETE_PV });
    const run = runCli(['lint', '.', '--cache', '--cache-location', 'pv.yaml/cache'], { cwd });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('pv-reclaim-policy');
    expect(run.stderr).toMatch(/^kubecarry: cannot write the cache \(.*\): this run's results are not cached\.\n$/);
    expect(readdirSync(cwd)).toEqual(['pv.yaml']);
  });
});

describe('exit codes', () => {
  it('0 when clean', () => {
    const cwd = makeTree({ 'pv.yaml': RETAIN_PV });
    const run = runCli(['lint', '.'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });

  it('1 with errors, and stylish prints the exact position', () => {
    const cwd = makeTree({ 'pv.yaml': DELETE_PV });
    const run = runCli(['lint'], { cwd });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(join(cwd, 'pv.yaml'));
    expect(run.stdout).toMatch(/ 8:34 {2}error {2}PersistentVolume "data" has persistentVolumeReclaimPolicy Delete/);
    expect(run.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  });

  it('0 with warnings only, 1 when --max-warnings is exceeded', () => {
    const cwd = makeTree({ 'sc.yaml': CLASS_WITHOUT_POLICY });
    expect(runCli(['lint', '.'], { cwd }).status).toBe(0);
    const strict = runCli(['lint', '.', '--max-warnings', '0'], { cwd });
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('too many warnings (maximum: 0)');
  });

  it('--quiet reports errors only', () => {
    const cwd = makeTree({ 'sc.yaml': CLASS_WITHOUT_POLICY, 'pv.yaml': DELETE_PV });
    const results = json(runCli(['lint', '.', '--quiet', '-f', 'json'], { cwd }).stdout);
    expect(results.flatMap((result) => result.messages.map((message) => message.ruleId))).toEqual(['pv-reclaim-policy']);
  });

  it('2 for usage errors: unknown flag, unknown rule, bad version, missing files', () => {
    const cwd = makeTree({ 'pv.yaml': RETAIN_PV });
    expect(runCli(['lint', '--no-such-flag'], { cwd }).status).toBe(2);
    const unknownRule = runCli(['lint', '--rule', 'no-such-rule: error'], { cwd });
    expect(unknownRule.status).toBe(2);
    expect(unknownRule.stderr).toContain('Unknown rule "no-such-rule"');
    expect(runCli(['lint', '--kubernetes-version', 'latest'], { cwd }).stderr).toContain('Invalid Kubernetes version "latest"');
    expect(runCli(['lint', '--cache', '--cache-strategy', 'mtime'], { cwd }).stderr).toContain('Invalid --cache-strategy "mtime": use metadata or content.');
    for (const concurrency of ['abc', '0', '-3', '1.5']) {
      const run = runCli(['lint', `--concurrency=${concurrency}`], { cwd });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`Invalid --concurrency "${concurrency}": use a positive whole number, auto or off.`);
    }
    const missing = runCli(['lint', 'nothing-here/'], { cwd });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('No files matching the pattern "nothing-here/" were found.');
  });

  it('-v and -h', () => {
    const version = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')).version;
    expect(runCli(['-v']).stdout).toBe(`v${version}\n`);
    expect(runCli(['--help']).stdout).toContain('--max-warnings');
  });
});

describe('broken input', () => {
  it('a YAML syntax error is fatal at its position; other files and documents are still linted', () => {
    const cwd = makeTree({
      'a-broken.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  key: value: other\n---\n${DELETE_PV}`,
      'b-good.yaml': DELETE_PV,
    });
    const run = runCli(['lint', '-f', 'json'], { cwd });
    expect(run.status).toBe(1);
    const [broken, good] = json(run.stdout);
    const fatal = broken!.messages.find((message) => message.fatal)!;
    expect(fatal).toMatchObject({ ruleId: null, fatal: true, severity: 2, line: 6 });
    expect(fatal.message).toMatch(/^Parsing error: /);
    expect(broken!.messages.some((message) => message.ruleId === 'pv-reclaim-policy')).toBe(true);
    expect(broken!.fatalErrorCount).toBe(1);
    expect(good!.messages.map((message) => message.ruleId)).toEqual(['pv-reclaim-policy']);
  });

  it('--exit-on-fatal-error turns a syntax error into exit 2', () => {
    const cwd = makeTree({ 'broken.yaml': 'a: [\n' });
    expect(runCli(['lint'], { cwd }).status).toBe(1);
    expect(runCli(['lint', '--exit-on-fatal-error'], { cwd }).status).toBe(2);
  });

  it('skips Helm templates with one message that says what to do', () => {
    const cwd = makeTree({ 'templates/pv.yaml': `{{- if .Values.enabled }}\n${DELETE_PV}{{- end }}\n` });
    const run = runCli(['lint', '-f', 'json'], { cwd });
    expect(run.status).toBe(0);
    const [result] = json(run.stdout);
    expect(result!.messages).toHaveLength(1);
    expect(result!.messages[0]).toMatchObject({ ruleId: null, severity: 1, line: 1, column: 1 });
    expect(result!.messages[0]!.message).toContain('helm template');
  });

  it('skips documents that are not manifests, silently', () => {
    const cwd = makeTree({ 'values.yaml': 'replicaCount: 2\npersistence:\n  reclaimPolicy: Delete\n' });
    const run = runCli(['lint'], { cwd });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
  });
});

describe('input', () => {
  it('reads standard input with --stdin and names it with --stdin-filename', () => {
    const run = runCli(['lint', '--stdin', '--stdin-filename', 'k8s/pv.yaml', '-f', 'json'], { input: DELETE_PV });
    const [result] = json(run.stdout);
    expect(result!.filePath).toBe(join(process.cwd(), 'k8s/pv.yaml'));
    expect(result!.messages[0]).toMatchObject({ ruleId: 'pv-reclaim-policy', line: 8, column: 34, endLine: 8, endColumn: 40 });
    expect(run.status).toBe(1);
  });

  it('a lone "-" reads standard input as <text>', () => {
    const [result] = json(runCli(['lint', '-', '-f', 'json'], { input: DELETE_PV }).stdout);
    expect(result!.filePath).toBe('<text>');
  });

  it('lints kind: List items and JSON files', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n${DELETE_PV.replace(/^/gm, '  ').replace(/^  apiVersion/, '- apiVersion')}`;
    const cwd = makeTree({ 'list.yaml': list, 'pv.json': JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'j' }, spec: { persistentVolumeReclaimPolicy: 'Recycle', hostPath: { path: '/data' } } }, null, 2) });
    const results = json(runCli(['lint', '-f', 'json'], { cwd }).stdout);
    const byFile = Object.fromEntries(results.map((result) => [result.filePath.split('/').pop(), result.messages]));
    expect(byFile['list.yaml']![0]).toMatchObject({ ruleId: 'pv-reclaim-policy', line: 11, column: 36 });
    expect(byFile['pv.json']![0]).toMatchObject({ ruleId: 'pv-reclaim-policy', line: 8, column: 38 });
  });

  it('lints the items of a built-in typed list as the API serves it (no kind or apiVersion), and --fix fixes them; a custom list is left alone', () => {
    const items = DELETE_PV.split('\n').slice(2).join('\n').replace(/^/gm, '    ').replace(/^    metadata/, '  - metadata');
    const typedList = `apiVersion: v1\nkind: PersistentVolumeList\nmetadata: {resourceVersion: "100"}\nitems:\n${items}`;
    const customList = `apiVersion: example.com/v1\nkind: RouteList\nitems:\n${items}`;
    const cwd = makeTree({ 'typed.yaml': typedList, 'custom.yaml': customList });
    const results = json(runCli(['lint', '-f', 'json'], { cwd }).stdout);
    const byFile = Object.fromEntries(results.map((result) => [result.filePath.split('/').pop()!, result.messages]));
    const line = typedList.split('\n')[9]!;
    expect(byFile['typed.yaml']!.map((message) => `${message.ruleId}@${message.line}:${message.column}`)).toEqual([`pv-reclaim-policy@10:${line.indexOf('Delete') + 1}`]);
    expect(byFile['custom.yaml']).toEqual([]);
    runCli(['lint', '--fix'], { cwd });
    expect(readFileSync(join(cwd, 'typed.yaml'), 'utf8')).toBe(typedList.replace('Delete', 'Retain'));
  });

  it('honours .gitignore, .kubecarryignore, --ignore-pattern and --no-ignore; skips node_modules', () => {
    const cwd = makeTree({
      '.gitignore': 'generated/\n',
      '.kubecarryignore': 'vendor/**\n',
      'generated/pv.yaml': DELETE_PV,
      'vendor/pv.yaml': DELETE_PV,
      'node_modules/pkg/pv.yaml': DELETE_PV,
      'old/pv.yaml': DELETE_PV,
      'app/pv.yaml': DELETE_PV,
    });
    const files = (args: string[]) => json(runCli(['lint', ...args, '-f', 'json'], { cwd }).stdout).map((result) => result.filePath.slice(cwd.length + 1));
    expect(files(['--ignore-pattern', 'old/'])).toEqual(['app/pv.yaml']);
    expect(files(['--no-ignore'])).toEqual(['app/pv.yaml', 'generated/pv.yaml', 'old/pv.yaml', 'vendor/pv.yaml']);
  });

  it('expands globs', () => {
    const cwd = makeTree({ 'a/pv.yaml': DELETE_PV, 'b/pv.yml': DELETE_PV, 'b/notes.txt': 'x' });
    const results = json(runCli(['lint', 'b/*.yml', '-f', 'json'], { cwd }).stdout);
    expect(results.map((result) => result.filePath)).toEqual([join(cwd, 'b/pv.yml')]);
  });
});

describe('configuration', () => {
  it('finds .kubecarry.yaml upward and applies its rules', () => {
    const cwd = makeTree({ '.kubecarry.yaml': 'rules:\n  pv-reclaim-policy: warn\n', 'deep/dir/pv.yaml': DELETE_PV });
    const run = runCli(['lint', '.', '-f', 'json'], { cwd: join(cwd, 'deep') });
    expect(json(run.stdout)[0]!.messages[0]!.severity).toBe(1);
    expect(run.status).toBe(0);
    expect(runCli(['lint', '.', '--no-config-lookup'], { cwd: join(cwd, 'deep') }).status).toBe(1);
  });

  it('looks the config up from the linted directory, so `lint examples/` uses examples/.kubecarry.yaml', () => {
    const cwd = makeTree({ 'examples/.kubecarry.yaml': 'rules:\n  pv-reclaim-policy: off\n', 'examples/pv.yaml': DELETE_PV });
    expect(runCli(['lint', 'examples/'], { cwd }).status).toBe(0);
    expect(runCli(['lint', 'examples/*.yaml'], { cwd }).status).toBe(0);
  });

  it('--rule overrides the config', () => {
    const cwd = makeTree({ '.kubecarry.yaml': 'rules:\n  pv-reclaim-policy: warn\n', 'pv.yaml': DELETE_PV });
    expect(runCli(['lint', '--rule', 'pv-reclaim-policy: off'], { cwd }).stdout).toBe('');
    expect(runCli(['lint', '--rule', 'pv-reclaim-policy: [error]'], { cwd }).status).toBe(1);
  });

  it('an invalid config is a clear error naming the key, exit 2', () => {
    const cwd = makeTree({ '.kubecarry.yaml': 'rules:\n  pv-reclaim-policy: fatal\nkubernetesVersoin: "1.30"\n', 'pv.yaml': RETAIN_PV });
    const run = runCli(['lint'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('.kubecarry.yaml');
    expect(run.stderr).toContain('unknown key "kubernetesVersoin"');
    expect(run.stderr).toContain('rules.pv-reclaim-policy: must be one of "off", "warn", "error", 0, 1, 2');
  });

  it('ignores from the config', () => {
    const cwd = makeTree({ '.kubecarry.yaml': 'ignores: ["legacy/**"]\n', 'legacy/pv.yaml': DELETE_PV, 'pv.yaml': RETAIN_PV });
    expect(runCli(['lint'], { cwd }).status).toBe(0);
  });
});

describe('suppression', () => {
  it('inline directives and the object annotation move findings to suppressedMessages', () => {
    const text = [
      `# kubecarry-disable-next-line pv-reclaim-policy -- the disk is scratch space`,
      DELETE_PV.replace('  persistentVolumeReclaimPolicy: Delete\n', ''),
    ].join('\n');
    const disabledLine = DELETE_PV.replace('Delete', 'Delete # kubecarry-disable-line pv-reclaim-policy');
    const annotated = DELETE_PV.replace('  name: data\n', '  name: data\n  annotations:\n    kubecarry.io/ignore: "pv-reclaim-policy"\n');
    const cwd = makeTree({ 'line.yaml': disabledLine, 'annotated.yaml': annotated, 'unused.yaml': text });
    const results = json(runCli(['lint', '-f', 'json', '--report-unused-disable-directives'], { cwd }).stdout);
    const byFile = Object.fromEntries(results.map((result) => [result.filePath.split('/').pop(), result]));
    expect(byFile['line.yaml']!.messages).toEqual([]);
    expect(byFile['line.yaml']!.suppressedMessages[0]).toMatchObject({ ruleId: 'pv-reclaim-policy', suppressions: [{ kind: 'directive' }] });
    expect(byFile['annotated.yaml']!.suppressedMessages[0]).toMatchObject({ suppressions: [{ kind: 'annotation' }] });
    expect(byFile['unused.yaml']!.messages[0]).toMatchObject({ ruleId: null, severity: 2, line: 1, column: 1 });
    expect(byFile['unused.yaml']!.messages[0]!.message).toContain("Unused kubecarry-disable-next-line directive (no problems were reported from 'pv-reclaim-policy')");
  });

  it('disable / enable ranges', () => {
    const text = `# kubecarry-disable pv-reclaim-policy\n${DELETE_PV}# kubecarry-enable pv-reclaim-policy\n---\n${DELETE_PV}`;
    const [result] = json(runCli(['lint', '--stdin', '-f', 'json'], { input: text }).stdout);
    expect(result!.messages.map((message) => message.line)).toEqual([20]);
    expect(result!.suppressedMessages.map((message) => message.line)).toEqual([9]);
  });
});

describe('kubecarry rules', () => {
  it('lists every rule, also as JSON', () => {
    const rows = JSON.parse(runCli(['rules', '--format', 'json']).stdout) as { id: string }[];
    expect(rows.map((row) => row.id)).toContain('pv-reclaim-policy');
    expect(runCli(['rules']).stdout).toMatch(/pv-reclaim-policy +error +error +yes/);
  });
});

describe('output', () => {
  it('-o writes the report to a file', () => {
    const cwd = makeTree({ 'pv.yaml': DELETE_PV });
    const run = runCli(['lint', '-f', 'json', '-o', 'out/report.json'], { cwd });
    expect(run.stdout).toBe('');
    expect(json(readFileSync(join(cwd, 'out/report.json'), 'utf8'))[0]!.errorCount).toBe(1);
  });

  it('--color forces ANSI colour, --no-color removes it', () => {
    const cwd = makeTree({ 'pv.yaml': DELETE_PV });
    expect(runCli(['lint', '--color'], { cwd }).stdout).toContain('\u001b[31merror');
    expect(runCli(['lint', '--no-color'], { cwd }).stdout).not.toContain('\u001b[');
  });
});

describe('the bundled example', () => {
  it('at --kubernetes-version 1.33 reports the article\'s in-tree Azure disk and its placeholders, and the exported volumes\' uids and Delete, 19 problems in all', () => {
    const examples = join(import.meta.dirname, '..', 'examples');
    const run = runCli(['lint', '--kubernetes-version', '1.33', '-f', 'json', 'examples/'], { cwd: join(examples, '..') });
    expect(run.status).toBe(1);
    const results = json(run.stdout);
    const found = results.flatMap((result) =>
      result.messages.map((message) => `${result.filePath.split('/').pop()}:${message.line}:${message.column} ${message.ruleId}`),
    );
    expect(found.filter((finding) => /pv-volume-source|placeholder-value/.test(finding))).toEqual([
      'logs-volume.yaml:17:3 pv-volume-source',
      'logs-volume.yaml:21:15 placeholder-value',
      'logs-volume.yaml:23:14 placeholder-value',
      'storage.yaml:18:3 pv-volume-source',
    ]);
    // The export of the StatefulSet's dynamically provisioned volumes: each keeps its claim's uid and the class's Delete.
    expect(found.filter((finding) => finding.startsWith('exported-volumes.yaml'))).toEqual([
      'exported-volumes.yaml:34:7 pv-claimref-uid',
      'exported-volumes.yaml:53:36 pv-reclaim-policy',
      'exported-volumes.yaml:84:7 pv-claimref-uid',
      'exported-volumes.yaml:103:36 pv-reclaim-policy',
    ]);
    expect(found).toHaveLength(19);
  });
});

// The example's --fix: test/fix-examples.test.ts.
describe('--fix', () => {
  it('--fix-dry-run writes nothing and puts the fixed text in output, also for stdin; --fix refuses stdin', () => {
    const cwd = makeTree({ 'pv.yaml': DELETE_PV });
    const [result] = json(runCli(['lint', '--fix-dry-run', '-f', 'json', '.'], { cwd }).stdout);
    expect(result!.output).toBe(DELETE_PV.replace('Delete', 'Retain'));
    expect(result!.messages).toEqual([]);
    expect(readFileSync(join(cwd, 'pv.yaml'), 'utf8')).toBe(DELETE_PV);
    const [piped] = json(runCli(['lint', '--stdin', '--fix-dry-run', '-f', 'json'], { input: DELETE_PV }).stdout);
    expect(piped!.output).toBe(DELETE_PV.replace('Delete', 'Retain'));
    expect(runCli(['lint', '--stdin', '--fix'], { input: DELETE_PV }).status).toBe(2);
  });

  it('--fix-type filters by rule type; a read-only file is an error for that file only', () => {
    const cwd = makeTree({ 'pv.yaml': DELETE_PV, 'locked.yaml': DELETE_PV.replace('name: data', 'name: locked') });
    const [, pv] = json(runCli(['lint', '--fix-dry-run', '--fix-type', 'suggestion', '-f', 'json', '.'], { cwd }).stdout);
    expect(pv!.output).toBeUndefined();
    chmodSync(join(cwd, 'locked.yaml'), 0o444);
    const run = runCli(['lint', '--fix', '-f', 'json', '.'], { cwd });
    const [locked, fixed] = json(run.stdout);
    expect(locked!.messages[0]!.message).toContain('Cannot write the fixed file');
    expect(fixed!.messages).toEqual([]);
    expect(readFileSync(join(cwd, 'pv.yaml'), 'utf8')).toContain('Retain');
    expect(statSync(join(cwd, 'locked.yaml')).mode & 0o777).toBe(0o444);
  });

  it('a file with a parse error is not fixed, and nothing in it is counted or offered as fixable', () => {
    const text = `${DELETE_PV}---\n${BROKEN_YAML}`;
    const cwd = makeTree({ 'pv.yaml': text });
    for (const args of [['lint', '-f', 'json', '.'], ['lint', '--fix', '-f', 'json', '.']]) {
      const [result] = json(runCli(args, { cwd }).stdout);
      expect(result!.messages.map((message) => message.ruleId)).toEqual(['pv-reclaim-policy', null]);
      expect(result!.messages.some((message) => message.fix)).toBe(false);
      expect([result!.fixableErrorCount, result!.fixableWarningCount]).toEqual([0, 0]);
    }
    expect(readFileSync(join(cwd, 'pv.yaml'), 'utf8')).toBe(text);
    expect(runCli(['lint', '.'], { cwd }).stdout).not.toContain('potentially fixable');
  });
});

describe('suggestions', () => {
  const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: x\n';

  it('container-prestop-hook suggests a drain hook (sleep from 1.30, exec sleep before); --fix never applies it', () => {
    const suggestion = (version: string) => {
      const [result] = json(runCli(['lint', '--stdin', '-f', 'json', '--kubernetes-version', version], { input: DEPLOYMENT }).stdout);
      const [first] = result!.messages.find((message) => message.ruleId === 'container-prestop-hook')!.suggestions!;
      return DEPLOYMENT.slice(0, first!.fix.range[0]) + first!.fix.text + DEPLOYMENT.slice(first!.fix.range[1]);
    };
    expect(suggestion('1.31')).toBe(`${DEPLOYMENT}          lifecycle:\n            preStop:\n              sleep:\n                seconds: 5\n`);
    expect(suggestion('1.29')).toContain('exec:\n                command:\n                  - sleep\n                  - "5"\n');
    const [fixed] = json(runCli(['lint', '--stdin', '--fix-dry-run', '-f', 'json'], { input: DEPLOYMENT }).stdout);
    expect(fixed!.output).toBeUndefined();
  });

  it('the default stylish output lists suggestions too', () => {
    const run = runCli(['lint', '--stdin', '--no-color', '--kubernetes-version', '1.31'], { input: DEPLOYMENT });
    expect(run.stdout).toMatch(/^ {2}8:\d+ {2}suggestion {2}Add a preStop hook that waits 5 seconds/m);
  });
});

describe('--schema', () => {
  const CERTIFICATE = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web}
spec:
  secretName: web-tls
  dnsNames: shop.example.com
`;
  // A kubeconform-style schema file, as openapi2jsonschema writes them (with its $schema line).
  const SCHEMA = JSON.stringify({
    $schema: 'http://json-schema.org/schema#',
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: { type: 'object', properties: { secretName: { type: 'string' }, dnsNames: { type: 'array', items: { type: 'string' } } }, additionalProperties: false },
    },
  });
  const messages = (stdout: string) => json(stdout).flatMap((result) => result.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`));

  it('without a schema, a custom resource is reported once as unvalidated, not checked', () => {
    const cwd = makeTree({ 'cert.yaml': CERTIFICATE });
    expect(messages(runCli(['lint', '--kubernetes-version', '1.30', '-f', 'json', '.'], { cwd }).stdout)).toEqual([
      'unvalidated-kind 2:7 No schema for Certificate (cert-manager.io/v1) in Kubernetes 1.30, so the schema rule skips it (reported once per kind): lint its CustomResourceDefinition along with it, or pass `--schema DIR` with certificate-cert-manager-v1.json',
    ]);
  });

  it('a --schema directory with kubeconform file names checks it; so does `schemas` in the config, relative to it', () => {
    const expected = ['schema 6:13 spec.dnsNames: must be a list, not a string ("shop.example.com")'];
    const cwd = makeTree({ 'cert.yaml': CERTIFICATE, 'crds/certificate-cert-manager-v1.json': SCHEMA });
    expect(messages(runCli(['lint', '--kubernetes-version', '1.30', '--schema', 'crds', '-f', 'json', 'cert.yaml'], { cwd }).stdout)).toEqual(expected);
    const configured = makeTree({ 'app/cert.yaml': CERTIFICATE, 'app/.kubecarry.yaml': 'schemas: [../crds]\n', 'crds/certificate-cert-manager-v1.json': SCHEMA });
    expect(messages(runCli(['lint', '--kubernetes-version', '1.30', '-f', 'json', 'app/'], { cwd: configured }).stdout)).toEqual(expected);
  });

  it('a broken schema file is an error on the objects of its kind, with where it is broken; other files are still checked', () => {
    const cwd = makeTree({
      'cert.yaml': CERTIFICATE,
      'pv.yaml': DELETE_PV,
      'crds/certificate-cert-manager-v1.json': '{\n  "type": "object",\n  oops\n}\n',
    });
    const run = runCli(['lint', '--kubernetes-version', '1.30', '--schema', 'crds', '-f', 'json', '.'], { cwd });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const found = messages(run.stdout);
    expect(found[0]).toMatch(new RegExp(`^schema 2:7 kind: the schema file ${join(cwd, 'crds', 'certificate-cert-manager-v1.json')} is not valid JSON( at line 3, column 3)?: .*; fix the file or remove it from the --schema directory$`));
    expect(found.slice(1).map((message) => message.split(' ')[0])).toContain('pv-reclaim-policy');
  });

  it('a schema file ajv cannot compile is reported the same way', () => {
    const cwd = makeTree({ 'cert.yaml': CERTIFICATE, 'crds/certificate-cert-manager-v1.json': '{"type": "nonsense"}' });
    expect(messages(runCli(['lint', '--kubernetes-version', '1.30', '--schema', 'crds', '-f', 'json', '.'], { cwd }).stdout)).toEqual([
      `schema 2:7 kind: the schema file ${join(cwd, 'crds', 'certificate-cert-manager-v1.json')} is not a schema ajv can compile: type must be JSONType or JSONType[]: nonsense; fix the file or remove it from the --schema directory`,
    ]);
  });

  it('a missing schema directory is a usage error (exit 2) naming it', () => {
    const cwd = makeTree({ 'cert.yaml': CERTIFICATE });
    const run = runCli(['lint', '--schema', 'nowhere', '.'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`Schema directory not found: ${join(cwd, 'nowhere')}`);
  });
});

describe('a reader that stops early', () => {
  it('`kubecarry lint | head -1`: no EPIPE crash, the run keeps its exit code', () => {
    // Enough findings (about 400 kB of stylish output) to fill the pipe after the reader has gone.
    const many = Array.from({ length: 2000 }, (_, i) => DELETE_PV.replace(/name: \S+/, `name: pv-${i}`)).join('---\n');
    const root = makeTree({ 'volumes.yaml': many });
    const run = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" lint volumes.yaml --no-config-lookup | head -1 >/dev/null`], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  });
});
