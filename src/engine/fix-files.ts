import { applyFixes } from './apply-fixes.js';
import { lintFiles, type InputFile, type LintSettings } from './linter.js';
import type { LintMessage, LintResult } from './types.js';
import { parseYaml } from '../parse/parse-yaml.js';
import { parseInParts } from '../parse/document-parts.js';

/** ESLint stops after this many fix passes, whatever is left. */
const MAX_PASSES = 10;
const BOM = '\uFEFF';

export interface FixOptions {
  /** Which messages' fixes to apply (`--fix-type`); all when absent. */
  accept?: (message: LintMessage) => boolean;
  /** Files read only by cross-document rules (`--context`), never fixed or reported on. */
  context?: readonly InputFile[];
}

/**
 * ESLint's verifyAndFix over a set of files: lint them all (cross-document rules see every file), apply the
 * non-overlapping fixes of each file, and repeat until nothing changes or 10 passes. A fix that would leave a file
 * unparseable is dropped. Results describe the fixed text; `output` is set on files whose text changed.
 */
export function fixFiles(inputs: readonly InputFile[], settings: LintSettings, options: FixOptions = {}): { results: LintResult[]; internalErrors: string[] } {
  const boms = inputs.map((input) => input.text.startsWith(BOM));
  const texts = inputs.map((input, i) => (boms[i] ? input.text.slice(1) : input.text));
  const original = [...texts];
  const fixSettings = { ...settings, computeFixes: true };
  let linted = lintFiles(current(), fixSettings, options.context);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    linted.results.forEach((result, i) => {
      if (result.fatalErrorCount > 0) return;
      const messages = options.accept ? result.messages.filter(options.accept) : result.messages;
      const { output, fixed } = applyFixes(texts[i]!, messages);
      if (!fixed || parseInParts(output, parseYaml).errors.length > 0) return;
      texts[i] = output;
      changed = true;
    });
    if (!changed) break;
    linted = lintFiles(current(), fixSettings, options.context);
  }
  const results = linted.results.map((result, i) => {
    if (texts[i] === original[i]) return result;
    const { source: _, usedDeprecatedRules, ...rest } = result;
    return { ...rest, output: (boms[i] ? BOM : '') + texts[i], usedDeprecatedRules } as LintResult;
  });
  return { results, internalErrors: linted.internalErrors };

  function current(): InputFile[] {
    return inputs.map((input, i) => ({ filePath: input.filePath, text: texts[i]! }));
  }
}
