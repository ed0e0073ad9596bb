import { isAbsolute, relative, sep } from 'node:path';
import type { FormatterContext } from './load-formatter.js';

/**
 * The directory report paths are relative to: the repository checkout on a GitHub runner (`GITHUB_WORKSPACE`, which
 * annotations and code scanning resolve paths against, whatever the step's working directory), else the cwd.
 */
export function reportRoot(context: Pick<FormatterContext, 'cwd'>): string {
  return process.env['GITHUB_WORKSPACE'] || context.cwd;
}

/** `filePath` relative to `root` with `/` separators, or undefined when it is outside `root` or not a path at all. */
export function relativeToRoot(filePath: string, root: string): string | undefined {
  if (!isAbsolute(filePath)) return undefined;
  const path = relative(root, filePath);
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}

/** How a file is named in a report: relative to the root where possible, else as given (stdin's `<text>`, other drives). */
export function displayPath(filePath: string, root: string): string {
  return relativeToRoot(filePath, root) ?? filePath;
}
