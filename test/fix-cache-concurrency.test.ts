// --fix with --cache and --concurrency (src/cli/fix-run.ts): fixes are computed in this thread, written once, and
// the cache then holds the fixed files' results; a dry run leaves the cache describing the files on disk.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FIX_IN_THIS_THREAD, fixPaths } from '../src/cli/fix-run.js';
import type { LintSettings } from '../src/engine/linter.js';
import { lintPaths } from '../src/engine/lint-paths.js';
import { rulesById } from '../src/rules/index.js';
import { makeTree } from './helpers/run-cli.js';

const SETTINGS: LintSettings = {
  rules: ['pvc-pinned-volume', 'pv-reclaim-policy'].map((id) => ({ rule: rulesById.get(id)!, severity: 2 as const, options: rulesById.get(id)!.meta.defaultOptions })),
  kubernetesVersion: [1, 34],
  reportUnusedDisableDirectives: 0,
};
const CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  storageClassName: ""
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`;
const VOLUME = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: data-disk
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Delete
  storageClassName: ""
  hostPath: {path: /data}
`;
const FIXED_CLAIM = `${CLAIM}  selector:\n    matchLabels:\n      kubecarry.io/volume: data-disk\n`;
const FIXED_VOLUME = VOLUME.replace('Delete', 'Retain').replace('  name: data-disk\n', '  name: data-disk\n  labels:\n    kubecarry.io/volume: data-disk\n');

function setup() {
  const root = makeTree({ 'claim.yaml': CLAIM, 'volume.yaml': VOLUME });
  const files = [join(root, 'claim.yaml'), join(root, 'volume.yaml')];
  const notices: string[] = [];
  const run = { threads: 0, cacheLocation: join(root, '.kubecarrycache'), version: 'test' };
  const fix = (write: boolean, threads = 0) => fixPaths(files, SETTINGS, { write, root, run: { ...run, threads }, notice: (text) => notices.push(text) }, []);
  return { files, notices, run, fix, read: (i: number) => readFileSync(files[i]!, 'utf8') };
}

it('--fix --cache writes the fixes once, then the cache holds the fixed files: the next lint reuses both', async () => {
  const { fix, read, run, files, notices } = setup();
  const fixed = await fix(true);
  expect(fixed.results.map((result) => result.output)).toEqual([FIXED_CLAIM, FIXED_VOLUME]);
  expect([read(0), read(1)]).toEqual([FIXED_CLAIM, FIXED_VOLUME]);
  const next = await lintPaths(files, SETTINGS, run);
  expect(next.linted).toBe(0);
  expect(next.results.map((result) => result.messages)).toEqual([[], []]);
  expect(notices).toEqual([]);
});

it('--fix --cache with nothing left to fix answers from the cache and writes nothing', async () => {
  const { fix, read } = setup();
  await fix(true);
  const again = await fix(true);
  expect(again.results.map((result) => [result.output, result.errorCount])).toEqual([
    [undefined, 0],
    [undefined, 0],
  ]);
  expect([read(0), read(1)]).toEqual([FIXED_CLAIM, FIXED_VOLUME]);
});

it('--fix-dry-run --cache writes nothing, and the cache still describes the files on disk', async () => {
  const { fix, read, run, files } = setup();
  const dry = await fix(false);
  expect(dry.results.map((result) => result.output)).toEqual([FIXED_CLAIM, FIXED_VOLUME]);
  expect([read(0), read(1)]).toEqual([CLAIM, VOLUME]);
  const next = await lintPaths(files, SETTINGS, run);
  expect(next.linted).toBe(0);
  expect(next.results.map((result) => result.messages.map((message) => message.ruleId))).toEqual([['pvc-pinned-volume'], ['pv-reclaim-policy']]);
});

it('--fix --concurrency 2 fixes in this thread, says so, and gives what a single thread gives', async () => {
  const { fix, read, notices } = setup();
  const fixed = await fix(true, 2);
  expect(notices).toEqual([FIX_IN_THIS_THREAD]);
  expect(fixed.results.map((result) => result.output)).toEqual([FIXED_CLAIM, FIXED_VOLUME]);
  expect([read(0), read(1)]).toEqual([FIXED_CLAIM, FIXED_VOLUME]);
});
