import type { Scalar as ScalarNode } from 'yaml';
import type { Fix } from '../engine/types.js';
import { blockHeaderRest, contentEnd, isEmptyScalar, ownerOf, type FixContext } from './context.js';
import { renderScalar, type QuoteStyle, type Scalar } from './render.js';
import { commentsIn } from './text.js';

/**
 * Replaces a scalar's text with `value`. A quoted string stays in its quotes when the value allows it; a plain one
 * stays plain unless the new string would be read as something else (`""`, `yes`, `0755`) and then gets double
 * quotes; numbers, booleans and null are always plain. A block scalar becomes a one-line scalar, and the comment of
 * its header stays. Declines scalars with an anchor or a tag, and `key:` with no value (see replaceValue).
 */
export function setScalar(ctx: FixContext, node: ScalarNode, value: Scalar): Fix | null {
  if (!node.range || node.anchor || node.tag || isEmptyScalar(node)) return null;
  const style: QuoteStyle = node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE' ? node.type : 'PLAIN';
  const flow = !!ownerOf(ctx.doc, node)?.parent.flow;
  const rendered = renderScalar(value, { style, flow });
  const start = node.range[0];
  const end = contentEnd(ctx.text, node);
  if (rendered === null) return null;
  // A block scalar's header may hold a comment (`|- # note`): it stays after the new value.
  const header = blockHeaderRest(ctx.text, node);
  if (commentsIn(ctx.comments, start, end).length > (header.trim() ? 1 : 0)) return null;
  return { range: [start, end], text: rendered + header };
}
