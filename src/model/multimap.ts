/** Appends `value` to the list `map` holds for `key`, starting one if there is none: a map of lists, in order. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Items by key, the first of each key: what a scan with `find` would find, for many lookups. */
export function firstBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T> {
  const found = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (!found.has(key)) found.set(key, item);
  }
  return found;
}
