import type { Path } from '../engine/types.js';

/** Plain-value helpers that tolerate any shape: manifests are user input and may be wrong anywhere. */

export type PlainObject = Record<string, unknown>;

export function asObject(value: unknown): PlainObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as PlainObject) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function getIn(value: unknown, path: Path): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      const object = asObject(current);
      if (!object || !Object.hasOwn(object, segment)) return undefined;
      current = object[segment];
    }
  }
  return current;
}

export function hasKey(value: unknown, key: string): boolean {
  const object = asObject(value);
  return object !== undefined && Object.hasOwn(object, key);
}
