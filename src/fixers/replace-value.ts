import { isMap, isScalar, type Node, type Pair } from 'yaml';
import type { Fix } from '../engine/types.js';
import { blockHeaderRest, colonAfterKey, contentEnd, dashBefore, isEmptyScalar, spacedFlow, type FixContext, type Found } from './context.js';
import { blockLines, flowText, isScalarValue } from './render.js';
import { setScalar } from './set-scalar.js';
import { columnOf, commentsIn, lineEnd } from './text.js';
import { looseLineAfter } from './end-of-entry.js';

/**
 * Sets the value of an existing map entry or sequence item to any value. A scalar replaces a scalar in place
 * (setScalar); otherwise the old value's text is replaced: after `key:` a map or sequence is laid out on the next
 * lines like the file's own, after `- ` it starts on the dash's line, and inside a flow collection it is written in
 * flow style. Declines the root, an anchored or tagged node, and an old value with comments inside.
 */
export function replaceValue(ctx: FixContext, found: Found, value: unknown): Fix | null {
  const { node, parent } = found;
  if (!parent || !node?.range) return null;
  if (isScalarValue(value) && isScalar(node) && !isEmptyScalar(node)) return setScalar(ctx, node, value);
  if (node.anchor || node.tag) return null;
  const { text, comments } = ctx;
  const { eol } = ctx.layout;
  if (parent.flow) {
    const end = contentEnd(text, node);
    const rendered = flowText(value, spacedFlow(text, parent));
    if (isEmptyScalar(node) || rendered === null || commentsIn(comments, node.range[0], end).length > 0) return null;
    return { range: [node.range[0], end], text: rendered };
  }
  // Block: the new value's text starts after the key's colon or the item's dash, its lines laid out from there.
  let start: number;
  let render: (literal: boolean) => string[] | null;
  if (isMap(parent)) {
    const pair = parent.items[found.index] as Pair<Node, unknown>;
    const colon = colonAfterKey(text, pair);
    if (colon === null) return null;
    const keyColumn = columnOf(text, pair.key.range![0]);
    // A one-entry map renders as `key: <value>` or `key:` + lines; keep what follows the key.
    render = (literal) => blockLines({ k: value }, keyColumn, ctx.layout, literal)?.map((line, i) => (i === 0 ? line.slice(keyColumn + 2) : line)) ?? null;
    start = colon;
  } else {
    const dash = dashBefore(text, node);
    if (dash === null) return null;
    const dashColumn = columnOf(text, dash);
    render = (literal) => blockLines([value], dashColumn, ctx.layout, literal)?.map((line, i) => (i === 0 ? line.slice(dashColumn + 1) : line)) ?? null;
    start = dash + 1;
  }
  const end = isEmptyScalar(node) ? start : contentEnd(text, node);
  // The one comment an old value may hold is a block scalar's, on its header line: it stays on the key's line.
  const header = blockHeaderRest(text, node);
  if (commentsIn(comments, start, end).length > (header.trim() ? 1 : 0)) return null;
  const lineAfter = lineEnd(text, end);
  const lines = render(!looseLineAfter(text, lineAfter));
  if (!lines) return null;
  if (lines.length === 1) return { range: [start, end], text: lines[0]! + header };
  // Several lines: the first stays on the key's (or dash's) line, before any comment there; the rest follow it.
  return { range: [start, lineAfter], text: lines[0]! + header + text.slice(end, lineAfter) + eol + lines.slice(1).join(eol) };
}
