import { applyFixUnits, type FixUnit } from './apply-fixes.js';
import { fixAcrossFilesOf, fixForDocuments } from './spanning-fix.js';
import { lintFiles, renderSuggestions, type InputFile, type LintSettings, type OwnLint } from './linter.js';
import type { LintMessage, LintResult } from './types.js';
import { parseInParts } from '../parse/document-parts.js';
import { PARSERS, type Parse } from './lint-file.js';
import type { ParsedFile } from '../parse/parse-yaml.js';

/** Characters of fixed text whose checking parse is kept for the next pass (see CheckedParses). Tests lower it. */
export const keptParses = { budget: 16 * 1024 * 1024 };

/** ESLint stops after this many fix passes, whatever is left. */
const MAX_PASSES = 10;
const BOM = '\uFEFF';

export interface FixOptions {
  /** Which messages' fixes to apply (`--fix-type`); all when absent. */
  accept?: (message: LintMessage) => boolean;
  /** Files read only by cross-document rules (`--context`), never fixed or reported on. */
  context?: readonly InputFile[];
  /**
   * `describe` leaves the results' suggestions as descriptions (what `lint` gives a formatter that prints only those,
   * stylish); `render` (the default) renders those of the last pass as edits.
   */
  suggestions?: 'render' | 'describe';
}

/**
 * ESLint's verifyAndFix over a set of files, in memory (the API for "apply all fixes to these texts"; nothing is
 * read or written): lint them all (cross-document rules see every file), apply the non-overlapping fixes, a fix that
 * spans files whole or not at all, and repeat until nothing changes or 10 passes. A fix that would leave a file
 * unparseable is dropped. Results describe the fixed text; `output` is set on files whose text changed.
 */
export function fixFiles(inputs: readonly InputFile[], settings: LintSettings, options: FixOptions = {}): { results: LintResult[]; internalErrors: string[] } {
  const boms = inputs.map((input) => input.text.startsWith(BOM));
  const texts = inputs.map((input, i) => (boms[i] ? input.text.slice(1) : input.text));
  const original = [...texts];
  // Passes only apply fixes: the suggestions of the last one alone are rendered.
  const describeSuggestions = options.suggestions === 'describe';
  const fixSettings: LintSettings = { ...settings, computeFixes: true, deferSuggestions: !describeSuggestions, describeSuggestions };
  // Each pass lints again only the files the last one changed; cross-document rules see every file each time.
  const earlier = new Map<string, OwnLint>();
  // The linter's own parser: both parsers find the same errors (see fast-yaml.ts), the default one faster.
  const checked = new CheckedParses(PARSERS[settings.parser ?? 'fast']);
  let linted = lintFiles(current(), fixSettings, options.context, earlier);
  const indexOf = new Map(inputs.map((input, i) => [input.filePath, i]));
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const units = linted.results.flatMap((result, i) => {
      const messages = options.accept ? result.messages.filter(options.accept) : result.messages;
      return messages.flatMap((message) => fixUnitOf(message, i, texts, indexOf) ?? []);
    });
    // A file with a parse error is never edited, not even by a fix reported elsewhere.
    const fatal = new Set(linted.results.flatMap((result, i) => (result.fatalErrorCount > 0 ? [i] : [])));
    const outputs = applyFixUnits(texts, units.filter((unit) => unit.parts.every(({ file }) => !fatal.has(file))), checked.parses);
    if (outputs.every((output, i) => output === texts[i])) break;
    texts.splice(0, texts.length, ...outputs);
    linted = lintFiles(current(), fixSettings, options.context, earlier);
    checked.clear();
  }
  if (!describeSuggestions) renderSuggestions(linted.results);
  const results = linted.results.map((result, i) => {
    if (texts[i] === original[i]) return result;
    const { source: _, usedDeprecatedRules, ...rest } = result;
    return { ...rest, output: (boms[i] ? BOM : '') + texts[i], usedDeprecatedRules } as LintResult;
  });
  return { results, internalErrors: linted.internalErrors };

  function current(): InputFile[] {
    return inputs.map((input, i) => ({ filePath: input.filePath, text: texts[i]!, parse: checked.reuse }));
  }
}

/**
 * A fixed text is parsed to check it before it is taken, then linted in the next pass, which would parse it again:
 * the check's parse is kept for that lint, once, so the check costs nothing. What a pass does not use is dropped.
 * A parse is several times the size of its text: past a budget of text, parses are not kept (the lint parses again),
 * or a --fix of a large tree would hold the whole tree's parse between two passes.
 */
class CheckedParses {
  private readonly kept = new Map<string, ParsedFile>();
  private keptText = 0;

  constructor(private readonly parse: Parse) {}

  /** Whether a fixed text parses without errors; its parse is kept for `reuse` (within the budget). */
  readonly parses = (text: string): boolean => {
    const keep = (part: string) => {
      const parsed = this.parse(part);
      if (this.keptText + part.length <= keptParses.budget) {
        this.kept.set(part, parsed);
        this.keptText += part.length;
      }
      return parsed;
    };
    return parseInParts(text, keep).errors.length === 0;
  };

  /** The kept parse of a text, once; a text not checked is parsed. */

  readonly reuse: Parse = (text) => {
    const parsed = this.kept.get(text);
    if (!parsed) return this.parse(text);
    this.kept.delete(text);
    return parsed;
  };

  clear(): void {
    this.kept.clear();
    this.keptText = 0;
  }
}

/**
 * A message's fix as edits of the run's files: its own `fix`, or the ops of a fix across files rendered against this
 * pass's texts. Undefined when it has none, or when a part cannot be made (declined, or a file not being fixed, such
 * as a `--context` one): then none of it is applied.
 */
function fixUnitOf(message: LintMessage, file: number, texts: readonly string[], indexOf: ReadonlyMap<string, number>): FixUnit | undefined {
  if (message.fix) return { parts: [{ file, fix: message.fix }] };
  const groups = fixAcrossFilesOf(message);
  if (!groups) return undefined;
  const parts: FixUnit['parts'][number][] = [];
  for (const filePath of new Set(groups.map((group) => group.filePath))) {
    const target = indexOf.get(filePath);
    const fix = target === undefined ? null : fixForDocuments(texts[target]!, groups.filter((group) => group.filePath === filePath));
    if (!fix) return undefined;
    parts.push({ file: target!, fix });
  }
  return { parts };
}
