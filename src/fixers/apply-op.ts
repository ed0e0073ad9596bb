import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Fix, PathOp } from '../engine/types.js';
import { locate, type FixContext, type Found } from './context.js';
import { MAX_ALIAS_COUNT } from './yaml-options.js';
import { appendItem } from './append-item.js';
import { sameValue } from './expected.js';
import { insertPair } from './insert-pair.js';
import { removeEntry } from './remove-entry.js';
import { renameKey } from './rename-key.js';
import { replaceValue } from './replace-value.js';

/** The document already has what the op asks for. */
export const UNCHANGED = Symbol('unchanged');

/** One op as one edit of the context's text; null when it is declined. */
export function editForOp(ctx: FixContext, op: PathOp): Fix | null | typeof UNCHANGED {
  switch (op.op) {
    case 'set':
      return setAt(ctx, op.path, op.value);
    case 'append':
      return appendAt(ctx, op.path, op.value);
    case 'remove': {
      const at = locate(ctx, op.path);
      return at && 'found' in at && at.found.parent ? removeEntry(ctx, at.found.parent, at.found.index) : null;
    }
    case 'rename': {
      const at = locate(ctx, op.path);
      if (!at || !('found' in at) || !isMap(at.found.parent)) return null;
      if (op.path[op.path.length - 1] === op.key) return UNCHANGED;
      return renameKey(at.found.parent, at.found.index, op.key);
    }
  }
}

function valueOf(ctx: FixContext, node: Node | null): unknown {
  return node === null ? null : node.toJS(ctx.doc, { maxAliasCount: MAX_ALIAS_COUNT });
}

function setAt(ctx: FixContext, path: PathOp['path'], value: unknown): Fix | null | typeof UNCHANGED {
  const at = locate(ctx, path);
  if (!at) return null;
  if ('found' in at) return sameValue(valueOf(ctx, at.found.node), value) ? UNCHANGED : replaceValue(ctx, at.found, value);
  const entry = missingEntry(at, path, value);
  return entry && addEntry(ctx, at.missing, entry.key, entry.value);
}

/** Missing keys: one new entry in the deepest map that exists, holding the missing maps down to the value. */
function missingEntry(at: { depth: number }, path: PathOp['path'], value: unknown): { key: string; value: unknown } | null {
  const rest = path.slice(at.depth);
  if (!rest.every((segment): segment is string => typeof segment === 'string')) return null;
  let nested = value;
  for (const segment of rest.slice(1).reverse()) nested = { [segment]: nested };
  return { key: rest[0]!, value: nested };
}

/** The block map a set op adds a new entry to and that entry; null when the op does anything else. */
export function newBlockEntry(ctx: FixContext, op: PathOp): { map: YAMLMap<unknown, unknown>; entry: [string, unknown] } | null {
  if (op.op !== 'set') return null;
  const at = locate(ctx, op.path);
  if (!at || !('missing' in at)) return null;
  const node = at.missing.node;
  if (!isMap(node) || node.flow) return null;
  const entry = missingEntry(at, op.path, op.value);
  return entry && { map: node, entry: [entry.key, entry.value] };
}

/** Adds `key: value` to the map `container` is, or makes it that map when it is `key:` with no value or `{}`. */
function addEntry(ctx: FixContext, container: Found, key: string, value: unknown): Fix | null {
  const node = container.node;
  if (isScalar(node) && node.value === null) return replaceValue(ctx, container, { [key]: value });
  if (!isMap(node)) return null;
  // `{}` under a block key turns into a block map, as a person would write it.
  if (node.flow && node.items.length === 0 && container.parent && !container.parent.flow) return replaceValue(ctx, container, { [key]: value });
  return insertPair(ctx, node, key, value);
}

function appendAt(ctx: FixContext, path: PathOp['path'], value: unknown): Fix | null {
  const at = locate(ctx, path);
  if (!at) return null;
  if ('missing' in at) return setAt(ctx, path, [value]) as Fix | null;
  const { node, parent } = at.found;
  if (isScalar(node) && node.value === null) return replaceValue(ctx, at.found, [value]);
  if (!isSeq(node)) return null;
  if (node.flow && node.items.length === 0 && parent && !parent.flow) return replaceValue(ctx, at.found, [value]);
  return appendItem(ctx, node, value);
}
