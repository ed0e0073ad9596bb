import type { LintMessage } from './types.js';

/**
 * ESLint's algorithm (source-code-fixer): apply fixes in range order, skipping any fix that starts at or before
 * the end of the last one applied (overlaps, and two inserts at one point); those wait for the next pass.
 */
export function applyFixes(text: string, messages: readonly LintMessage[]): { output: string; fixed: boolean } {
  const fixes = messages
    .map((message) => message.fix)
    .filter((fix): fix is NonNullable<LintMessage['fix']> => fix !== undefined)
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let lastPos = Number.NEGATIVE_INFINITY;
  let copiedUpTo = 0;
  for (const { range, text: replacement } of fixes) {
    const [start, end] = range;
    if (lastPos >= start || start > end || start < 0 || end > text.length) continue;
    output += text.slice(copiedUpTo, start) + replacement;
    copiedUpTo = end;
    lastPos = end;
  }
  if (copiedUpTo === 0 && output === '') return { output: text, fixed: false };
  output += text.slice(copiedUpTo);
  return { output, fixed: output !== text };
}
