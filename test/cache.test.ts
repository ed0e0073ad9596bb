import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { lintPaths, type CacheStrategy } from '../src/engine/lint-paths.js';
import { Linter, waitingTexts, type LintedFile, type LintSettings } from '../src/engine/linter.js';
import { rules } from '../src/rules/index.js';
import { makeTree, runCli } from './helpers/run-cli.js';
import type { LintResult } from '../src/engine/types.js';

const CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  namespace: shop
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`;
const volume = (claimRef: boolean) => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: data-disk
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
${claimRef ? '  claimRef: {namespace: shop, name: data}\n' : ''}  hostPath: {path: /data}
`;
const OTHER = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data: {a: b}
`;

function settings(overrides: Record<string, 1 | 2> = {}): LintSettings {
  const severity = (id: string): 1 | 2 => overrides[id] ?? 2;
  return { rules: rules.map((rule) => ({ rule, severity: severity(rule.id), options: rule.meta.defaultOptions })), kubernetesVersion: [1, 34], reportUnusedDisableDirectives: 0 };
}

interface RunSetup {
  version?: string;
  overrides?: Record<string, 1 | 2>;
  cacheStrategy?: CacheStrategy;
  /** Which files are linted; the rest are `--context`. */
  linted?: readonly string[];
}

function setup() {
  const root = makeTree({ 'claim.yaml': CLAIM, 'volume.yaml': volume(true), 'other.yaml': OTHER });
  const paths = ['claim.yaml', 'other.yaml', 'volume.yaml'].map((name) => join(root, name));
  const cacheLocation = join(root, '.kubecarrycache');
  const run = ({ linted = paths, ...options }: RunSetup = {}) =>
    lintPaths(linted, settings(options.overrides), {
      threads: 0,
      cacheLocation,
      cacheStrategy: options.cacheStrategy,
      version: options.version ?? '1.0.0',
      context: paths.filter((path) => !linted.includes(path)),
    });
  return { root, paths, run, cacheLocation };
}

/** The entries of the older layout: each with its cross-document values inline. */
function mapValues(files: Record<string, object>, values: Record<string, unknown>): Record<string, object> {
  return Object.fromEntries(Object.entries(files).map(([path, entry]) => [path, { ...entry, crossDocument: values[path] ?? [] }]));
}

const ruleIds = (outcome: Awaited<ReturnType<typeof lintPaths>>, index: number) => outcome.results[index]!.messages.map((m) => `${m.ruleId}@${m.line}`);

describe('--cache', () => {
  it('a re-run with nothing changed lints nothing and gives identical results', async () => {
    const { run } = setup();
    const cold = await run();
    expect(cold.linted).toBe(3);
    const warm = await run();
    expect(warm.linted).toBe(0);
    expect(JSON.stringify(warm.results)).toBe(JSON.stringify(cold.results));
  });

  it('a changed file is linted again, and only that file', async () => {
    const { run, paths } = setup();
    await run();
    writeFileSync(paths[1]!, OTHER.replace('a: b', 'a: c'));
    expect((await run()).linted).toBe(1);
  });

  it('a changed config or a new kubecarry version invalidates everything', async () => {
    const { run } = setup();
    await run();
    const changed = await run({ overrides: { 'pv-reclaim-policy': 1 } });
    expect(changed.linted).toBe(3);
    expect((await run({ overrides: { 'pv-reclaim-policy': 1 } })).linted).toBe(0);
    expect((await run({ overrides: { 'pv-reclaim-policy': 1 }, version: '1.0.1' })).linted).toBe(3);
  });

  it('a change in another file that a cross-document rule reads invalidates the dependent file', async () => {
    const { run, paths } = setup();
    const before = await run();
    expect(ruleIds(before, 0)).not.toContain('pvc-pinned-volume@4');
    // The volume no longer reserves the claim: the unchanged claim file must now report it.
    writeFileSync(paths[2]!, volume(false));
    const after = await run();
    expect(after.linted).toBe(2);
    expect(ruleIds(after, 0)).toContain('pvc-pinned-volume@4');
    // ...and back.
    writeFileSync(paths[2]!, volume(true));
    expect(ruleIds(await run(), 0)).not.toContain('pvc-pinned-volume@4');
  });

  it('a change in a --context file that a cross-document rule reads invalidates the dependent file', async () => {
    const { run, paths } = setup();
    const linted = paths.slice(0, 2);
    expect(ruleIds(await run({ linted }), 0)).not.toContain('pvc-pinned-volume@4');
    expect((await run({ linted })).linted).toBe(0);
    writeFileSync(paths[2]!, volume(false));
    const after = await run({ linted });
    expect(after.linted).toBe(1);
    expect(ruleIds(after, 0)).toContain('pvc-pinned-volume@4');
  });

  it('a new file that a cross-document rule reads invalidates the dependent file', async () => {
    const { run, paths } = setup();
    rmSync(paths[2]!);
    const linted = paths.slice(0, 2);
    // No volume reserves the claim...
    expect(ruleIds(await run({ linted }), 0)).toContain('pvc-pinned-volume@4');
    // ...until a new file holds one: the unchanged claim, taken from the cache before, is linted again.
    writeFileSync(paths[2]!, volume(true));
    const after = await run();
    expect(after.linted).toBe(2);
    expect(ruleIds(after, 0)).not.toContain('pvc-pinned-volume@4');
  });

  it('with nothing changed, the cross-document rules do not run again; with one file changed they do', async () => {
    const { run, paths } = setup();
    const runCrossDocument = vi.spyOn(Linter.prototype, 'runCrossDocument');
    try {
      await run();
      expect(runCrossDocument).toHaveBeenCalledTimes(1);
      await run();
      expect(runCrossDocument).toHaveBeenCalledTimes(1);
      writeFileSync(paths[1]!, OTHER.replace('a: b', 'a: c'));
      await run();
      expect(runCrossDocument).toHaveBeenCalledTimes(1);
      writeFileSync(paths[0]!, CLAIM.replace('1Gi', '2Gi'));
      await run();
      expect(runCrossDocument).toHaveBeenCalledTimes(2);
    } finally {
      runCrossDocument.mockRestore();
    }
  });

  it('a missing or corrupt cache file is rebuilt', async () => {
    const { run, cacheLocation } = setup();
    writeFileSync(cacheLocation, '{not json');
    expect((await run()).linted).toBe(3);
    rmSync(cacheLocation);
    expect((await run()).linted).toBe(3);
    expect((await run()).linted).toBe(0);
  });

  it('a cache file of an older layout (no format) is rebuilt, even with the same version and settings', async () => {
    const { run, cacheLocation } = setup();
    await run();
    const [entries, values] = readFileSync(cacheLocation, 'utf8').split('\n');
    const { format: _, ...older } = JSON.parse(entries!) as Record<string, unknown>;
    writeFileSync(cacheLocation, JSON.stringify({ ...older, files: mapValues(older['files'] as Record<string, object>, JSON.parse(values!)) }));
    expect((await run()).linted).toBe(3);
    expect((await run()).linted).toBe(0);
  });

  it('a cache whose cross-document values are lost lints again the files that had some, and only when those rules run again', async () => {
    const { run, paths, cacheLocation } = setup();
    await run();
    writeFileSync(cacheLocation, `${readFileSync(cacheLocation, 'utf8').split('\n')[0]}\n{damaged`);
    expect((await run()).linted).toBe(0);
    writeFileSync(paths[0]!, CLAIM.replace('storage: 1Gi', 'storage: 2Gi'));
    const outcome = await run();
    // claim.yaml changed; volume.yaml holds a cross-document manifest whose values were lost; other.yaml holds none.
    expect(outcome.linted).toBe(2);
    const fresh = await lintPaths(paths, settings(), { threads: 0, version: '1.0.0' });
    expect(outcome.results.map((result) => result.messages)).toEqual(fresh.results.map((result) => result.messages));
    expect((await run()).linted).toBe(0);
  });

  it('a cache whose cross-document values are lost, then a change in a file that holds none, gives the results of a run without it', async () => {
    const { run, paths, cacheLocation } = setup();
    writeFileSync(paths[2]!, volume(false)); // the claim gets a cross-document finding
    await run();
    writeFileSync(cacheLocation, `${readFileSync(cacheLocation, 'utf8').split('\n')[0]}\n{damaged`);
    writeFileSync(paths[1]!, OTHER.replace('a: b', 'a: c'));
    const fresh = await lintPaths(paths, settings(), { threads: 0, version: '1.0.0' });
    const messages = (outcome: Awaited<ReturnType<typeof lintPaths>>) => outcome.results.map((result) => result.messages);
    // The entries whose values were lost are dropped: the runs after must lint them and run the cross-document
    // rules again, though the files holding cross-document manifests did not change.
    for (let i = 0; i < 3; i++) expect(messages(await run())).toEqual(messages(fresh));
    expect((await run()).linted).toBe(0);
  });

  it('a changed claim re-runs the cross-document rules on the cached volume: its values come back from the cache', async () => {
    const { run, paths } = setup();
    await run();
    writeFileSync(paths[0]!, CLAIM.replace('name: data\n  namespace', 'name: other\n  namespace'));
    const outcome = await run();
    // The volume's claimRef now names a claim that is gone: its finding is made from the volume's cached values.
    expect(outcome.linted).toBeGreaterThanOrEqual(1);
    const fresh = await lintPaths(paths, settings(), { threads: 0, version: '1.0.0' });
    expect(outcome.results.map((result) => result.messages)).toEqual(fresh.results.map((result) => result.messages));
  });

  it('the metadata strategy trusts size and mtime; the content strategy reads and hashes', async () => {
    const { run, paths } = setup();
    const fixed = new Date('2026-01-01T00:00:00Z');
    utimesSync(paths[1]!, fixed, fixed);
    await run();
    // A same-size edit that keeps the mtime, as one within a single clock tick would.
    writeFileSync(paths[1]!, OTHER.replace('a: b', 'a: c'));
    utimesSync(paths[1]!, fixed, fixed);
    expect((await run()).linted).toBe(0);
    expect((await run({ cacheStrategy: 'content' })).linted).toBe(1);
  });

  it('a touched file with unchanged content is taken from the cache by its hash, and its new mtime is kept', async () => {
    const { run, paths, cacheLocation } = setup();
    await run();
    const later = new Date(Date.now() + 60_000);
    utimesSync(paths[1]!, later, later);
    expect((await run()).linted).toBe(0);
    const stored = JSON.parse(readFileSync(cacheLocation, 'utf8').split('\n')[0]!).files[paths[1]!];
    expect(stored.mtimeMs).toBe(statSync(paths[1]!).mtimeMs);
  });

  it('a cached result with problems gets its source back from the file', async () => {
    const { run, paths } = setup();
    writeFileSync(paths[2]!, volume(false));
    const cold = await run();
    const warm = await run();
    expect(warm.linted).toBe(0);
    const claim = warm.results[0]!;
    expect(claim.errorCount + claim.warningCount).toBeGreaterThan(0);
    expect(claim.source).toBe(readFileSync(paths[0]!, 'utf8'));
    expect(JSON.stringify(warm.results)).toBe(JSON.stringify(cold.results));
  });

  it('a cached result gets its source back without the byte order mark, as a linted one has it', async () => {
    const { run, paths } = setup();
    writeFileSync(paths[0]!, `\uFEFF${CLAIM}`);
    writeFileSync(paths[2]!, volume(false));
    const cold = await run();
    const warm = await run();
    expect(warm.linted).toBe(0);
    expect(warm.results[0]!.errorCount).toBeGreaterThan(0);
    expect(warm.results[0]!.source).toBe(CLAIM);
    expect(JSON.stringify(warm.results)).toBe(JSON.stringify(cold.results));
  });

  it.each<CacheStrategy>(['metadata', 'content'])('a schema added, changed or removed in a --schema directory invalidates the cache (%s)', (cacheStrategy) => {
    const certificate = 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web}\nspec: {secretName: web-tls}\n';
    const cwd = makeTree({ 'cert.yaml': certificate, 'schemas/README.md': 'CRD schemas\n' });
    const schemaFile = join(cwd, 'schemas', 'certificate-cert-manager-v1.json');
    const args = ['lint', 'cert.yaml', '--schema', 'schemas', '-f', 'json', '--cache', '--cache-strategy', cacheStrategy, '--cache-location', '.cache'];
    const rulesOf = () => (JSON.parse(runCli(args, { cwd }).stdout) as LintResult[])[0]!.messages.map((message) => message.ruleId);
    expect(rulesOf()).toEqual(['unvalidated-kind']);
    writeFileSync(schemaFile, '{"type": "object"}');
    expect(rulesOf()).toEqual([]);
    // Same size, another content: the metadata strategy sees the new mtime.
    writeFileSync(schemaFile, '{"type": "string"}');
    const later = new Date(Date.now() + 60_000);
    utimesSync(schemaFile, later, later);
    expect(rulesOf()).toEqual(['schema']);
    rmSync(schemaFile);
    expect(rulesOf()).toEqual(['unvalidated-kind']);
  });

  it('files waiting for the cross-document rules let go of their texts past the budget, to the same results', async () => {
    // The volume no longer reserves the claim: the claim gets a cross-document finding, so its text is read again.
    const cold = async () => {
      const { run, paths } = setup();
      writeFileSync(paths[2]!, volume(false));
      const { results } = await run();
      return { paths, results, json: JSON.stringify(results).replaceAll(dirname(paths[0]!), '') };
    };
    const kept = await cold();
    const budget = waitingTexts.budget;
    waitingTexts.budget = 0;
    const waitedWithout: string[] = [];
    const original = Linter.prototype.restoreText;
    const restoreText = vi.spyOn(Linter.prototype, 'restoreText').mockImplementation(function (this: Linter, file: LintedFile, reports) {
      if (file.text === '') waitedWithout.push(file.filePath);
      return original.call(this, file, reports);
    });
    try {
      const dropped = await cold();
      expect(waitedWithout).toEqual([dropped.paths[0], dropped.paths[2]]);
      expect(dropped.results[0]!.source).toBe(CLAIM);
      expect(dropped.json).toBe(kept.json);
    } finally {
      restoreText.mockRestore();
      waitingTexts.budget = budget;
    }
  });

  it('a file deleted since the last run gets a fatal result, not a stale one', async () => {
    const { run, paths } = setup();
    await run();
    rmSync(paths[1]!);
    const outcome = await run();
    expect(outcome.results[1]!.fatalErrorCount).toBe(1);
    expect(outcome.results[1]!.messages[0]!.message).toMatch(/no such file|ENOENT/i);
  });
});
