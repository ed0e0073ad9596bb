import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import fg from 'fast-glob';
import { stringify, type ToStringOptions } from 'yaml';
import { expect, it } from 'vitest';
import { fixFiles } from '../../src/engine/fix-files.js';
import { lintFiles, type InputFile } from '../../src/engine/linter.js';
import { parseYaml } from '../../src/parse/parse-yaml.js';
import { EVERY_RULE, runs, TIMEOUT } from './runs.js';

/**
 * Linting never throws and gives one result per file, the same with both parsers. Fixes are not rendered here (the
 * fix property renders them all): rendering took most of each run.
 */
function checkLint(inputs: InputFile[]): void {
  const settings = { ...EVERY_RULE, computeFixes: false };
  const fast = lintFiles(inputs, settings);
  expect(fast.internalErrors).toEqual([]);
  expect(fast.results.map((result) => result.filePath)).toEqual(inputs.map((input) => input.filePath));
  const full = lintFiles(inputs, { ...settings, parser: 'full' });
  expect(full.internalErrors).toEqual([]);
  expect(JSON.stringify(full.results)).toBe(JSON.stringify(fast.results));
}

/** `--fix` output parses and is final: fixing it again changes nothing. A separate property, as it costs most. */
function checkFix(inputs: InputFile[]): void {
  const fixed = fixFiles(inputs, EVERY_RULE);
  expect(fixed.internalErrors).toEqual([]);
  for (const { output } of fixed.results) if (output !== undefined) expect(parseYaml(output.replace(/^\uFEFF/, '')).errors, output).toEqual([]);
  const outputs = inputs.map((input, i) => ({ ...input, text: fixed.results[i]!.output ?? input.text }));
  const again = fixFiles(outputs, EVERY_RULE);
  expect(again.results.map((result) => result.output)).toEqual(outputs.map(() => undefined));
}

// ---- Generated manifests: the kinds and fields the rules look at, with good, bad and odd values ------------------

const odd = fc.constantFrom<unknown>(null, '', 'x', 0, -5, 1.5, true, [], {}, [null], { a: 1 });
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(fc.oneof({ weight: 5, arbitrary }, { weight: 1, arbitrary: odd }), { nil: undefined });
const name = fc.constantFrom('data', 'db', 'web-0', 'datadir-cassandra-0', 'uploads', 'pv-1', 'yes', '0755');
const quantity = fc.constantFrom('1Gi', '5Gi', '20Gi', '500M', '1e3', 'lots', 10);
const accessModes = fc.subarray(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']);
const labels = maybe(fc.dictionary(fc.constantFrom('app', 'tier', 'kubecarry.io/volume'), fc.constantFrom('db', 'web', 'data', 'pv-1'), { maxKeys: 2 }));
const annotations = maybe(
  fc.dictionary(fc.constantFrom('volume.beta.kubernetes.io/storage-class', 'kubecarry.io/ignore', 'note'), fc.constantFrom('', 'fast', '*', 'pv-reclaim-policy'), { maxKeys: 2 }),
);
const metadata = fc.record({ name: maybe(name), namespace: maybe(fc.constantFrom('default', 'web')), labels, annotations }, { requiredKeys: [] });
const command = maybe(fc.constantFrom<unknown>(['sh', '-c', 'exec app'], ['sh', '-c', 'app --serve'], ['/bin/app'], ['bash', '-lc', 'trap "" TERM; app'], 'app'));
const preStop = maybe(
  fc.oneof(
    fc.record({ sleep: fc.record({ seconds: maybe(fc.constantFrom(0, 5, 30, '10')) }) }),
    fc.record({ exec: fc.record({ command: maybe(fc.constantFrom<unknown>(['sleep', '5'], [], ['sh', '-c', 'nginx -s quit'])) }) }),
    fc.record({ httpGet: fc.record({ path: maybe(fc.constantFrom('/drain', '')), port: maybe(fc.constantFrom(8080, 'http', 0)) }) }),
    fc.constant({}),
  ),
);
const container = fc.record(
  {
    name: maybe(fc.constantFrom('app', 'sidecar', 'init')),
    image: maybe(fc.constantFrom('nginx:1.25', 'postgres:16', 'busybox')),
    command,
    args: maybe(fc.constantFrom<unknown>(['--port', '80'], ['-c', 'exec x'])),
    lifecycle: maybe(fc.record({ preStop }, { requiredKeys: [] })),
    terminationGracePeriodSeconds: maybe(fc.constantFrom(0, 30, 60)),
    restartPolicy: maybe(fc.constantFrom('Always')),
  },
  { requiredKeys: [] },
);
const podSpec = fc.record(
  {
    containers: maybe(fc.array(container, { maxLength: 2 })),
    initContainers: maybe(fc.array(container, { maxLength: 1 })),
    terminationGracePeriodSeconds: maybe(fc.constantFrom(0, 5, 30, 120)),
    restartPolicy: maybe(fc.constantFrom('Always', 'Never', 'OnFailure')),
    volumes: maybe(fc.array(fc.record({ name: name, persistentVolumeClaim: fc.record({ claimName: name }) }), { maxLength: 2 })),
  },
  { requiredKeys: [] },
);
const claimSpec = fc.record(
  {
    storageClassName: maybe(fc.constantFrom('', 'fast', 'standard')),
    volumeName: maybe(name),
    selector: maybe(fc.record({ matchLabels: labels }, { requiredKeys: [] })),
    accessModes: maybe(accessModes),
    resources: maybe(fc.record({ requests: fc.record({ storage: quantity }) })),
  },
  { requiredKeys: [] },
);
const volumeSpec = fc.record(
  {
    capacity: maybe(fc.record({ storage: quantity })),
    accessModes: maybe(accessModes),
    persistentVolumeReclaimPolicy: maybe(fc.constantFrom('Retain', 'Delete', 'Recycle')),
    storageClassName: maybe(fc.constantFrom('', 'fast')),
    claimRef: maybe(fc.record({ name: maybe(name), namespace: maybe(fc.constantFrom('default', 'web')) }, { requiredKeys: [] })),
    hostPath: maybe(fc.record({ path: fc.constant('/data') })),
    csi: maybe(fc.record({ driver: fc.constantFrom('ebs.csi.aws.com', 'pd.csi.storage.gke.io'), volumeHandle: fc.constantFrom('vol-1', 'disk-2') })),
  },
  { requiredKeys: [] },
);
const object = (apiVersion: string, kind: string, rest: fc.Arbitrary<Record<string, unknown>>) =>
  fc.tuple(metadata, rest).map(([meta, fields]) => ({ apiVersion, kind, metadata: meta, ...fields }));
const template = fc.record({ metadata: fc.record({ labels, annotations }, { requiredKeys: [] }), spec: maybe(podSpec) }, { requiredKeys: [] });
const manifest = fc.oneof(
  object('v1', 'PersistentVolume', fc.record({ spec: maybe(volumeSpec) }, { requiredKeys: [] })),
  object('v1', 'PersistentVolumeClaim', fc.record({ spec: maybe(claimSpec) }, { requiredKeys: [] })),
  object('storage.k8s.io/v1', 'StorageClass', fc.record({ provisioner: maybe(fc.constant('ebs.csi.aws.com')), reclaimPolicy: maybe(fc.constantFrom('Retain', 'Delete')) }, { requiredKeys: [] })),
  object('v1', 'Pod', fc.record({ spec: maybe(podSpec) }, { requiredKeys: [] })),
  object('apps/v1', 'Deployment', fc.record({ spec: maybe(fc.record({ template }, { requiredKeys: [] })) }, { requiredKeys: [] })),
  object(
    'apps/v1',
    'StatefulSet',
    fc.record({ spec: maybe(fc.record({ template, volumeClaimTemplates: maybe(fc.array(fc.record({ metadata, spec: maybe(claimSpec) }), { maxLength: 2 })) }, { requiredKeys: [] })) }, { requiredKeys: [] }),
  ),
  object('batch/v1', 'CronJob', fc.record({ spec: maybe(fc.record({ jobTemplate: fc.record({ spec: fc.record({ template }) }) })) }, { requiredKeys: [] })),
);
const list = fc.array(manifest, { minLength: 1, maxLength: 3 }).map((items) => ({ apiVersion: 'v1', kind: 'List', items }));

/** How a file is written: yaml's layout options, line endings, a BOM, comments. */
const layout = fc.record({
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  collectionStyle: fc.constantFrom<ToStringOptions['collectionStyle']>('any', 'any', 'block', 'flow'),
  defaultStringType: fc.constantFrom<ToStringOptions['defaultStringType']>('PLAIN', 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  comment: fc.boolean(),
});
const file = fc.tuple(fc.array(fc.oneof({ weight: 6, arbitrary: manifest }, { weight: 1, arbitrary: list }), { minLength: 1, maxLength: 4 }), layout).map(([documents, style]) => {
  const { crlf, bom, comment, ...options } = style;
  const text = documents.map((document) => (comment ? '# generated\n' : '') + stringify(document, { version: '1.1', ...options })).join('---\n');
  return (bom ? '\uFEFF' : '') + (crlf ? text.replace(/\n/g, '\r\n') : text);
});

const generatedRun = fc.array(file, { minLength: 1, maxLength: 3 }).map((texts) => texts.map((text, i) => ({ filePath: `/generated/file-${i}.yaml`, text })));

it('generated manifests, alone and across files: lint never throws, both parsers agree', () => {
  fc.assert(fc.property(generatedRun, checkLint), runs(25));
}, TIMEOUT);

it('generated manifests, alone and across files: fixes parse and are final', () => {
  fc.assert(fc.property(generatedRun, checkFix), runs(25));
}, TIMEOUT);

// ---- Real manifests from ../shared/corpus, mutated the way files break ---------------------------------------------

const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
/**
 * Small and medium files keep each run short, in `npm run fuzz` too (a big CRD bundle took seconds a run): the big
 * files are linted whole, unchanged, by test/corpus.test.ts.
 */
const corpusFiles = fg.sync('**/*.{yaml,yml,json}', { cwd: CORPUS, absolute: true }).filter((path) => statSync(path).size < 16_000);

/** Fragments that mean something to YAML or to the rules. */
const FRAGMENTS = ['\t', ' ', '\n', '\r\n', '\r', '- ', ': ', ':', '#', '"', "'", '[', ']', '{', '}', ',', '&a ', '*a', '<<: ', '!!str ', '!x ', '---\n', '...\n', '|\n', '>-\n', '? ', '%YAML 1.1\n', '\0', '\uFEFF', 'é', '😀', 'null', '~', 'Delete', 'persistentVolumeReclaimPolicy: Delete\n', 'kind: PersistentVolume\n', '{{ .Values.x }}'];
const mutation = fc.oneof(
  fc.record({ type: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 })) }),
  fc.record({ type: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ type: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ type: fc.constant('swapLines' as const), at: fc.nat() }),
  fc.record({ type: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ type: fc.constant('indent' as const), at: fc.nat(), by: fc.constantFrom(-2, -1, 1, 2) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, change: Mutation): string {
  const at = text.length === 0 ? 0 : change.at % (text.length + 1);
  const lines = text.split('\n');
  const line = lines.length === 0 ? 0 : change.at % lines.length;
  switch (change.type) {
    case 'insert':
      return text.slice(0, at) + change.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + change.length);
    case 'truncate':
      return text.slice(0, at);
    case 'duplicateLine':
      lines.splice(line, 0, lines[line]!);
      return lines.join('\n');
    case 'swapLines':
      if (line + 1 < lines.length) [lines[line], lines[line + 1]] = [lines[line + 1]!, lines[line]!];
      return lines.join('\n');
    case 'indent':
      lines[line] = change.by > 0 ? ' '.repeat(change.by) + lines[line] : lines[line]!.replace(new RegExp(`^ {0,${-change.by}}`), '');
      return lines.join('\n');
  }
}

const damagedFile = fc.tuple(fc.constantFrom(...corpusFiles), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([path, changes]) => [
  { filePath: path, text: changes.reduce(mutate, readFileSync(path, 'utf8')) },
]);

it('real manifests with random damage: lint never throws, both parsers agree', () => {
  expect(corpusFiles.length).toBeGreaterThan(1000);
  fc.assert(fc.property(damagedFile, checkLint), runs(25));
}, TIMEOUT);

it('real manifests with random damage: fixes parse and are final', () => {
  fc.assert(fc.property(damagedFile, checkFix), runs(25));
}, TIMEOUT);
