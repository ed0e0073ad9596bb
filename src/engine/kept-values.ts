/**
 * A copy of a parsed value that cross-document rules read after its file is done with: fresh objects and strings.
 * The fast parser's strings are slices of its own copy of the file's text (js-yaml appends a terminator to the text,
 * which copies it), so a kept name alone would keep that copy alive until the end of the run, besides the text the
 * file's result holds. Shared nodes (YAML aliases) stay shared, so an alias-heavy document is not multiplied.
 */
export function detachedCopy<T>(value: T): T {
  return copyOf(value, new Map()) as T;
}

function copyOf(value: unknown, copies: Map<object, unknown>): unknown {
  if (typeof value === 'string') return flatString(value);
  if (value === null || typeof value !== 'object') return value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    // Sized up front: an array grown by push keeps room for 17 items, and most lists in a manifest hold one or two.
    const array: unknown[] = new Array(value.length);
    copies.set(value, array);
    for (let i = 0; i < value.length; i++) array[i] = copyOf(value[i], copies);
    return array;
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  // Anything but a plain mapping (no parser makes one today) is kept as it is.
  if (prototype !== Object.prototype && prototype !== null) return value;
  const object = Object.create(prototype) as Record<string, unknown>;
  copies.set(value, object);
  for (const [key, item] of Object.entries(value)) {
    // A `__proto__` key (a data property in the parser's object) must stay a key, not become the prototype.
    if (key === '__proto__') Object.defineProperty(object, key, { value: copyOf(item, copies), enumerable: true, writable: true, configurable: true });
    else object[key] = copyOf(item, copies);
  }
  return object;
}

/**
 * V8 makes a substring of 13 characters or more a view on its parent; a JSON round trip builds a string of its own
 * (exact for every string, lone surrogates included).
 */
function flatString(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}
