import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { Path, Range, SourceMap } from '../engine/types.js';

const MERGE_KEY = '<<';

/** A SourceMap over a composed `yaml` Document. */
export class DocumentSourceMap implements SourceMap {
  constructor(
    private readonly document: Document.Parsed,
    private readonly lineCounter: LineCounter,
  ) {}

  range(path: Path): Range | undefined {
    const found = this.find(path);
    if (!found) return undefined;
    const node = found.node;
    if (node?.range && node.range[1] > node.range[0]) return [node.range[0], node.range[1]];
    // `key:` with no value: point at the key.
    const key = found.pair?.key;
    return isNodeWithRange(key) ? [key.range[0], key.range[1]] : undefined;
  }

  nearest(path: Path): Range {
    for (let length = path.length; length >= 0; length--) {
      const ancestor = path.slice(0, length);
      const found = this.find(ancestor);
      if (!found) continue;
      const key = found.pair?.key;
      if (isNodeWithRange(key)) return [key.range[0], key.range[1]];
      // A sequence item or the document root: its first key reads best (`- name: app`).
      if (isMap(found.node)) {
        const first = found.node.items[0]?.key;
        if (isNodeWithRange(first)) return [first.range[0], first.range[1]];
      }
      if (found.node?.range) return [found.node.range[0], found.node.range[1]];
    }
    return [0, 0];
  }

  keyRange(path: Path): Range | undefined {
    const key = this.find(path)?.pair?.key;
    return isNodeWithRange(key) ? [key.range[0], key.range[1]] : undefined;
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
      const isMerge = typeof keyValue === 'symbol' || (isScalar(item.key) && item.key.source === MERGE_KEY);
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

  private resolve(node: Node | null | undefined): Node | null {
    let current = node ?? null;
    for (let hops = 0; isAlias(current) && hops < 100; hops++) current = current.resolve(this.document) ?? null;
    return current;
  }
}

function isNodeWithRange(node: unknown): node is Node & { range: [number, number, number] } {
  return node !== null && typeof node === 'object' && Array.isArray((node as Node).range);
}
