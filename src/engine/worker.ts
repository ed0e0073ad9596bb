import { parentPort, workerData } from 'node:worker_threads';
import { Linter, type LintedFile } from './linter.js';
import type { LintResult } from './types.js';
import { fromSpec, remoteManifest, type FromWorker, type RemoteManifest, type SettingsSpec, type ToWorker } from './parallel.js';
import { contentHash, type FileIdentity } from './cache.js';
import { readInputs } from './read-files.js';

/** A lint worker: phase 1 lints chunks of files, phase 2 resolves cross-document findings and finishes the rest. */
const linter = new Linter(fromSpec(workerData as SettingsSpec));
const pending: LintedFile[] = [];

/** Finished files go back in batches: this thread goes on finishing while the main thread takes in a batch. */
const FINISHED_BATCH = 64;

const send = (message: FromWorker) => parentPort!.postMessage(message);

parentPort!.on('message', (message: ToWorker) => {
  if (message.type === 'lint') send(lint(message.paths, message.identify));
  else finish(message.reports);
});

/** Lints a chunk; with `identify`, also says what `--cache` keeps to know each file read (null: not read). */
function lint(paths: string[], identify: boolean): FromWorker {
  const crossDocument: RemoteManifest[] = [];
  const failed: LintResult[] = [];
  const identities: (FileIdentity | null)[] = [];
  const results = paths.map((filePath) => {
    const input = [...readInputs([filePath], failed)][0];
    if (identify) identities.push(input ? { hash: contentHash(input.text), size: input.snapshot.size, mtimeMs: input.snapshot.mtimeMs } : null);
    if (!input) return failed.pop()!;
    const file = linter.lintFile(input);
    if (file.crossDocument.length === 0) return linter.finish(file);
    pending.push(file);
    crossDocument.push(...file.crossDocument.map(remoteManifest));
    return null;
  });
  return { type: 'linted', results, crossDocument, ...(identify ? { identities } : {}) };
}

function finish(reports: Parameters<Linter['resolveDeferred']>[0]): void {
  const byFile = new Map<string, typeof reports[number][]>();
  for (const report of reports) byFile.set(report.filePath, [...(byFile.get(report.filePath) ?? []), report]);
  // One file at a time gets its findings and is finished, as in a single thread: its parse is redone and dropped.
  for (let start = 0; start < pending.length; start += FINISHED_BATCH) {
    const results = pending.slice(start, start + FINISHED_BATCH).map((file) => {
      linter.resolveDeferred(byFile.get(file.filePath) ?? []);
      return linter.finish(file);
    });
    send({ type: 'finished', results });
  }
  pending.length = 0;
  send({ type: 'done', internalErrors: linter.internalErrors });
}
