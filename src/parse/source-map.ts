import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { Path, Range, SourceMap } from '../engine/types.js';

/**
 * A SourceMap over a composed `yaml` Document.
 *
 * Ranges are normalised as the fast path (fast-yaml.ts) computes them, so both report the same positions: a node starts
 * where `yaml` starts it (after comments, anchors and tags); a scalar ends where `yaml` ends it less trailing whitespace
 * (block scalars: at their last non-blank character, not after the line break); a block collection ends with its last
 * non-empty descendant (not after trailing comments and blank lines); aliases and flow collections end where `yaml` ends them.
 */
export class DocumentSourceMap implements SourceMap {
  constructor(
    private readonly document: Document.Parsed,
    private readonly lineCounter: LineCounter,
    private readonly text: string,
  ) {}

  range(path: Path): Range | undefined {
    const found = this.find(path);
    if (!found) return undefined;
    const span = isNodeWithRange(found.node) ? this.span(found.node) : undefined;
    if (span && span[1] > span[0]) return span;
    // `key:` with no value (or a block sequence of nulls): point at the key.
    const key = found.pair?.key;
    return isNodeWithRange(key) ? this.span(key) : undefined;
  }

  nearest(path: Path): Range {
    for (let length = path.length; length >= 0; length--) {
      const ancestor = path.slice(0, length);
      const found = this.find(ancestor);
      if (!found) continue;
      const key = found.pair?.key;
      if (isNodeWithRange(key)) return this.span(key);
      // A sequence item or the document root: its first key reads best (`- name: app`).
      if (isMap(found.node)) {
        const first = found.node.items[0]?.key;
        if (isNodeWithRange(first)) return this.span(first);
      }
      if (isNodeWithRange(found.node)) return this.span(found.node);
    }
    return [0, 0];
  }

  keyRange(path: Path): Range | undefined {
    const key = this.find(path)?.pair?.key;
    return isNodeWithRange(key) ? this.span(key) : undefined;
  }

  position(offset: number): { line: number; column: number } {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  private find(path: Path): { node: Node | null; pair?: Pair } | undefined {
    let node = this.resolve(this.document.contents);
    let pair: Pair | undefined;
    for (const segment of path) {
      if (typeof segment === 'number') {
        if (!isSeq(node)) return undefined;
        const item = node.items[segment];
        if (item === undefined) return undefined;
        node = this.resolve(item as Node);
        pair = undefined;
      } else {
        const found = this.findPair(node, segment, 0);
        if (!found) return undefined;
        pair = found;
        node = this.resolve(found.value as Node | null);
      }
    }
    return { node, ...(pair ? { pair } : {}) };
  }

  /** The pair for `key` in a map, looking through merge keys as the decoder does (own keys win). */
  private findPair(node: Node | null, key: string, depth: number): Pair | undefined {
    if (!isMap(node) || depth > 20) return undefined;
    let merged: Pair | undefined;
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const keyValue = isScalar(item.key) ? item.key.value : undefined;
      // A plain `<<` key resolves to a symbol; a quoted "<<" is an ordinary key, as toJS reads it.
      const isMerge = typeof keyValue === 'symbol';
      if (!isMerge && keyValue !== undefined && String(keyValue) === key) return item as Pair;
      if (isMerge && !merged) {
        const sources = this.resolve(item.value as Node | null);
        const list = isSeq(sources) ? sources.items.map((s) => this.resolve(s as Node)) : [sources];
        for (const source of list) {
          merged = this.findPair(source, key, depth + 1);
          if (merged) break;
        }
      }
    }
    return merged;
  }

  /** The normalised range of a node (see the class comment). */
  private span(node: Node & { range: [number, number, number] }): Range {
    const start = node.range[0];
    if (isScalar(node)) return [start, trimBack(this.text, node.range[1], start)];
    if ((isMap(node) || isSeq(node)) && !node.flow) return [start, Math.max(start, lastEnd(node, this.text))];
    return [start, node.range[1]];
  }

  private resolve(node: Node | null | undefined): Node | null {
    let current = node ?? null;
    for (let hops = 0; isAlias(current) && hops < 100; hops++) current = current.resolve(this.document) ?? null;
    return current;
  }
}

/** End of a block collection's last non-empty descendant (-1 if none): its last item, or its last pair's value or key. */
function lastEnd(node: Node, text: string): number {
  if (!isMap(node) && !isSeq(node)) return -1;
  for (let i = node.items.length - 1; i >= 0; i--) {
    const item = node.items[i];
    const candidates = isPair(item) ? [item.value, item.key] : [item];
    for (const candidate of candidates) {
      if (!isNodeWithRange(candidate) || candidate.range[1] <= candidate.range[0]) continue;
      if (isScalar(candidate)) return trimBack(text, candidate.range[1], candidate.range[0]);
      if ((isMap(candidate) || isSeq(candidate)) && !candidate.flow) {
        const end = lastEnd(candidate, text);
        if (end >= 0) return end;
        continue;
      }
      return candidate.range[1];
    }
  }
  return -1;
}

/** Back over whitespace from `end`, not before `floor`. */
export function trimBack(text: string, end: number, floor: number): number {
  if (end > text.length) end = text.length;
  while (end > floor) {
    const c = text.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    end--;
  }
  return end;
}

function isNodeWithRange(node: unknown): node is Node & { range: [number, number, number] } {
  return node !== null && typeof node === 'object' && Array.isArray((node as Node).range);
}
