import type { Node, Pair, YAMLMap } from 'yaml';
import type { Fix } from '../engine/types.js';
import { contentEnd, keyName, pairEnd, spacedFlow, type FixContext } from './context.js';
import { blockLines, flowText, renderKey } from './render.js';
import { columnOf, commentsIn, lineStart } from './text.js';
import { endOfEntry, looseLineAfter } from './end-of-entry.js';

/**
 * Adds `key: value` as the last entry of a map. In a block map the new lines are indented like its keys (also for a
 * `- name: x` item, whose first key follows the dash) and go after the last entry with the comment lines nested under
 * it, before comments that belong further out; a map or sequence value is laid out like the file's own. In a flow map
 * the pair follows the last one with the separator the map already uses (`{a: 1}` → `{a: 1, b: 2}`). Declines a key
 * already there and a flow map holding comments.
 */
export function insertPair(ctx: FixContext, map: YAMLMap<unknown, unknown>, key: string, value: unknown): Fix | null {
  if (!map.range || map.items.some((pair) => keyName(pair) === key)) return null;
  return map.flow ? insertFlowPair(ctx, map, key, value) : insertBlockPairs(ctx, map, [[key, value]]);
}

/**
 * Adds several new keys to a block map in one edit: the text insertPair would give for each in turn, each after the
 * one before (what a fix of several ops would otherwise read the document again for). Null for a flow map, a key
 * already there and whatever insertPair declines.
 */
export function insertPairs(ctx: FixContext, map: YAMLMap<unknown, unknown>, entries: readonly (readonly [string, unknown])[]): Fix | null {
  const keys = new Set(entries.map(([key]) => key));
  // keyName is undefined for a merge or complex key, which no new key equals.
  if (!map.range || map.flow || keys.size < entries.length || map.items.some((pair) => keys.has(keyName(pair)!))) return null;
  return insertBlockPairs(ctx, map, entries);
}

function insertBlockPairs(ctx: FixContext, map: YAMLMap<unknown, unknown>, entries: readonly (readonly [string, unknown])[]): Fix | null {
  const { text, layout } = ctx;
  const last = map.items[map.items.length - 1];
  const lastKey = last?.key as Node | null | undefined;
  // The keys' column: the last key starts its line, or follows the dash of a one-key `- name: x` item.
  if (!last || !lastKey?.range || !/^ *(?:- +)*$/.test(text.slice(lineStart(text, lastKey.range[0]), lastKey.range[0]))) return null;
  const column = columnOf(text, lastKey.range[0]);
  const at = endOfEntry(ctx, pairEnd(text, last), column);
  // One entry at a time, as a separate insertPair would render it: an object would put integer-like keys first.
  const literal = !looseLineAfter(text, at);
  let inserted = '';
  for (const [key, value] of entries) {
    const lines = blockLines({ [key]: value }, column, layout, literal);
    if (!lines) return null;
    inserted += layout.eol + lines.join(layout.eol);
  }
  return { range: [at, at], text: inserted };
}

function insertFlowPair(ctx: FixContext, map: YAMLMap<unknown, unknown>, key: string, value: unknown): Fix | null {
  const { text } = ctx;
  const start = map.range![0];
  const end = contentEnd(text, map);
  if (commentsIn(ctx.comments, start, end).length > 0) return null;
  const spaced = spacedFlow(text, map);
  const keyText = renderKey(key, 'PLAIN', true);
  const valueText = flowText(value, spaced);
  if (keyText === null || valueText === null) return null;
  const items = map.items as Pair<Node | null, Node | null>[];
  const last = items[items.length - 1];
  if (!last) return { range: [start + 1, end - 1], text: spaced ? ` ${keyText}: ${valueText} ` : `${keyText}: ${valueText}` };
  const before = items[items.length - 2];
  const separator = before && last.key?.range ? text.slice(pairEnd(text, before), last.key.range[0]) : ', ';
  const colon = last.key?.range && last.value?.range ? text.slice(last.key.range[1], last.value.range[0]) : ': ';
  const at = pairEnd(text, last);
  return { range: [at, at], text: `${separator}${keyText}${/^\s*:\s+$/.test(colon) ? colon : ': '}${valueText}` };
}
