import type { Range } from './types.js';

/**
 * Narrows the range of a string scalar to the characters `within` its value ([start, end) indexes into the decoded
 * string), so a report can point at the offending characters inside a long command line.
 *
 * Offsets in the value map one to one onto the source only when the scalar's text is its value verbatim: a plain
 * scalar, or a quoted one without escapes or doubled quotes, on one line. Anything else (escapes, folding, block
 * scalars, several lines, aliases) keeps the whole scalar's range, which is never wrong, only less precise.
 */
export function narrowToValueSpan(text: string, range: Range, value: unknown, within: readonly [number, number]): Range {
  if (typeof value !== 'string') return range;
  const [start, end] = within;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= value.length)) return range;
  const raw = text.slice(range[0], range[1]);
  if (/[\r\n]/.test(raw)) return range;
  const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0] ? 1 : 0;
  const inner = quoted ? raw.slice(1, -1) : raw;
  if (inner !== value) return range;
  return [range[0] + quoted + start, range[0] + quoted + end];
}
