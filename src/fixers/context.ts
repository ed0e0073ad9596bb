import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, visit, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Path } from '../engine/types.js';
import type { Layout } from './render.js';
import { columnOf, lineBreakOf, lineEnd, trimEnd, type Comment } from './text.js';
import { parseDocumentsAndComments } from './yaml-options.js';

/** One document of a text, read for editing: its nodes (with offsets into `text`), comments and layout. */
export interface FixContext {
  /** A file, or the part of one that holds the document. */
  readonly text: string;
  /** Every document of `text`; `doc` is the one being edited. */
  readonly docs: readonly Document.Parsed[];
  readonly doc: Document.Parsed;
  readonly layout: Layout;
  readonly comments: readonly Comment[];
  /** Anchors that an alias in the document refers to: editing under one would edit every alias too. */
  readonly aliased: ReadonlySet<string>;
}

export type Collection = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

/**
 * Reads document `docIndex` of `text`; null when it does not exist or does not parse. `layout` keeps the one read from
 * the file before earlier edits (an edit may remove the lines that showed it); `eol` the file's line break, when
 * `text` is a part of it.
 */
export function fixContext(text: string, docIndex: number, { layout, eol }: { layout?: Layout; eol?: string } = {}): FixContext | null {
  const { docs, comments } = parseDocumentsAndComments(text);
  const doc = docs[docIndex];
  if (!doc || doc.errors.length > 0) return null;
  const aliased = new Set<string>();
  // An alias is written `*name`: a text without `*` has none, and the walk over every node is skipped.
  if (text.includes('*')) {
    visit(doc, {
      Alias(_, alias) {
        aliased.add(alias.source);
      },
    });
  }
  return comments && { text, docs, doc, layout: layout ?? { ...detectLayout(text, doc), ...(eol ? { eol } : {}) }, comments, aliased };
}

/** How the document indents maps and sequences under a key, from its first examples (2 and 2 by default). */
export function detectLayout(text: string, doc: Document.Parsed): Layout {
  let indent: number | undefined;
  let seqIndent: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!isScalar(key) || !key.range) return;
      const keyColumn = columnOf(text, key.range[0]);
      if (indent === undefined && isMap(value) && !value.flow) {
        const first = (value.items[0]?.key as Node | null | undefined)?.range;
        if (first && columnOf(text, first[0]) > keyColumn) indent = columnOf(text, first[0]) - keyColumn;
      }
      if (seqIndent === undefined && isSeq(value) && !value.flow) {
        const dash = dashBefore(text, value.items[0] as Node | undefined);
        if (dash !== null && columnOf(text, dash) >= keyColumn) seqIndent = columnOf(text, dash) - keyColumn;
      }
      return indent !== undefined && seqIndent !== undefined ? visit.BREAK : undefined;
    },
  });
  return { eol: lineBreakOf(text), indent: indent ?? 2, seqIndent: seqIndent ?? indent ?? 2 };
}

/** A node found at a path: its value (null for `? key` without one), its collection and its index there. */
export interface Found {
  readonly node: Node | null;
  /** The map or sequence holding it; null for the document's root. */
  readonly parent: Collection | null;
  readonly index: number;
}

/** Where a path leads: the node, or the deepest node that exists and the index of the first missing segment. */
export type Location = { found: Found } | { missing: Found; depth: number };

/**
 * Walks `path` from the document's root. Returns null when the layout cannot be kept or the path makes no sense: an
 * alias or an anchor that aliases refer to on the way, a map with a merge key, a string segment on a sequence, a
 * number on a map, a segment under a scalar that is not null.
 */
export function locate(ctx: FixContext, path: Path): Location | null {
  let current: Found = { node: ctx.doc.contents, parent: null, index: -1 };
  for (let depth = 0; depth < path.length; depth++) {
    const node = current.node;
    if (!usable(ctx, node)) return null;
    const segment = path[depth]!;
    if (isMap(node)) {
      if (typeof segment !== 'string' || node.items.some(isMergePair)) return null;
      const index = node.items.findIndex((pair) => keyName(pair) === segment);
      if (index < 0) return { missing: current, depth };
      current = { node: node.items[index]!.value as Node | null, parent: node, index };
    } else if (isSeq(node)) {
      if (typeof segment !== 'number' || !Number.isInteger(segment) || segment < 0) return null;
      if (segment >= node.items.length) return { missing: current, depth };
      current = { node: node.items[segment] as Node, parent: node, index: segment };
    } else if (isScalar(node) && node.value === null) {
      return { missing: current, depth };
    } else {
      return null;
    }
  }
  return usable(ctx, current.node) ? { found: current } : null;
}

function usable(ctx: FixContext, node: Node | null): boolean {
  if (isAlias(node)) return false;
  return !node?.anchor || !ctx.aliased.has(node.anchor);
}

/** A pair's key as a path segment (what `toJS` makes of it), or undefined for merge keys and complex keys. */
export function keyName(pair: Pair<unknown, unknown>): string | undefined {
  const key = pair.key;
  if (!isScalar(key) || isMergePair(pair)) return undefined;
  return String(key.value);
}

export function isMergePair(pair: Pair<unknown, unknown>): boolean {
  const key = pair.key;
  return isScalar(key) && (typeof key.value === 'symbol' || key.source === '<<');
}

/** `key:` with nothing after the colon (or only a comment). */
export function isEmptyScalar(node: Node | null | undefined): boolean {
  return isScalar(node) && !!node.range && node.range[0] === node.range[1];
}

/** Offset just past the colon that follows a pair's key, or null when there is none on the key's line. */
export function colonAfterKey(text: string, pair: Pair<unknown, unknown>): number | null {
  const key = pair.key as Node | null;
  if (!key?.range) return null;
  let at = key.range[1];
  while (text[at] === ' ' || text[at] === '\t') at++;
  return text[at] === ':' ? at + 1 : null;
}

/** Offset of the `-` of a block sequence item, when it is on the item's first line. */
export function dashBefore(text: string, item: Node | null | undefined): number | null {
  if (!item?.range) return null;
  let at = item.range[0] - 1;
  while (text[at] === ' ') at--;
  return text[at] === '-' ? at : null;
}

/**
 * Offset just past the last character that belongs to a node: its last scalar or closing bracket. yaml's own ranges
 * can run on over comment lines after a block collection, which may belong to the next key.
 */
export function contentEnd(text: string, node: Node): number {
  if (isCollection(node) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1];
    if (isPair(last)) return pairEnd(text, last);
    if (last && (last as Node).range) return contentEnd(text, last as Node);
  }
  const range = node.range;
  return range ? trimEnd(text, range[0], range[1]) : 0;
}

/** Offset just past the last character of a pair: its value's, or its colon's for `key:`. */
export function pairEnd(text: string, pair: Pair<unknown, unknown>): number {
  const value = pair.value as Node | null;
  if (value?.range && !isEmptyScalar(value)) return contentEnd(text, value);
  return colonAfterKey(text, pair) ?? (pair.key as Node | null)?.range?.[1] ?? 0;
}

/** Offset where an entry of a collection starts: its key, its dash (block sequence) or its value (flow sequence). */
export function entryStart(text: string, collection: Collection, index: number): number | null {
  const item = collection.items[index] as Node | Pair<unknown, unknown> | undefined;
  if (item === undefined) return null;
  if (isPair(item)) return (item.key as Node | null)?.range?.[0] ?? null;
  if (collection.flow) return item?.range?.[0] ?? null;
  return dashBefore(text, item);
}

/** Offset just past an entry of a collection. */
export function entryEnd(text: string, collection: Collection, index: number): number {
  const item = collection.items[index] as Node | Pair<unknown, unknown>;
  return isPair(item) ? pairEnd(text, item) : contentEnd(text, item);
}

/** The collection holding `target` and its index there; null for the root or a node not in the document. */
export function ownerOf(doc: Document.Parsed, target: Node): { parent: Collection; index: number } | null {
  const search = (node: unknown): { parent: Collection; index: number } | null => {
    if (!isCollection(node)) return null;
    for (let index = 0; index < node.items.length; index++) {
      const item = node.items[index];
      const child = isPair(item) ? item.value : item;
      if (child === target || (isPair(item) && item.key === target)) return { parent: node as Collection, index };
      const deeper = search(child) ?? (isPair(item) ? search(item.key) : null);
      if (deeper) return deeper;
    }
    return null;
  };
  return search(doc.contents);
}

/** Whether a flow collection writes spaces inside its brackets: `{ a: 1 }`. */
export function spacedFlow(text: string, collection: Node): boolean {
  const range = collection.range;
  return !!range && (text[range[0] + 1] === ' ' || text[contentEnd(text, collection) - 2] === ' ');
}

/** What follows a block scalar's indicator on its header line (`|-  # note` → `  # note`); '' for other nodes. */
export function blockHeaderRest(text: string, node: Node): string {
  if (!isScalar(node) || (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED') || !node.range) return '';
  const start = node.range[0];
  return text.slice(start, lineEnd(text, start)).replace(/^[|>][-+0-9]*/, '');
}
