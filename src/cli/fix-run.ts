import { fixFiles } from '../engine/fix-files.js';
import type { LintSettings } from '../engine/linter.js';
import { lintPaths, readContext, type RunOptions } from '../engine/lint-paths.js';
import { readInputs } from '../engine/read-files.js';
import type { LintMessage, LintResult } from '../engine/types.js';
import { writeAllFixed } from '../engine/write-fixed.js';

export interface FixRunOptions {
  /** `--fix-type`: which messages' fixes to apply. */
  accept?: (message: LintMessage) => boolean;
  /** `--fix` writes; `--fix-dry-run` only fills each result's `output`. */
  write: boolean;
  /** The linted directory: a symbolic link is written through only to a target inside it. */
  root: string;
  /** Threads, cache and context, as for linting. */
  run: RunOptions;
  /** Where a notice to the user goes (stderr). */
  notice: (text: string) => void;
}

export const FIX_IN_THIS_THREAD =
  'kubecarry: --concurrency is not used for fixing: a fix may span files and each pass re-lints them all, so fixes are computed and applied in this thread.\n';

/**
 * `--fix` and `--fix-dry-run` on files, with `--cache` and `--concurrency` defined as ESLint's where they can be:
 * - with the cache, a first lint through it (cheap for unchanged files) finds whether anything is fixable at all; if
 *   nothing is, its results are the answer;
 * - fixes are computed and applied in this thread (with a notice under `--concurrency`): worker threads each hold part
 *   of the files, and a fix may edit a file another worker holds;
 * - after `--fix` writes, the cache is brought up to date by linting through it again: the fixed files (new size,
 *   time and content) are linted afresh, the others reused, as ESLint re-lints fixed files and caches their results.
 *   The results reported are the fix loop's, which describe the same texts and carry `output`;
 * - `--fix-dry-run` writes nothing, so the cache, describing the files on disk, stays as the first lint left it.
 */
export async function fixPaths(
  files: readonly string[],
  settings: LintSettings,
  options: FixRunOptions,
  failed: LintResult[],
): Promise<{ results: LintResult[]; internalErrors: string[] }> {
  const { run } = options;
  if (run.cacheLocation) {
    const first = await lintPaths(files, settings, { ...run, threads: 0 });
    if (!first.results.some((result) => result.fixableErrorCount + result.fixableWarningCount > 0)) return first;
  }
  if (run.threads > 0) options.notice(FIX_IN_THIS_THREAD);
  const inputs = [...readInputs(files, failed)];
  // A formatter that prints only suggestions' descriptions gets them as `lint` gives them to it, unrendered.
  const suggestions = settings.computeFixes ? 'render' : 'describe';
  const linted = fixFiles(inputs, settings, { accept: options.accept, context: [...readContext(run.context ?? [])], suggestions });
  if (!options.write) return linted;
  const results = await writeAllFixed(linted.results, inputs, options.root);
  if (run.cacheLocation && results.some((result) => result.output !== undefined)) {
    const refreshed = await lintPaths(files, settings, { ...run, threads: 0 });
    linted.internalErrors.push(...refreshed.internalErrors.filter((error) => !linted.internalErrors.includes(error)));
  }
  return { results, internalErrors: linted.internalErrors };
}
