import type { Path } from '../../src/engine/types.js';

/**
 * Wraps a parsed value so that every property read through it (get, `in`, Object.hasOwn, Object.keys/entries) adds
 * its path to `seen`, as a JSON array. Values are unchanged: only the reads are observed.
 */
export function recordReads(value: unknown, path: Path, seen: Set<string>): unknown {
  if (value === null || typeof value !== 'object') return value;
  // One proxy per object, so that reading a value twice gives the same object.
  const known = proxies.get(value);
  if (known) return known;
  const child = (target: object, key: string | symbol): Path | undefined => {
    if (typeof key !== 'string') return undefined;
    if (!Array.isArray(target)) return [...path, key];
    return /^\d+$/.test(key) ? [...path, Number(key)] : undefined;
  };
  const note = (target: object, key: string | symbol) => {
    const at = child(target, key);
    if (at) seen.add(JSON.stringify(at));
    return at;
  };
  const proxy = new Proxy(value, {
    get(target, key, receiver) {
      const result = Reflect.get(target, key, receiver);
      const at = note(target, key);
      return at && Object.hasOwn(target, key) ? recordReads(result, at, seen) : result;
    },
    has(target, key) {
      note(target, key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      note(target, key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
  proxies.set(value, proxy);
  return proxy;
}

const proxies = new WeakMap<object, object>();
