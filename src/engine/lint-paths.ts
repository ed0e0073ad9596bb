import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DeferredReport, InputFile, Linter, LintSettings, LintedFile } from './linter.js';
import { LintCache, contentHash, signature, type CacheEntry, type CrossDocumentValues } from './cache.js';
import { lintInWorkers, remoteManifest, toSpec, type RemoteManifest } from './parallel.js';
import { NO_SOURCE } from './no-source.js';
import { failedResult, readInputs, readSource, withoutBom, type ReadFile } from './read-files.js';
import type { LintResult, Manifest } from './types.js';

export interface RunOptions {
  /** Worker threads; 0 lints in this thread. */
  threads: number;
  /** `--cache-location`; undefined without `--cache`. */
  cacheLocation?: string;
  /** Part of the cache key: a new kubecarry version invalidates every entry. */
  version: string;
  /** `--cache-strategy`: `metadata` (ESLint's default) trusts size and mtime, `content` hashes every file. */
  cacheStrategy?: CacheStrategy;
  /** Files read only by cross-document rules (`--context`), never reported on; disjoint from the linted paths. */
  context?: readonly string[];
  /** Where a notice to the user goes (stderr): a cache that cannot be written. */
  notice?: (text: string) => void;
}

export type CacheStrategy = 'metadata' | 'content';

/** Lints files from disk: through the cache when asked, in worker threads when asked. Results follow `paths`. */
export interface RunOutcome {
  results: LintResult[];
  internalErrors: string[];
  /** With the cache: how many files were linted rather than taken from it. */
  linted?: number;
}

export async function lintPaths(paths: readonly string[], settings: LintSettings, options: RunOptions): Promise<RunOutcome> {
  if (options.cacheLocation) return lintWithCache(paths, settings, options.cacheLocation, options);
  const context = options.context ?? [];
  if (options.threads > 0) return lintInWorkers(paths, settings, options.threads, context);
  const failed: LintResult[] = [];
  const { lintFiles } = await import('./linter.js');
  const { results, internalErrors } = lintFiles(readInputs(paths, failed), settings, readContext(context));
  const byPath = new Map([...results, ...failed].map((result) => [result.filePath, result]));
  return { results: paths.map((path) => byPath.get(path)!), internalErrors };
}

/**
 * ESLint's `--cache`. A file is reused when its size and mtime (`metadata`) or its content hash (`content`) match
 * and the cross-document findings it received are unchanged: cross-document rules always run, on the cached plain
 * values of unchanged files and the fresh ones of changed files, so a change elsewhere invalidates exactly the files
 * it affects. Files reused by metadata are not even read unless their result needs its `source`. With worker threads,
 * a cache with nothing to reuse (the first run, a new version, new settings) is filled by a worker run; otherwise the
 * files that changed are linted in this thread, as they are few.
 */
async function lintWithCache(paths: readonly string[], settings: LintSettings, location: string, options: RunOptions): Promise<RunOutcome> {
  const { version, threads } = options;
  const strategy = options.cacheStrategy ?? 'metadata';
  const context = options.context ?? [];
  // Cached results never hold `source` (withSource restores it when read), so omitSource is not part of the key.
  const schemas = schemaFiles(settings.schemaDirectories ?? [], strategy);
  const cache = new LintCache(location, contentHash(JSON.stringify({ version, settings: toSpec({ ...settings, omitSource: undefined }), schemas })));
  if (threads > 0 && cache.isNew) return lintAllInWorkers(paths, settings, cache, strategy, options);
  // Made when first needed: a run that takes every file from the cache never loads the linter (parsers, fixers) nor
  // builds the rules (schemas, validators).
  let made: Linter | undefined;
  const makeLinter = async () => (made ??= new (await import('./linter.js')).Linter(settings));
  const sources = new Map<string, ReadFile>();
  const stats = new Map<string, { size: number; mtimeMs: number }>();
  const hashes = new Map<string, string>();
  const hits = new Map<string, CacheEntry>();
  /** Linted files waiting for their cross-document findings; finished, each file's result and what it keeps for the cache. */
  const fresh = new Map<string, LintedFile>();
  const finished = new Map<string, Finished>();
  const failed = new Map<string, LintResult>();

  /** The file as read once; undefined (and a failure result) when it cannot be read. */
  const sourceOf = (filePath: string): ReadFile | undefined => {
    if (!sources.has(filePath)) {
      try {
        sources.set(filePath, readSource(filePath));
      } catch (error) {
        failed.set(filePath, failedResult(filePath, error as Error));
        return undefined;
      }
    }
    return sources.get(filePath);
  };
  const textOf = (filePath: string) => sourceOf(filePath)?.text;
  // As in lintFiles: a file holding no cross-document manifest is finished at once, and the files waiting for the
  // cross-document rules may let go of their texts.
  const lint = async (filePath: string) => {
    const source = sourceOf(filePath);
    if (source === undefined) return;
    sources.delete(filePath);
    const linter = await makeLinter();
    const file = linter.lintFile(source);
    if (file.crossDocument.length === 0) {
      finished.set(filePath, { result: linter.finish(file), crossDocument: [] });
      return;
    }
    fresh.set(filePath, file);
    linter.wait(file, source.reread!);
  };
  for (const filePath of paths) {
    try {
      const { size, mtimeMs } = statSync(filePath);
      stats.set(filePath, { size, mtimeMs });
    } catch (error) {
      failed.set(filePath, failedResult(filePath, error as Error));
      continue;
    }
    const byStat = strategy === 'metadata' ? cache.getByStat(filePath, stats.get(filePath)!) : undefined;
    if (byStat) {
      hits.set(filePath, byStat);
      hashes.set(filePath, byStat.hash);
      continue;
    }
    const text = textOf(filePath);
    if (text === undefined) continue;
    hashes.set(filePath, contentHash(text));
    const entry = cache.get(filePath, hashes.get(filePath)!);
    if (entry) hits.set(filePath, entry);
    else await lint(filePath);
  }

  // Cross-document findings depend only on the cross-document manifests, in order: when no file holding any (nor
  // any context file) changed, every entry's findings stand and the cross-document rules need not run again.
  const holds = (path: string) => {
    const hit = hits.get(path);
    return hit ? hit.crossDocumentCount > 0 : (fresh.get(path)?.crossDocument.length ?? 0) > 0;
  };
  const holders = paths.filter(holds).map((path): [string, string] => [path, hashes.get(path)!]);
  const crossKey = (await needsCrossDocument(cache, makeLinter)) ? crossInputsKey(holders, context, strategy) : '';
  const reportsByFile = new Map<string, DeferredReport[]>();
  if (crossKey !== cache.crossKey) {
    // A cached file whose values the cache lost is linted again.
    for (const [filePath, entry] of hits) {
      if (entry.crossDocumentCount > 0 && !cache.crossDocumentOf(filePath)) {
        hits.delete(filePath);
        await lint(filePath);
      }
    }
    const crossDocument = paths.flatMap((path): Manifest[] => {
      const hit = hits.get(path);
      const values: RemoteManifest[] = (hit ? cache.crossDocumentOf(path) : fresh.get(path)?.crossDocument) ?? [];
      return values.map((value) => ({ ...value, source: NO_SOURCE }));
    });
    const crossLinter = await makeLinter();
    for (const input of readContext(context)) crossDocument.push(...crossLinter.contextOf(input));
    for (const report of crossLinter.runCrossDocument(crossDocument)) {
      reportsByFile.set(report.filePath, [...(reportsByFile.get(report.filePath) ?? []), report]);
    }
    // A cached file whose cross-document findings changed is linted again.
    for (const [filePath, entry] of hits) {
      if (entry.crossSignature !== signature(reportsByFile.get(filePath) ?? [])) {
        hits.delete(filePath);
        await lint(filePath);
      }
    }
  }
  const entries: Record<string, CacheEntry> = {};
  const results = paths.map((filePath): LintResult => {
    const hit = hits.get(filePath);
    if (hit) {
      const stat = stats.get(filePath)!;
      entries[filePath] = hit.size === stat.size && hit.mtimeMs === stat.mtimeMs ? hit : { ...hit, ...stat };
      return settings.omitSource ? (hit.result as LintResult) : withSource(hit.result, () => withoutBom(textOf(filePath) ?? ''));
    }
    const failure = failed.get(filePath);
    if (failure) return failure;
    const fileReports = reportsByFile.get(filePath) ?? [];
    let done = finished.get(filePath);
    if (!done) {
      done = finishWaiting(made!, fresh.get(filePath)!, fileReports);
      finished.set(filePath, done);
      fresh.delete(filePath);
    }
    const { source: _, ...stored } = done.result;
    entries[filePath] = {
      hash: hashes.get(filePath)!,
      ...stats.get(filePath)!,
      result: stored,
      crossDocumentCount: done.crossDocument.length,
      crossSignature: signature(fileReports),
    };
    return done.result;
  });
  // Results of a run where a rule crashed are not worth keeping.
  const internalErrors = made?.internalErrors ?? [];
  if (internalErrors.length === 0) saveCache(cache, options, entries, () => crossDocumentValues(entries, finished, cache), crossKey);
  return { results, internalErrors, linted: finished.size };
}

/**
 * `--concurrency` with a cache that holds nothing to reuse: every file is linted in workers, as without the cache,
 * and the workers say what the cache keeps of each (the hash of the text they linted, its size and mtime when read,
 * its cross-document values); the cross-document findings each file got are known here.
 */
async function lintAllInWorkers(
  paths: readonly string[],
  settings: LintSettings,
  cache: LintCache,
  strategy: CacheStrategy,
  options: RunOptions,
): Promise<RunOutcome> {
  const { threads, context = [] } = options;
  const { results, internalErrors, forCache } = await lintInWorkers(paths, settings, threads, context, { forCache: true });
  const { identities, crossDocument, reports, crossDocumentRan } = forCache!;
  const entries: Record<string, CacheEntry> = {};
  results.forEach((result, index) => {
    const filePath = paths[index]!;
    const identity = identities.get(filePath);
    if (!identity) return; // not read: a failure, never cached
    const { source: _, ...stored } = result;
    const crossDocumentCount = crossDocument.get(filePath)?.length ?? 0;
    entries[filePath] = { ...identity, result: stored, crossDocumentCount, crossSignature: signature(reports.get(filePath) ?? []) };
  });
  const holders = paths.filter((path) => (entries[path]?.crossDocumentCount ?? 0) > 0).map((path): [string, string] => [path, entries[path]!.hash]);
  const crossKey = crossDocumentRan ? crossInputsKey(holders, context, strategy) : '';
  if (internalErrors.length === 0) saveCache(cache, options, entries, () => Object.fromEntries(holders.map(([path]) => [path, crossDocument.get(path)!])), crossKey);
  return { results, internalErrors, linted: identities.size };
}

/** Saves the cache; one that cannot be written (a read-only directory, a full disk) costs the next run time, not this run its report. */
function saveCache(cache: LintCache, options: RunOptions, ...args: Parameters<LintCache['save']>): void {
  try {
    cache.save(...args);
  } catch (error) {
    options.notice?.(`kubecarry: cannot write the cache (${(error as Error).message}): this run's results are not cached.\n`);
  }
}

/** A linted file once finished: its result, and the plain values of its cross-document manifests. */
interface Finished {
  result: LintResult;
  crossDocument: RemoteManifest[];
}

/**
 * A file that waited for its cross-document findings, finished with them (its text read again if it was let go).
 * What the cache keeps of it is taken apart, so that the file (its text, its source maps) can go.
 */
function finishWaiting(linter: Linter, file: LintedFile, reports: readonly DeferredReport[]): Finished {
  if (linter.restoreText(file, reports)) linter.resolveDeferred(reports);
  return { result: linter.finish(file), crossDocument: file.crossDocument.map(remoteManifest) };
}

/**
 * Whether cross-document rules run with these settings. A cache written with the same settings and version (its key)
 * says so without building the rules: its cross key is empty exactly when none ran.
 */
async function needsCrossDocument(cache: LintCache, linter: () => Promise<Linter>): Promise<boolean> {
  return cache.crossKey === undefined ? (await linter()).needsCrossDocument : cache.crossKey !== '';
}

/** The values to store: a linted file's, or a cached one's from the cache (one whose values are lost is dropped, to be linted next time). */
function crossDocumentValues(entries: Record<string, CacheEntry>, linted: ReadonlyMap<string, Finished>, cache: LintCache): CrossDocumentValues {
  const values: CrossDocumentValues = {};
  for (const [filePath, entry] of Object.entries(entries)) {
    if (entry.crossDocumentCount === 0) continue;
    const kept = linted.get(filePath)?.crossDocument ?? cache.crossDocumentOf(filePath);
    if (kept) values[filePath] = kept;
    else delete entries[filePath];
  }
  return values;
}

/** What cross-document findings depend on: the files holding cross-document manifests, in order, and the context files. */
function crossInputsKey(holders: readonly (readonly [string, string])[], context: readonly string[], strategy: CacheStrategy): string {
  return contentHash(JSON.stringify([holders, context.map((path) => [path, fileIdentity(path, strategy)])]));
}

/** A context file as the strategy sees it: size and mtime, or content hash. */
function fileIdentity(path: string, strategy: CacheStrategy): string {
  try {
    if (strategy === 'content') return contentHash(readSource(path).text);
    const { size, mtimeMs } = statSync(path);
    return `${size}:${mtimeMs}`;
  } catch {
    return 'unreadable';
  }
}

/**
 * The JSON files of the `--schema` directories as the strategy sees them: a schema added, changed or removed changes
 * what the schema rule reports on every object of its kind, so it invalidates the whole cache, as a setting does.
 */
function schemaFiles(directories: readonly string[], strategy: CacheStrategy): unknown[] {
  return directories.map((directory) => {
    try {
      const names = readdirSync(directory).filter((name) => name.endsWith('.json')).sort();
      return names.map((name) => [name, fileIdentity(join(directory, name), strategy)]);
    } catch {
      return 'unreadable';
    }
  });
}

/** Context files, read lazily; one that cannot be read only leaves its manifests out, as it is not being linted. */
export function readContext(paths: readonly string[]): Iterable<InputFile> {
  return readInputs(paths, []);
}

/**
 * ESLint sets `source` on results with problems; the cache leaves it out and the file's text restores it, read only
 * when something asks for it (the json formatter does, stylish does not), so a warm run need not read the files.
 */
function withSource(result: Omit<LintResult, 'source'>, text: () => string): LintResult {
  const { usedDeprecatedRules, ...rest } = result;
  const restored = { ...rest } as LintResult;
  if (result.errorCount + result.warningCount > 0 && result.output === undefined) {
    let source: string | undefined;
    Object.defineProperty(restored, 'source', { enumerable: true, configurable: true, get: () => (source ??= text()) });
  }
  restored.usedDeprecatedRules = usedDeprecatedRules;
  return restored;
}
