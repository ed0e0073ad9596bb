import { readFileSync } from 'node:fs';
import type { InputFile } from './linter.js';
import type { LintResult } from './types.js';
import { unreadableResult } from './results.js';

/** Reads files one at a time as the linter asks for them; an unreadable file becomes a fatal result in `failed`. */
export function* readInputs(paths: readonly string[], failed: LintResult[]): Generator<InputFile> {
  for (const filePath of paths) {
    try {
      yield { filePath, text: readFileSync(filePath, 'utf8') };
    } catch (error) {
      failed.push(unreadableResult(filePath, error as Error));
    }
  }
}
