import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { LintResult, Manifest } from './types.js';
import type { DeferredReport, LintSettings } from './linter.js';
import { readInputs } from './read-files.js';
import { NO_SOURCE } from './no-source.js';
import { rulesById } from '../rules/index.js';
import { pushTo } from '../model/multimap.js';
import type { FileIdentity } from './cache.js';

/** LintSettings as plain data, to cross to a worker thread: rules by id. */
export interface SettingsSpec {
  rules: { id: string; severity: 1 | 2; options: unknown }[];
  kubernetesVersion: readonly [number, number];
  schemaDirectories?: readonly string[];
  reportUnusedDisableDirectives: LintSettings['reportUnusedDisableDirectives'];
}

export function toSpec(settings: LintSettings): SettingsSpec {
  return { ...settings, rules: settings.rules.map(({ rule, severity, options }) => ({ id: rule.id, severity, options })) };
}

export function fromSpec(spec: SettingsSpec): LintSettings {
  return { ...spec, rules: spec.rules.map(({ id, severity, options }) => ({ rule: rulesById.get(id)!, severity, options })) };
}

/** What a worker run tells `--cache` besides the results, by file: the files it read, their values, their findings. */
export interface ForCache {
  identities: Map<string, FileIdentity>;
  crossDocument: Map<string, RemoteManifest[]>;
  reports: Map<string, DeferredReport[]>;
  /** Whether any cross-document rule ran. */
  crossDocumentRan: boolean;
}

/** A cross-document manifest without its source map: the map stays in the worker that parsed the file. */
export type RemoteManifest = Pick<Manifest, 'filePath' | 'docIndex' | 'base' | 'value'>;

export const remoteManifest = ({ filePath, docIndex, base, value }: Manifest): RemoteManifest => ({ filePath, docIndex, base, value });

/**
 * Phase 1, `lint`: the worker lints a chunk and answers `linted` with the results of the files it could finish and
 * the cross-document manifests of the others (their results are null, the worker keeps them). Phase 2, `cross`: the
 * worker gets the cross-document findings on its files and answers `finished` batches, then `done`.
 */
export type ToWorker = { type: 'lint'; paths: string[]; identify: boolean } | { type: 'cross'; reports: DeferredReport[] };
export type FromWorker =
  | { type: 'linted'; results: (LintResult | null)[]; crossDocument: RemoteManifest[]; identities?: (FileIdentity | null)[] }
  | { type: 'finished'; results: LintResult[] }
  | { type: 'done'; internalErrors: string[] };

/**
 * Files one worker should have at least for `auto` to start it: below that its start (about 0.1 s of CPU, and the
 * JIT warming up again in its own isolate) costs more than it saves. ESLint's AUTO_FILES_PER_WORKER is 50 for files
 * that are much slower to lint than manifests.
 */
export const AUTO_FILES_PER_WORKER = 250;

/**
 * `--concurrency auto|N|off` as ESLint reads it: the number of worker threads, 0 for none (lint in this thread).
 * `auto` is ESLint's rule, one worker per AUTO_FILES_PER_WORKER files, fewer than 2 meaning none, capped by the
 * cores; ESLint caps at half the cores, as its main thread also lints (and hyperthreads share a core), while here
 * the main thread only hands out files, merges results and runs the cross-document rules, mostly while the workers
 * wait. N is at most the number of files.
 */
export function threadCount(setting: string, fileCount: number, cores = availableParallelism()): number {
  if (setting === 'off') return 0;
  if (setting === 'auto') {
    const workers = Math.min(cores, Math.ceil(fileCount / AUTO_FILES_PER_WORKER));
    return workers >= 2 ? workers : 0;
  }
  const count = Math.min(Number(setting), fileCount);
  return count > 1 ? count : 0;
}

/** Most files in one chunk: enough to make a message's cost small against linting them. */
const MAX_CHUNK = 64;

/** Chunks in flight per worker: the next one is already queued when a worker finishes one. */
const IN_FLIGHT = 2;

/**
 * Lints files in worker threads: each reads, parses and lints chunks of files and keeps only the cross-document
 * manifests; this thread runs the cross-document rules on their plain values and sends the findings back to the
 * worker holding each file. Results are in the order of `paths`, identical to a single-threaded run.
 */
export async function lintInWorkers(
  paths: readonly string[],
  settings: LintSettings,
  threads: number,
  context: readonly string[] = [],
  { forCache = false } = {},
): Promise<{ results: LintResult[]; internalErrors: string[]; forCache?: ForCache }> {
  const spec = toSpec(settings);
  // Loaded here: a run without workers (the default) does not pay for loading the module at start, nor a run that
  // takes every file from the cache for the linter.
  const [{ Worker }, { Linter }] = await Promise.all([import('node:worker_threads'), import('./linter.js')]);
  const url = workerUrl();
  const workers = Array.from({ length: Math.max(1, Math.min(threads, paths.length)) }, () => new Worker(url, { workerData: spec }));
  const results = new Map<string, LintResult>();
  const owner = new Map<string, Worker>();
  const crossDocument: { index: number; manifests: RemoteManifest[] }[] = [];
  const internalErrors: string[] = [];
  const cacheable: ForCache | undefined = forCache ? { identities: new Map(), crossDocument: new Map(), reports: new Map(), crossDocumentRan: false } : undefined;
  try {
    // Phase 1: chunks go to whichever worker asks next, smaller towards the end so that the workers finish together.
    let next = 0;
    const nextChunk = (): { index: number; paths: string[] } | undefined => {
      if (next >= paths.length) return undefined;
      const size = Math.max(1, Math.min(MAX_CHUNK, Math.ceil((paths.length - next) / (workers.length * 4))));
      const index = next;
      next += size;
      return { index, paths: paths.slice(index, next) };
    };
    await Promise.all(
      workers.map((worker) =>
        conversation(worker, (send, done) => {
          const queue: { index: number; paths: string[] }[] = [];
          const dispatch = () => {
            const chunk = nextChunk();
            if (!chunk) return;
            queue.push(chunk);
            send({ type: 'lint', paths: chunk.paths, identify: forCache });
          };
          for (let i = 0; i < IN_FLIGHT; i++) dispatch();
          if (queue.length === 0) return done();
          return (reply) => {
            if (reply.type !== 'linted') throw new Error('worker protocol');
            const chunk = queue.shift()!;
            dispatch();
            reply.results.forEach((result, i) => {
              if (result) results.set(chunk.paths[i]!, result);
              else owner.set(chunk.paths[i]!, worker);
              const identity = reply.identities?.[i];
              if (identity) cacheable?.identities.set(chunk.paths[i]!, identity);
            });
            if (cacheable) for (const manifest of reply.crossDocument) pushTo(cacheable.crossDocument, manifest.filePath, manifest);
            crossDocument.push({ index: chunk.index, manifests: reply.crossDocument });
            if (queue.length === 0) done();
          };
        }),
      ),
    );
    // Phase 2: cross-document rules here, on every worker's manifests in file order.
    const linter = new Linter(settings);
    const manifests = crossDocument.sort((a, b) => a.index - b.index).flatMap(({ manifests }) => manifests.map((m): Manifest => ({ ...m, source: NO_SOURCE })));
    crossDocument.length = 0;
    // Context files are parsed here: their manifests only feed the cross-document rules.
    if (linter.needsCrossDocument) for (const input of readInputs(context, [])) manifests.push(...linter.contextOf(input));
    const reports = linter.needsCrossDocument ? linter.runCrossDocument(manifests) : [];
    internalErrors.push(...linter.internalErrors);
    const reportsOf = new Map<Worker, DeferredReport[]>(workers.map((worker) => [worker, []]));
    for (const report of reports) reportsOf.get(owner.get(report.filePath)!)?.push(report);
    if (cacheable) {
      cacheable.crossDocumentRan = linter.needsCrossDocument;
      for (const report of reports) pushTo(cacheable.reports, report.filePath, report);
    }
    await Promise.all(
      workers.map((worker) =>
        conversation(worker, (send, done) => {
          send({ type: 'cross', reports: reportsOf.get(worker)! });
          return (reply) => {
            if (reply.type === 'finished') for (const result of reply.results) results.set(result.filePath, result);
            else if (reply.type === 'done') internalErrors.push(...reply.internalErrors), done();
            else throw new Error('worker protocol');
          };
        }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return { results: paths.map((path) => results.get(path)!), internalErrors, forCache: cacheable };
}

/**
 * The worker module: the bundle scripts/bundle-cli.mjs writes next to the bundled command line (one file loads several
 * times faster than the ~120 modules it holds), or the compiled module when there is no bundle.
 */
function workerUrl(): URL {
  const bundled = new URL('../kubecarry-worker.js', import.meta.url);
  return existsSync(fileURLToPath(bundled)) ? bundled : new URL('./worker.js', import.meta.url);
}

/**
 * Talks with a worker until `done` is called: `start` sends the first messages and returns what handles each reply.
 * A worker that fails or exits before then fails the run.
 */
function conversation(
  worker: Worker,
  start: (send: (message: ToWorker) => void, done: () => void) => ((reply: FromWorker) => void) | void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let onMessage: ((reply: FromWorker) => void) | void;
    const stop = () => {
      worker.off('message', handle);
      worker.off('error', fail);
      worker.off('exit', exited);
    };
    const done = () => {
      stop();
      resolve();
    };
    const fail = (error: unknown) => {
      stop();
      reject(error);
    };
    const exited = (code: number) => fail(new Error(`a lint worker exited early (code ${code})`));
    const handle = (reply: FromWorker) => {
      try {
        onMessage?.(reply);
      } catch (error) {
        fail(error);
      }
    };
    worker.on('message', handle);
    worker.on('error', fail);
    worker.on('exit', exited);
    try {
      onMessage = start((message) => worker.postMessage(message), done);
    } catch (error) {
      fail(error);
    }
  });
}
