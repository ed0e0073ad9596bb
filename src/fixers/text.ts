import { Lexer } from 'yaml';
import type { Fix } from '../engine/types.js';

/** Plain text helpers. Offsets are UTF-16 indexes into the file's text, as everywhere in the engine. */

/** Offset of the first character of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the line break (`\r\n` or `\n`) ending the line holding `offset`, or the text's length on the last line. */
export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) return text.length;
  return newline > offset && text[newline - 1] === '\r' ? newline - 1 : newline;
}

/** Length of the line break at `offset`: 2 for `\r\n`, 1 for `\n`, 0 at the end of the text. */
export function breakLength(text: string, offset: number): number {
  if (text.startsWith('\r\n', offset)) return 2;
  return text[offset] === '\n' ? 1 : 0;
}

/** Column (0-based) of an offset. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** Leading spaces of the line holding `offset`. */
export function indentOf(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start, lineEnd(text, start)))![0];
}

/** Whether only spaces precede `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

/** The file's line break: the first one it uses, `\n` when it has none. */
export function lineBreakOf(text: string): string {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/** Offset just past the last character of [start, end) that is not white space (spaces, tabs, line breaks). */
export function trimEnd(text: string, start: number, end: number): number {
  let at = end;
  while (at > start && /[ \t\r\n]/.test(text[at - 1]!)) at--;
  return at;
}

export function spaces(count: number): string {
  return ' '.repeat(count);
}

/** Apply one edit. */
export function applyFix(text: string, fix: Fix): string {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

/** Edits on one text, sorted and not overlapping, as one fix that copies the text between them (ESLint's mergeFixes). */
export function mergeEdits(text: string, edits: readonly Fix[]): Fix | null {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const first = sorted[0];
  if (!first) return null;
  let out = '';
  let at = first.range[0];
  for (const edit of sorted) {
    if (edit.range[0] < at) return null;
    out += text.slice(at, edit.range[0]) + edit.text;
    at = edit.range[1];
  }
  return { range: [first.range[0], at], text: out };
}

/** A `#` comment: its offset and text (without the line break). */
export interface Comment {
  readonly offset: number;
  readonly source: string;
}

/** Tokens of yaml's lexer that mark structure and are not text of the file. */
const CONTROL_TOKENS = new Set(['\u0002', '\u0018', '\u001f']);
const SCALAR_TOKEN = '\u001f';

/**
 * Every comment of the text, in order, found by yaml's own lexer (so a `#` inside a scalar is not one). The lexer, not
 * the CST: yaml's parser drops some comment lines before a `---`. Null if the tokens do not spell the text.
 */
export function collectComments(text: string): Comment[] | null {
  return commentsOfTokens(text, new Lexer().lex(text));
}

/** collectComments from the lexer's tokens of `text`, when they were made for something else too (see yaml-options.ts). */
export function commentsOfTokens(text: string, tokens: Iterable<string>): Comment[] | null {
  const comments: Comment[] = [];
  let offset = 0;
  let afterScalarMark = false;
  for (const token of tokens) {
    if (CONTROL_TOKENS.has(token)) {
      afterScalarMark = token === SCALAR_TOKEN;
      continue;
    }
    if (!text.startsWith(token, offset)) return null;
    // A token after the scalar mark is a scalar (a block scalar's lines may start with `#`).
    if (token.startsWith('#') && !afterScalarMark) comments.push({ offset, source: token });
    offset += token.length;
    afterScalarMark = false;
  }
  return offset === text.length ? comments : null;
}

/** Comments that start inside [start, end). */
export function commentsIn(comments: readonly Comment[], start: number, end: number): Comment[] {
  return comments.filter((comment) => comment.offset >= start && comment.offset < end);
}
