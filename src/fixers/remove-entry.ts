import { isMap, isPair, isSeq, visit, type Node, type Scalar as ScalarNode } from 'yaml';
import type { Fix } from '../engine/types.js';
import { colonAfterKey, contentEnd, entryEnd, entryStart, ownerOf, type Collection, type FixContext } from './context.js';
import { looseLineAfter } from './end-of-entry.js';
import { breakLength, commentsIn, indentOf, lineEnd, lineStart, mergeEdits, startsLine, trimEnd, type Comment } from './text.js';

/**
 * Removes entry `index` of a map (a key and its value) or of a sequence (an item).
 *
 * In block style the entry's lines go. A fix never deletes a comment: the comments above the entry are not touched,
 * and each comment on its lines (after the key, or on lines of its value) stays as a line of its own, indented like
 * the entry. An entry that shares its line with a dash (`- name: a`) is cut up to the next entry, and its comments
 * move above the dash's line. The last entry of a collection leaves it empty, `{}` or `[]`, since the value must stay
 * a map or sequence (a rule removes the parent key when it wants the parent gone). In flow style the entry and one
 * separator go; a flow collection holding comments is declined.
 */
export function removeEntry(ctx: FixContext, collection: Collection, index: number): Fix | null {
  if (index < 0 || index >= collection.items.length) return null;
  const start = entryStart(ctx.text, collection, index);
  if (start === null) return null;
  return collection.flow ? removeFlowEntry(ctx, collection, index, start) : removeBlockEntry(ctx, collection, index, start);
}

function removeFlowEntry(ctx: FixContext, collection: Collection, index: number, start: number): Fix | null {
  const { text } = ctx;
  const end = contentEnd(text, collection);
  if (commentsIn(ctx.comments, collection.range![0], end).length > 0) return null;
  const next = entryStart(text, collection, index + 1);
  if (next !== null) return { range: [start, next], text: '' };
  if (index > 0) return { range: [entryEnd(text, collection, index - 1), entryEnd(text, collection, index)], text: '' };
  return { range: [collection.range![0] + 1, end - 1], text: '' };
}

function removeBlockEntry(ctx: FixContext, collection: Collection, index: number, start: number): Fix | null {
  const { text, comments } = ctx;
  const { eol } = ctx.layout;
  const end = entryEnd(text, collection, index);
  const empty = isMap(collection) ? '{}' : '[]';
  const only = collection.items.length === 1;
  if (!startsLine(text, start)) {
    // `- name: a`: keep the dash, cut up to the next entry. Anything else before the entry (an anchor, a tag, `? `,
    // `--- `) is declined.
    if (!/^ *(?:- +)+$/.test(text.slice(lineStart(text, start), start)) || (isSeq(collection) && !only)) return null;
    const next = only ? null : entryStart(text, collection, index + 1);
    if (!only && next === null) return null;
    const cut = next ?? end;
    const moved = keptLines(text, commentsIn(comments, start, cut), start);
    const above = lineStart(text, start);
    const edits: Fix[] = [{ range: [start, cut], text: only ? empty : '' }];
    if (moved.length > 0) edits.push({ range: [above, above], text: moved.map((line) => line + eol).join('') });
    return mergeEdits(text, edits);
  }
  const first = lineStart(text, start);
  const last = lineEnd(text, end);
  const owner = ownerOf(ctx.doc, collection as Node);
  const lines = keptLines(text, commentsIn(comments, first, last), start);
  const edits: Fix[] = [];
  if (only) {
    if (collection.anchor || collection.tag) return null;
    if (owner) {
      // The collection is a key's value: `key: {}`.
      const pair = owner.parent.items[owner.index];
      const colon = isPair(pair) && !owner.parent.flow ? colonAfterKey(text, pair) : null;
      if (colon === null) return null;
      edits.push({ range: [colon, colon], text: ` ${empty}` });
    } else {
      lines.unshift(text.slice(first, start) + empty); // the document's root
    }
  }
  if (lines.length > 0) {
    edits.push({ range: [first, last], text: lines.join(eol) });
  } else if (breakLength(text, last) > 0) {
    // Blank or comment lines that would move up against a block scalar could become its text.
    if (looseLineAfter(text, last) && joinsBlockScalar(ctx, first, last + breakLength(text, last))) return null;
    edits.push({ range: [first, last + breakLength(text, last)], text: '' });
  } else {
    // The file's last line, with no line break after it: take the line breaks before it (and blank lines) instead,
    // so the file still ends without one.
    let at = first;
    while (at > 0) {
      const lineBreakAt = at - (text[at - 2] === '\r' ? 2 : 1);
      const previous = lineStart(text, lineBreakAt);
      const blank = text.slice(previous, lineBreakAt).trim() === '';
      at = blank ? previous : lineBreakAt;
      if (!blank) break;
    }
    edits.push({ range: [at, last], text: '' });
  }
  return mergeEdits(text, edits);
}

/** Comments of removed lines, as lines of their own indented like the removed entry's first line. */
function keptLines(text: string, comments: readonly Comment[], start: number): string[] {
  const indent = indentOf(text, start);
  return comments.map((comment) => indent + comment.source);
}

/**
 * Whether the blank and comment lines from `after` on would become text of a block scalar that ends just before
 * `offset` (only white space between), once the lines between go: a comment indented like its text, or a blank line
 * when it keeps its final line breaks (`|+`).
 */
function joinsBlockScalar(ctx: FixContext, offset: number, after: number): boolean {
  const { text } = ctx;
  let scalar: ScalarNode | undefined;
  visit(ctx.doc, {
    Scalar(_, node) {
      if ((node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED') || !node.range || node.range[1] > offset) return undefined;
      const end = trimEnd(text, node.range[0], node.range[1]);
      if (trimEnd(text, end, offset) !== end) return undefined;
      scalar = node;
      return visit.BREAK;
    },
  });
  if (!scalar) return false;
  const source = text.slice(scalar.range![0], scalar.range![1]);
  const keep = /^[|>](?:\d?\+|\+\d?)/.test(source);
  const firstLine = /\n( *)\S/.exec(source);
  if (!firstLine) return true; // no text to tell its indentation
  const indent = firstLine[1]!.length;
  for (let at = after; at < text.length; ) {
    const end = lineEnd(text, at);
    const line = text.slice(at, end);
    const trimmed = line.trimStart();
    if (trimmed !== '' && !trimmed.startsWith('#')) return false; // content: the block scalar ends before it
    if (trimmed === '' ? keep : line.length - trimmed.length >= indent) return true;
    if (breakLength(text, end) === 0) return false;
    at = end + breakLength(text, end);
  }
  return false;
}
