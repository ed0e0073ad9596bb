import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LintResult, Manifest, SourceMap } from './types.js';
import type { DeferredReport, LintSettings } from './linter.js';
import { Linter } from './linter.js';
import { readInputs } from './read-files.js';
import { NO_SOURCE } from './kept-sources.js';
import { rulesById } from '../rules/index.js';

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

/** A cross-document manifest without its source map: the map stays in the worker that parsed the file. */
export type RemoteManifest = Pick<Manifest, 'filePath' | 'docIndex' | 'base' | 'value'>;

export type ToWorker = { type: 'lint'; paths: string[] } | { type: 'cross'; reports: DeferredReport[] };
export type FromWorker =
  | { type: 'linted'; paths: string[]; results: (LintResult | null)[]; crossDocument: RemoteManifest[] }
  | { type: 'done'; results: LintResult[]; internalErrors: string[] };

/** `--concurrency auto|N|off` as ESLint reads it: the number of worker threads, 0 for none. */
export function threadCount(setting: string, fileCount: number): number {
  if (setting === 'off') return 0;
  if (setting === 'auto') return fileCount < 200 ? 0 : Math.min(availableParallelism(), 4);
  return Number(setting) > 1 ? Number(setting) : 0;
}

const CHUNK = 64;

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
): Promise<{ results: LintResult[]; internalErrors: string[] }> {
  const spec = toSpec(settings);
  const workers = Array.from({ length: Math.min(threads, Math.ceil(paths.length / CHUNK)) || 1 }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData: spec }));
  const results = new Map<string, LintResult>();
  const owner = new Map<string, Worker>();
  const crossDocument: { index: number; manifests: RemoteManifest[] }[] = [];
  const internalErrors: string[] = [];
  let next = 0;
  try {
    // Phase 1: hand out chunks until none are left.
    await Promise.all(
      workers.map(async (worker) => {
        while (next < paths.length) {
          const index = next;
          const chunk = paths.slice(index, (next += CHUNK));
          const reply = await request(worker, { type: 'lint', paths: chunk });
          if (reply.type !== 'linted') throw new Error('worker protocol');
          reply.results.forEach((result, i) => {
            if (result) results.set(chunk[i]!, result);
            else owner.set(chunk[i]!, worker);
          });
          crossDocument.push({ index, manifests: reply.crossDocument });
        }
      }),
    );
    // Phase 2: cross-document rules here, on every worker's manifests in file order.
    const linter = new Linter(settings);
    const manifests = crossDocument.sort((a, b) => a.index - b.index).flatMap(({ manifests }) => manifests.map((m): Manifest => ({ ...m, source: NO_SOURCE })));
    // Context files are parsed here: their manifests only feed the cross-document rules.
    if (linter.needsCrossDocument) for (const input of readInputs(context, [])) manifests.push(...linter.contextOf(input));
    const reports = linter.needsCrossDocument ? linter.runCrossDocument(manifests) : [];
    internalErrors.push(...linter.internalErrors);
    await Promise.all(
      workers.map(async (worker) => {
        const reply = await request(worker, { type: 'cross', reports: reports.filter((report) => owner.get(report.filePath) === worker) });
        if (reply.type !== 'done') throw new Error('worker protocol');
        for (const result of reply.results) results.set(result.filePath, result);
        internalErrors.push(...reply.internalErrors);
      }),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return { results: paths.map((path) => results.get(path)!), internalErrors };
}

function request(worker: Worker, message: ToWorker): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    worker.once('error', onError);
    worker.once('message', (reply: FromWorker) => {
      worker.off('error', onError);
      resolve(reply);
    });
    worker.postMessage(message);
  });
}
