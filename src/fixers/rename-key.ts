import { isScalar, type YAMLMap } from 'yaml';
import type { Fix } from '../engine/types.js';
import { keyName } from './context.js';
import { renderKey, type QuoteStyle } from './render.js';

/**
 * Renames the key of entry `index` of a map, in the key's quote style when the new key allows it (a plain key that
 * would be read as another type, or break the syntax, gets double quotes). Declines a key that is not a scalar, has an
 * anchor or a tag, and a new key the map already has.
 */
export function renameKey(map: YAMLMap<unknown, unknown>, index: number, newKey: string): Fix | null {
  const key = map.items[index]?.key;
  if (!isScalar(key) || !key.range || key.anchor || key.tag) return null;
  if (map.items.some((pair, other) => other !== index && keyName(pair) === newKey)) return null;
  const style: QuoteStyle = key.type === 'QUOTE_SINGLE' || key.type === 'QUOTE_DOUBLE' ? key.type : 'PLAIN';
  const text = renderKey(newKey, style, !!map.flow);
  return text === null ? null : { range: [key.range[0], key.range[1]], text };
}
