import type { FixContext } from './context.js';
import { breakLength, lineEnd } from './text.js';

/**
 * Where a new entry goes after the entry ending at `end` in a block collection whose keys or dashes are at `column`:
 * the end of that line (past a trailing comment), then past the comment lines indented deeper than `column` that
 * follow without a blank line, since they belong to the entry. Comment lines at `column` or less stay below the new
 * entry: they introduce what comes next. The offset is a line end, so the new text starts with a line break and the
 * file's final line break (or its absence) is kept.
 */
export function endOfEntry(ctx: FixContext, end: number, column: number): number {
  const { text, comments } = ctx;
  let at = lineEnd(text, end);
  for (;;) {
    const lineBreak = breakLength(text, at);
    if (lineBreak === 0) return at;
    const next = at + lineBreak;
    let hash = next;
    while (text[hash] === ' ') hash++;
    const isComment = text[hash] === '#' && comments.some((comment) => comment.offset === hash);
    if (!isComment || hash - next <= column) return at;
    at = lineEnd(text, next);
  }
}

/**
 * Whether the line after the line end `at` is blank or only a comment. New lines inserted at `at` must then not end
 * in a literal block, which would take such lines in as its text.
 */
export function looseLineAfter(text: string, at: number): boolean {
  const lineBreak = breakLength(text, at);
  const next = at + lineBreak;
  return lineBreak > 0 && next < text.length && /^[ \t]*(?:#|$)/.test(text.slice(next, lineEnd(text, next)));
}
