import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { applyFixUnits } from '../../src/engine/apply-fixes.js';
import { fixFiles } from '../../src/engine/fix-files.js';
import { lintFiles, type LintSettings } from '../../src/engine/linter.js';
import { lintPaths } from '../../src/engine/lint-paths.js';
import { rulesById } from '../../src/rules/index.js';

const rule = rulesById.get('pvc-pinned-volume')!;
const SETTINGS: LintSettings = {
  rules: [{ rule, severity: 2, options: rule.meta.defaultOptions }],
  kubernetesVersion: [1, 34],
  reportUnusedDisableDirectives: 0,
};

const VOLUME = `# the disk with the data
apiVersion: v1
kind: PersistentVolume
metadata:
  name: data-disk
spec:
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: ""
  csi: {driver: disk.csi.azure.com, volumeHandle: data}
`;
const CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce] # as the volume
  resources: {requests: {storage: 10Gi}}
`;

it('applies a fix that spans files to both files, and nothing is left to fix', () => {
  const { results } = fixFiles(
    [
      { filePath: 'claim.yaml', text: CLAIM },
      { filePath: 'volume.yaml', text: VOLUME },
    ],
    SETTINGS,
  );
  expect(results[0]!.output).toBe(`${CLAIM}  selector:\n    matchLabels:\n      kubecarry.io/volume: data-disk\n  storageClassName: ""\n`);
  expect(results[1]!.output).toBe(VOLUME.replace('  name: data-disk\n', '  name: data-disk\n  labels:\n    kubecarry.io/volume: data-disk\n'));
  expect(results.map((result) => result.messages)).toEqual([[], []]);
});

it('reports a fix across files as fixable, without a partial ESLint `fix` on the message', () => {
  const { results } = lintFiles(
    [
      { filePath: 'claim.yaml', text: CLAIM },
      { filePath: 'volume.yaml', text: VOLUME },
    ],
    { ...SETTINGS, computeFixes: true },
  );
  const [message] = results[0]!.messages;
  expect(message).toMatchObject({ ruleId: 'pvc-pinned-volume', messageId: 'one', line: 4, column: 9 });
  expect(message!.fix).toBeUndefined();
  expect(results[0]!.fixableErrorCount).toBe(1);
});

it('applies none of a fix whose other file is only context (never written)', () => {
  const { results } = fixFiles([{ filePath: 'claim.yaml', text: CLAIM }], SETTINGS, { context: [{ filePath: 'volume.yaml', text: VOLUME }] });
  expect(results[0]!.output).toBeUndefined();
  expect(results[0]!.messages.map((message) => message.messageId)).toEqual(['one']);
});

it('keeps the fix across files through the cache (its ops are plain data)', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'kubecarry-across-'));
  const paths = [join(directory, 'claim.yaml'), join(directory, 'volume.yaml')];
  writeFileSync(paths[0]!, CLAIM);
  writeFileSync(paths[1]!, VOLUME);
  const options = { threads: 0, cacheLocation: join(directory, '.cache'), version: 'test' };
  for (let run = 0; run < 2; run++) {
    const { results, internalErrors } = await lintPaths(paths, SETTINGS, options);
    expect(internalErrors).toEqual([]);
    expect(results.map((result) => result.fixableErrorCount)).toEqual([1, 0]);
  }
});

it('offers one suggestion per volume that fits, each setting spec.volumeName in the claim', () => {
  const other = VOLUME.replaceAll('data-disk', 'spare-disk').replace('volumeHandle: data', 'volumeHandle: spare');
  const text = `${VOLUME}---\n${other}---\n${CLAIM}`;
  const { results } = lintFiles([{ filePath: 'all.yaml', text }], { ...SETTINGS, computeFixes: true });
  const [message] = results[0]!.messages;
  expect(message!.fix).toBeUndefined();
  expect(message!.message).toContain('pin it to the volume holding its data ("data-disk", "spare-disk" could serve it)');
  expect(message!.suggestions!.map((suggestion) => suggestion.desc)).toEqual([
    'Pin it to volume "data-disk" with spec.volumeName and storageClassName "".',
    'Pin it to volume "spare-disk" with spec.volumeName and storageClassName "".',
  ]);
  const { range, text: inserted } = message!.suggestions![0]!.fix;
  expect(text.slice(0, range[0]) + inserted + text.slice(range[1])).toBe(`${text}  volumeName: data-disk\n  storageClassName: ""\n`);
});

const fix = (start: number, end: number, text: string) => ({ range: [start, end] as [number, number], text });

it('applyFixUnits: a unit with an overlapping part waits whole, even its part in another file', () => {
  const units = [{ parts: [{ file: 0, fix: fix(0, 1, 'A') }] }, { parts: [{ file: 1, fix: fix(0, 1, 'X') }, { file: 0, fix: fix(1, 2, 'B') }] }];
  expect(applyFixUnits(['ab', 'xy'], units)).toEqual(['Ab', 'xy']);
});

it('applyFixUnits: a file whose result does not parse drops every unit editing it, in every file', () => {
  const units = [{ parts: [{ file: 0, fix: fix(0, 1, 'A') }, { file: 1, fix: fix(0, 1, '!') }] }, { parts: [{ file: 0, fix: fix(1, 2, 'B') }] }];
  expect(applyFixUnits(['ab', 'xy'], units, (text) => !text.includes('!'))).toEqual(['aB', 'xy']);
});
