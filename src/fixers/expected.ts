import type { Path, PathOp } from '../engine/types.js';

/** What a document's value must be after ops: the ops applied to plain values. The fixers check their text against it. */

type Container = Record<string, unknown> | unknown[];

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The container at `path`, creating maps for missing or null keys when `create`; undefined when the path cannot hold one. */
function walk(root: { value: unknown }, path: Path, create: boolean): Container | undefined {
  let current: Container = root as unknown as Record<string, unknown>;
  for (const segment of ['value', ...path]) {
    if (Array.isArray(current) ? !has(current, segment) : typeof segment !== 'string') return undefined;
    const holder = current as Record<string | number, unknown>;
    // A missing key, or a null key or item (`key:`, `- `), becomes a map.
    if (create && (holder[segment] === null || (holder[segment] === undefined && !Array.isArray(current)))) holder[segment] = {};
    const next = holder[segment];
    if (!isObject(next) && !Array.isArray(next)) return undefined;
    current = next;
  }
  return current;
}

function has(container: Container, segment: string | number): boolean {
  return typeof segment === 'string' ? isObject(container) && Object.hasOwn(container, segment) : Array.isArray(container) && Number.isInteger(segment) && segment >= 0 && segment < container.length;
}

/** Applies one op to a plain value in place; false when the op does not fit the value. */
function applyOp(root: { value: unknown }, op: PathOp): boolean {
  if (op.path.length === 0) return false;
  const parentPath = op.path.slice(0, -1);
  const last = op.path[op.path.length - 1]!;
  switch (op.op) {
    case 'set': {
      const parent = walk(root, parentPath, true);
      if (!parent || (Array.isArray(parent) ? !has(parent, last) : typeof last !== 'string')) return false;
      (parent as Record<string | number, unknown>)[last] = structuredClone(op.value);
      return true;
    }
    case 'remove': {
      const parent = walk(root, parentPath, false);
      if (!parent || !has(parent, last)) return false;
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last as string];
      return true;
    }
    case 'rename': {
      const parent = walk(root, parentPath, false);
      if (!isObject(parent) || typeof last !== 'string' || !has(parent, last)) return false;
      if (op.key === last) return true;
      if (has(parent, op.key)) return false;
      parent[op.key] = parent[last];
      delete parent[last];
      return true;
    }
    case 'append': {
      const parent = walk(root, parentPath, true);
      if (!parent || !(typeof last === 'string' ? isObject(parent) : has(parent, last))) return false;
      const holder = parent as Record<string | number, unknown>;
      const current = holder[last];
      if (current === null || current === undefined) holder[last] = [structuredClone(op.value)];
      else if (Array.isArray(current)) current.push(structuredClone(op.value));
      else return false;
      return true;
    }
  }
}

/** The value after all ops, or null when one of them does not fit it. `value` is not changed. */
export function applyOpsToValue(value: unknown, ops: readonly PathOp[]): { value: unknown } | null {
  try {
    const root = { value: structuredClone(value) };
    return ops.every((op) => applyOp(root, op)) ? root : null;
  } catch {
    return null; // a value that cannot be cloned (a function), so not a YAML value either
  }
}

/** Structural equality of plain values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (isObject(a) && isObject(b) && !Array.isArray(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]));
  }
  return false;
}
