import { isPair, type Node, type YAMLSeq } from 'yaml';
import type { Fix } from '../engine/types.js';
import { contentEnd, dashBefore, spacedFlow, type FixContext } from './context.js';
import { endOfEntry, looseLineAfter } from './end-of-entry.js';
import { blockLines, flowText } from './render.js';
import { columnOf, commentsIn } from './text.js';

/**
 * Appends an item to a sequence. In block style the new `- item` goes after the last item (and the comment lines
 * nested under it), its dash in the column of the others; a map item starts on the dash's line. In flow style it
 * follows the last item with the separator the sequence already uses (`[a, b]` → `[a, b, c]`). Declines a flow
 * sequence holding comments.
 */
export function appendItem(ctx: FixContext, seq: YAMLSeq<unknown>, value: unknown): Fix | null {
  const { text, layout } = ctx;
  if (!seq.range) return null;
  const items = seq.items as Node[];
  const last = items[items.length - 1];
  if (seq.flow) {
    const end = contentEnd(text, seq);
    // (A pair as an item, which yaml may make of `[? a : b]`, has no range of its own.)
    if (items.some((item) => isPair(item)) || commentsIn(ctx.comments, seq.range[0], end).length > 0) return null;
    const spaced = spacedFlow(text, seq);
    const itemText = flowText(value, spaced);
    if (itemText === null) return null;
    if (!last?.range) return { range: [seq.range[0] + 1, end - 1], text: spaced ? ` ${itemText} ` : itemText };
    const before = items[items.length - 2];
    const separator = before ? text.slice(contentEnd(text, before), last.range[0]) : ', ';
    const at = contentEnd(text, last);
    return { range: [at, at], text: separator + itemText };
  }
  const dash = dashBefore(text, items[0]);
  if (dash === null || !last) return null;
  const column = columnOf(text, dash);
  const at = endOfEntry(ctx, contentEnd(text, seq), column);
  const lines = blockLines([value], column, layout, !looseLineAfter(text, at));
  return lines && { range: [at, at], text: layout.eol + lines.join(layout.eol) };
}
