import type { Path, SourceMap } from '../../src/engine/types.js';
import type { ParsedFile } from '../../src/parse/parse-yaml.js';

/** Deep equality with Object.is on primitives: NaN equals NaN, -0 does not equal 0, key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as never)[k], (b as never)[k]));
}

export interface Mismatch {
  what: string;
  doc?: number;
  path?: Path;
  fast: unknown;
  full: unknown;
}

/**
 * Every difference between the two parses of `text`: errors, documents, values, and for every path in every value (or
 * an even sample of at most `pathsPerDocument`) its range, key range and nearest range, nearest ranges of missing
 * children, and the positions of all those offsets.
 */
export function differences(
  text: string,
  full: ParsedFile,
  fast: ParsedFile,
  options: { pathsPerDocument?: number; missingChildren?: boolean } = {},
): Mismatch[] {
  const out: Mismatch[] = [];
  const { pathsPerDocument = Infinity, missingChildren = true } = options;
  if (!sameValue(fast.errors, full.errors)) out.push({ what: 'errors', fast: fast.errors, full: full.errors });
  if (fast.documents.length !== full.documents.length) {
    out.push({ what: 'documents', fast: fast.documents.map((d) => d.index), full: full.documents.map((d) => d.index) });
    return out;
  }
  const fixed = [0, 1, text.length >> 1, text.length - 1, text.length];
  const offsets = new Set<number>(fixed);
  full.documents.forEach((expected, i) => {
    const actual = fast.documents[i]!;
    if (actual.index !== expected.index) out.push({ what: 'index', doc: i, fast: actual.index, full: expected.index });
    if (!sameValue(actual.value, expected.value)) {
      out.push({ what: 'value', doc: expected.index, fast: actual.value, full: expected.value });
      return;
    }
    const compare = (what: string, path: Path, query: (source: SourceMap) => unknown) => {
      const a = query(actual.source);
      const b = query(expected.source);
      if (!sameValue(a, b)) out.push({ what, doc: expected.index, path: [...path], fast: a, full: b });
      if (Array.isArray(b)) for (const offset of b as number[]) offsets.add(offset);
    };
    const check = (path: Path, isCollection: boolean) => {
      compare('range', path, (s) => s.range(path));
      compare('keyRange', path, (s) => s.keyRange(path));
      compare('nearest', path, (s) => s.nearest(path));
      if (!missingChildren && !isCollection) return;
      for (const missing of ['kubecarry-missing', 1_000_000]) {
        const child = [...path, missing];
        compare('nearest of a missing child', child, (s) => s.nearest(child));
        compare('range of a missing child', child, (s) => s.range(child));
      }
    };
    const walk = (value: unknown, path: (string | number)[], seen: Set<unknown>, visit: (path: Path, isCollection: boolean) => void) => {
      const isCollection = value !== null && typeof value === 'object';
      visit(path, isCollection);
      if (!isCollection || seen.has(value)) return;
      seen.add(value);
      const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
      for (const [key, child] of entries) {
        path.push(key);
        walk(child, path, seen, visit);
        path.pop();
      }
      seen.delete(value);
    };
    let total = 0;
    walk(expected.value, [], new Set(), () => total++);
    const stride = Math.max(1, Math.ceil(total / pathsPerDocument));
    let n = 0;
    walk(expected.value, [], new Set(), (path, isCollection) => {
      if (n++ % stride === 0 && out.length <= 20) check(path, isCollection);
    });
  });
  for (const offset of offsets) {
    const a = fast.position(offset);
    const b = full.position(offset);
    if (!sameValue(a, b)) out.push({ what: 'position', fast: a, full: b, path: [offset] });
  }
  full.documents.forEach((document, i) => {
    for (const offset of fixed) {
      const a = fast.documents[i]!.source.position(offset);
      const b = document.source.position(offset);
      if (!sameValue(a, b)) out.push({ what: 'document position', doc: document.index, fast: a, full: b, path: [offset] });
    }
  });
  return out;
}
