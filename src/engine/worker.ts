import { parentPort, workerData } from 'node:worker_threads';
import { Linter, type LintedFile } from './linter.js';
import type { LintResult } from './types.js';
import { fromSpec, type FromWorker, type RemoteManifest, type SettingsSpec, type ToWorker } from './parallel.js';
import { readInputs } from './read-files.js';

/** A lint worker: phase 1 lints chunks of files, phase 2 resolves cross-document findings and finishes the rest. */
const linter = new Linter(fromSpec(workerData as SettingsSpec));
const pending: LintedFile[] = [];

parentPort!.on('message', (message: ToWorker) => {
  parentPort!.postMessage(message.type === 'lint' ? lint(message.paths) : finish(message.reports));
});

function lint(paths: string[]): FromWorker {
  const crossDocument: RemoteManifest[] = [];
  const failed: LintResult[] = [];
  const results = paths.map((filePath) => {
    const input = [...readInputs([filePath], failed)][0];
    if (!input) return failed.pop()!;
    const file = linter.lintFile(input);
    if (file.crossDocument.length === 0) return linter.finish(file);
    pending.push(file);
    for (const { filePath: path, docIndex, base, value } of file.crossDocument) crossDocument.push({ filePath: path, docIndex, base, value });
    return null;
  });
  return { type: 'linted', paths, results, crossDocument };
}

function finish(reports: Parameters<Linter['resolveDeferred']>[0]): FromWorker {
  linter.resolveDeferred(reports);
  const results = pending.map((file) => linter.finish(file));
  pending.length = 0;
  return { type: 'done', results, internalErrors: linter.internalErrors };
}
