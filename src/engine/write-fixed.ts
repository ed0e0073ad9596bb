import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { ReadFile } from './read-files.js';
import { fileFatal, toLintResult } from './results.js';
import type { LintResult } from './types.js';
import { writeFileAtomic } from './write-atomic.js';

/**
 * Writes a fixed file (atomically, in its encoding, keeping its mode, unless it changed since it was read). A file
 * that cannot or may not be written gets a fatal message instead and keeps its old text; the other files go on.
 * A symbolic link is written through only when its target lies inside `root` (the linted directory): directory
 * walks never list links, but a link named on the command line may point anywhere.
 */
export function writeFixed(result: LintResult, input: ReadFile | undefined, root: string): LintResult {
  if (result.output === undefined) return result;
  try {
    const target = realpathSync(result.filePath);
    if (target !== result.filePath && !isInside(target, realpathSync(root))) {
      throw new Error(`${result.filePath} is a symbolic link to ${target}, outside the linted directory ${root}; kubecarry does not write there`);
    }
    writeFileAtomic(target, result.output, { encoding: input?.encoding, unchangedSince: input?.snapshot });
    return result;
  } catch (error) {
    const { output: _, ...rest } = result;
    const message = fileFatal(`Cannot write the fixed file: ${(error as Error).message}`);
    return toLintResult({ filePath: result.filePath, text: input?.text ?? '' }, [message, ...rest.messages], rest.suppressedMessages);
  }
}

function isInside(path: string, directory: string): boolean {
  const relativePath = relative(directory, path);
  return relativePath !== '' && !relativePath.startsWith(`..${sep}`) && relativePath !== '..' && !relativePath.startsWith(sep);
}
