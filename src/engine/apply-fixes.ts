import type { Fix, LintMessage } from './types.js';

/** One fix as edits of one or more files (by index into the run's texts): applied whole or not at all. */
export interface FixUnit {
  parts: readonly { file: number; fix: Fix }[];
}

/**
 * ESLint's algorithm (source-code-fixer): apply fixes in range order, skipping any fix that starts at or before
 * the end of the last one applied (overlaps, and two inserts at one point); those wait for the next pass.
 */
export function applyFixes(text: string, messages: readonly LintMessage[]): { output: string; fixed: boolean } {
  const units = messages.flatMap((message) => (message.fix ? [{ parts: [{ file: 0, fix: message.fix }] }] : []));
  const [output] = applyFixUnits([text], units);
  return { output: output!, fixed: output !== text };
}

/**
 * ESLint's algorithm over several files, for fixes that span files: units are taken in order of their first edit
 * (file, then range), and a unit any of whose edits overlaps or touches an edit already taken waits for the next
 * pass, whole. When `parses` refuses a file's result, every unit editing that file is dropped and the rest is
 * applied again, so a unit never lands half. Returns each file's new text (the same string when untouched).
 */
export function applyFixUnits(texts: readonly string[], units: readonly FixUnit[], parses: (text: string) => boolean = () => true): string[] {
  let candidates = units.filter((unit) => unit.parts.length > 0 && unit.parts.every(({ file, fix }) => isValid(fix, texts[file])));
  candidates = [...candidates].sort((a, b) => compareParts(firstPart(a), firstPart(b)));
  for (;;) {
    const taken = new Map<number, Fix[]>();
    for (const unit of candidates) {
      if (unit.parts.some(({ file, fix }) => (taken.get(file) ?? []).some((other) => touches(other, fix)))) continue;
      for (const { file, fix } of unit.parts) taken.set(file, [...(taken.get(file) ?? []), fix]);
    }
    const outputs = texts.map((text, file) => splice(text, taken.get(file) ?? []));
    const refused = new Set(outputs.flatMap((output, file) => (output !== texts[file] && !parses(output) ? [file] : [])));
    if (refused.size === 0) return outputs;
    candidates = candidates.filter((unit) => !unit.parts.some(({ file }) => refused.has(file)));
  }
}

function isValid({ range: [start, end] }: Fix, text: string | undefined): boolean {
  return text !== undefined && start >= 0 && start <= end && end <= text.length;
}

function firstPart(unit: FixUnit): { file: number; fix: Fix } {
  return unit.parts.reduce((first, part) => (compareParts(part, first) < 0 ? part : first));
}

function compareParts(a: { file: number; fix: Fix }, b: { file: number; fix: Fix }): number {
  return a.file - b.file || a.fix.range[0] - b.fix.range[0] || a.fix.range[1] - b.fix.range[1];
}

/** ESLint skips a fix starting at or before the end of the last one applied: touching ranges conflict too. */
function touches(a: Fix, b: Fix): boolean {
  return a.range[0] <= b.range[1] && b.range[0] <= a.range[1];
}

/** Applies non-overlapping fixes to `text`. */
function splice(text: string, fixes: readonly Fix[]): string {
  if (fixes.length === 0) return text;
  let output = '';
  let copiedUpTo = 0;
  for (const { range, text: replacement } of [...fixes].sort((a, b) => a.range[0] - b.range[0])) {
    output += text.slice(copiedUpTo, range[0]) + replacement;
    copiedUpTo = range[1];
  }
  return output + text.slice(copiedUpTo);
}
