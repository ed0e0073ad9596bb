import { loadAll, type State } from 'js-yaml';
import type { Path, Range, SourceMap } from '../engine/types.js';
import { KUBERNETES_JS_YAML_SCHEMA } from './kubernetes-schema-js-yaml.js';
import { MAX_FLOW_DEPTH, parseYaml, type ParsedDocument, type ParsedFile } from './parse-yaml.js';
import { trimBack } from './source-map.js';

/**
 * The fast parse path: js-yaml's loadAll with a schema that decodes as the full parser does, and positions recorded
 * through js-yaml's listener. It returns exactly what `parseYaml` returns (documents, values, errors, ranges,
 * positions); a file it cannot vouch for goes to `parseYaml` whole (see `parseFast`).
 *
 * While loading, the listener records for each composeNode call its raw open and close offsets, the end of its subtree
 * (nodes are numbered in open order, so a subtree is a contiguous id range), its kind and its result: four int32 and a
 * reference. Ranges are worked out from those only when asked for, and only along the path asked for.
 *
 * Reading the records: js-yaml composes a mapping as key, value, key, value (plus, where the mapping ends, an empty
 * attempt at one more key), a sequence as its items (none for a bare `-` item: such files go to `yaml`), and
 * `key:\n  value`, `- [a]`, `- *a` as a node wrapping the node it read as a would-be key. An alias is a node without
 * kind that consumed `*name`; an empty node has no kind and consumed nothing.
 *
 * Normalised ranges, the same in both paths (DocumentSourceMap computes them alike):
 * - start: the node's first character, after whitespace, comments, anchors and tags;
 * - scalars: `yaml`'s range less trailing whitespace (block scalars end at their last non-blank character);
 * - aliases: the `*name` token; flow collections: through the closing bracket;
 * - block collections: through the end of their last non-empty descendant;
 * - empty nodes (`key:`, `- `): empty, where `yaml` puts them (after the indicator, properties and blanks).
 */

// Node records: four int32 per node.
const OPEN = 0;
const CLOSE = 1;
const END = 2;
const META = 3;
const STRIDE = 4;

// META: the kind in the low bits, then flags.
const KIND = 3;
const NONE = 0; // an empty node or an alias (js-yaml leaves state.kind null for both)
const SCALAR = 1;
const MAPPING = 2;
const SEQUENCE = 3;
const ANCHORED = 4;
const TAGGED = 8;

const MERGE_TAG = 'tag:yaml.org,2002:merge';

/**
 * Aliases per document the fast path takes. `yaml` refuses a document where an anchored node (counted once itself) is
 * used more than MAX_ALIAS_COUNT (1,000, parse-yaml.ts) times in all, when the node holds no aliases of its own.
 */
const MAX_ALIASES = 998;

/** Thrown from the listener when the file is one the fast path leaves to `parseYaml`; stops loading at once. */
const UNSUPPORTED = new Error('kubecarry: fast path unsupported');

// ---------------------------------------------------------------------------------------------------------------------
// Loading. State of the file being loaded: parseFast is synchronous and not re-entrant.

let records = new Int32Array(STRIDE * 4096);
let stack = new Int32Array(128);
/** Per open node: aliases seen in its document when it opened, its child count, its line when it opened. */
let aliasesAtOpen = new Int32Array(128);
let childCounts = new Int32Array(128);
let linesAtOpen = new Int32Array(128);
/** Per depth: 1 when the node closing next at that depth is the value of a merge key (`<<:`). */
let mergeValues = new Int32Array(128);
let count = 0;
let depth = 0;
let input = '';
let results: unknown[] = [];
let roots: number[] = [];
let anchorIds: number[] = [];
let anchorNames: string[] = [];
/** Aliases in the current document. */
let aliases = 0;
/** Where the current document's anchors start in anchorIds. */
let documentAnchors = 0;
/** Whether the current document's node starts on its `---` line. */
let onMarkerLine = false;

function listener(event: 'open' | 'close', state: State): void {
  if (event === 'open') opened(state);
  else closed(state);
}

function opened(state: State): void {
  if ((count + 1) * STRIDE > records.length) {
    const grown = new Int32Array(records.length * 2);
    grown.set(records);
    records = grown;
  }
  // Nesting this deep is for `parseYaml` to judge (MAX_FLOW_DEPTH).
  if (depth >= MAX_FLOW_DEPTH) throw UNSUPPORTED;
  if (depth === stack.length) {
    const grow = (array: Int32Array) => {
      const grown = new Int32Array(array.length * 2);
      grown.set(array);
      return grown;
    };
    stack = grow(stack);
    aliasesAtOpen = grow(aliasesAtOpen);
    childCounts = grow(childCounts);
    linesAtOpen = grow(linesAtOpen);
    mergeValues = grow(mergeValues);
  }
  const id = count++;
  const position = state.position;
  records[id * STRIDE + OPEN] = position;
  if (depth === 0) {
    roots.push(id);
    aliases = 0;
    documentAnchors = anchorIds.length;
    mergeValues[0] = 0;
    onMarkerLine = startsOnMarkerLine(input, position);
  } else {
    childCounts[depth - 1]!++;
  }
  stack[depth] = id;
  aliasesAtOpen[depth] = aliases;
  childCounts[depth] = 0;
  linesAtOpen[depth] = state.line;
  mergeValues[depth + 1] = 0;
  depth++;
}

/**
 * Records a node, and stops loading where js-yaml and `yaml` part ways: where `yaml` reports an error js-yaml does not,
 * or decodes otherwise. Each check is guarded by what is cheap to test; the rest runs rarely.
 */
function closed(state: State): void {
  const id = stack[--depth]!;
  const base = id * STRIDE;
  const open = records[base + OPEN]!;
  const position = state.position;
  const { kind, anchor, tag } = state as unknown as { kind: string | null; anchor: string | null; tag: string | null };
  const result = state.result as unknown;
  let meta = kind === null ? NONE : kind === 'scalar' ? SCALAR : kind === 'mapping' ? MAPPING : SEQUENCE;
  if (anchor !== null) {
    meta |= ANCHORED;
    checkAnchor(id, anchor, result, open);
    anchorIds.push(id);
    anchorNames.push(anchor);
  }
  if (tag !== null) meta |= TAGGED;
  records[base + CLOSE] = position;
  records[base + END] = count;
  records[base + META] = meta;
  results[id] = result;

  if (mergeValues[depth] === 1) {
    // The value of `<<:`. js-yaml merges a list of lists (as nothing), `yaml` rejects it.
    mergeValues[depth] = 0;
    if (Array.isArray(result) && result.some((source) => Array.isArray(source))) throw UNSUPPORTED;
  }
  if (tag === MERGE_TAG) mergeValues[depth] = 1;
  const kindOnly = meta & KIND;
  if (kindOnly === SCALAR) {
    // Only a node over several lines can be a block scalar.
    if (state.line !== linesAtOpen[depth] && !blockScalarReadAlike(skipToContent(input, open))) throw UNSUPPORTED;
  } else if (kindOnly === SEQUENCE) {
    // Not one node per item. Fewer: items js-yaml composed no node for (a bare `-`), and then it takes the next `-`
    // for this sequence even when it is indented less (`- - -\n  - x`), where `yaml` closes it. More: pairs in a flow
    // sequence (`[a: 1]`), two nodes for one item. (A wrapper has one child holding the same array.)
    const children = childCounts[depth]!;
    if (children !== (result as unknown[]).length && !(children === 1 && results[id + 1] === result)) throw UNSUPPORTED;
  } else if (kindOnly === MAPPING) {
    // `key: &a inner: value`: js-yaml re-reads `&a inner` as the first key of a mapping on the key's line; `yaml`
    // rejects that ("Nested mappings are not allowed in compact mappings").
    if (input.charCodeAt(open - 1) === 0x3a && blockCollectionOnLine(open)) throw UNSUPPORTED;
  } else if (meta === NONE) {
    const start = skipBlank(input, open);
    const c = input.charCodeAt(start);
    if (c === 0x2a /* * */ && position > start) {
      if (++aliases > MAX_ALIASES) throw UNSUPPORTED;
      // js-yaml reads past an alias's line break without its indentation check (`[*a\n]`, `[*a\n, *b]`), which
      // `yaml` makes in flow collections ("must be sufficiently indented").
      if (depth > 0 && input.lastIndexOf('\n', position - 1) > start && isFlowCollection(stack[depth - 1]!)) throw UNSUPPORTED;
    }
    // `!` on nothing, its tag dropped on the way (`!\n...`): js-yaml gives null, `yaml` an empty string.
    if (c === 0x21 /* ! */) throw UNSUPPORTED;
  } else {
    // Properties on nothing. `!`: js-yaml gives null, `yaml` an empty string. `[&a ]`: `yaml` puts the empty node
    // elsewhere (at the next token).
    if (tag !== null || (depth > 0 && isFlowCollection(stack[depth - 1]!))) throw UNSUPPORTED;
  }
  if (position - open > 1000 && input.charCodeAt(skipSpaces(input, position)) === 0x3a /* : */) {
    // A key of more than 1,024 characters: `yaml` rejects it ("The : indicator must be at most 1024 chars after the
    // start of an implicit block mapping key"), js-yaml does not.
    throw UNSUPPORTED;
  }
  if ((result === null || typeof result === 'object') && isKey(id, position)) {
    // A null or a collection as a key: js-yaml names it "null", "a,b" or "[object Object]", `yaml` "", "[ a, b ]".
    throw UNSUPPORTED;
  }
  if (depth === 0) {
    // `--- key: value`: `yaml` rejects a block collection starting on the `---` line (properties may stand there).
    if (onMarkerLine && kindOnly >= MAPPING && blockCollectionOnLine(open)) throw UNSUPPORTED;
    // A document that is a scalar indented with a tab (`\tx`): `yaml` rejects the tab.
    if (kindOnly <= SCALAR) {
      const content = skipToContent(input, open);
      if (input.slice(input.lastIndexOf('\n', content - 1) + 1, content).includes('\t')) throw UNSUPPORTED;
    }
  }
}

function checkAnchor(id: number, anchor: string, result: unknown, open: number): void {
  // An alias inside an anchored node: `yaml` then weighs aliases by what they expand to (its alias-count guard).
  if (aliases > aliasesAtOpen[depth]!) throw UNSUPPORTED;
  // A name with more than printable ASCII (`&a\u00a0{`): `yaml` ends names at Unicode blanks, js-yaml does not.
  if (!/^[\x21-\x7e]+$/.test(anchor)) throw UNSUPPORTED;
  // A collection glued to its anchor (`&a[1]`): `yaml` wants a blank between them. Two anchors (`&a\n  &b x`): js-yaml
  // gives one to a wrapper and one to the node it holds, `yaml` rejects them.
  let anchors = 0;
  for (let at = skipBlank(input, open), c = input.charCodeAt(at); c === 0x26 || c === 0x21; c = input.charCodeAt(at)) {
    if (c === 0x26 && ++anchors > 1) throw UNSUPPORTED;
    at = skipProperty(input, at);
    const next = input.charCodeAt(at);
    if (next === 0x5b || next === 0x7b) throw UNSUPPORTED;
    at = skipBlank(input, at);
  }
  // The name anchored again inside its own node: js-yaml binds it to the outer node when that closes, `yaml` to the
  // inner one. (js-yaml also records a node twice when it re-reads `&a value` as a would-be key: with the same result.)
  for (let i = anchorIds.length - 1; i >= documentAnchors; i--) {
    if (anchorNames[i] !== anchor) continue;
    if (anchorIds[i]! > id && results[anchorIds[i]!] !== result) throw UNSUPPORTED;
    return;
  }
}

/** Does the node that closed at `position` stand as a key: before `:`, or as a flow mapping entry without value? */
function isKey(id: number, position: number): boolean {
  const c = input.charCodeAt(skipBlank(input, position));
  if (c === 0x3a /* : */) return true;
  if ((c !== 0x2c /* , */ && c !== 0x7d) /* } */ || depth === 0) return false;
  if (c === 0x2c && input.charCodeAt(skipToContent(input, records[stack[depth - 1]! * STRIDE + OPEN]!)) !== 0x7b) return false;
  // In a flow mapping: a value follows `:`, a key follows `{` or `,`.
  let back = skipToContent(input, records[id * STRIDE + OPEN]!);
  let b = input.charCodeAt(back - 1);
  while (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) b = input.charCodeAt(--back - 1);
  return b !== 0x3a;
}

/** Is this open node a flow collection (its content starts with `[` or `{`)? */
function isFlowCollection(id: number): boolean {
  const c = input.charCodeAt(skipToContent(input, records[id * STRIDE + OPEN]!));
  return c === 0x5b || c === 0x7b;
}

/** Does a block collection start on the line of `open` (after blanks and properties; not a flow one, not a comment)? */
function blockCollectionOnLine(open: number): boolean {
  let at = open;
  for (;;) {
    const c = input.charCodeAt(at);
    if (c === 0x20 || c === 0x09) at++;
    else if (c === 0x26 /* & */ || c === 0x21 /* ! */) at = skipProperty(input, at);
    else return c === c && c !== 0x0a && c !== 0x0d && c !== 0x23 /* # */ && c !== 0x5b /* [ */ && c !== 0x7b /* { */;
  }
}

/**
 * Does a document's node open on the line of its `---`? Throws for content right after `...` on its line, or glued to
 * `---` (`---x: 1`): js-yaml reads a new document there, `yaml` an error or a `---x` key.
 */
function startsOnMarkerLine(text: string, position: number): boolean {
  let at = position;
  let c = text.charCodeAt(at - 1);
  while (c === 0x20 || c === 0x09) c = text.charCodeAt(--at - 1);
  if (at < 3 || (at > 3 && text.charCodeAt(at - 4) !== 0x0a)) return false;
  const marker = text.slice(at - 3, at);
  if (marker === '...' || (marker === '---' && at === position && at < text.length)) throw UNSUPPORTED;
  return marker === '---';
}

/**
 * js-yaml warns where `yaml` fails: "deficient indentation" is a continuation line of a quoted scalar or a flow
 * collection indented no deeper than the block collection holding it, which `yaml` rejects ("Missing closing quote",
 * "Flow sequence in block collection must be sufficiently indented"). Any warning leaves the file to `yaml`.
 */
function onWarning(): void {
  throw UNSUPPORTED;
}

const OPTIONS = { schema: KUBERNETES_JS_YAML_SCHEMA, listener, onWarning };

// ---------------------------------------------------------------------------------------------------------------------

/** A line that starts a document (`---`) or ends one (`...`). */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \t\r\n]|$)/m;

/** Files the fast path handed to `parseYaml` whole, and source maps it answered from `yaml` (lazily); for tests. */
export const fastPathStats = { fileFallbacks: 0, sourceMapFallbacks: 0 };

/**
 * Parses like `parseYaml` (the same documents, values, errors, ranges and positions), several times faster. A file it
 * cannot vouch for goes to `parseYaml` whole, so its errors and all its other documents are exactly the full parser's:
 * files js-yaml rejects (syntax errors, duplicate keys; loadAll stops at the first), explicit tags (`!!str`), explicit
 * `?` keys, null or collection keys, aliases inside anchored nodes or by the thousand, a BOM, lone CR line breaks, and
 * the rarer constructs the two read differently (each where it is detected).
 */
export function parseFast(text: string): ParsedFile {
  if (!plainSailing(text)) return fallback(text);
  count = 0;
  depth = 0;
  input = text;
  results = [];
  roots = [];
  anchorIds = [];
  anchorNames = [];
  let values: unknown[];
  try {
    values = loadAll(text, null, OPTIONS);
  } catch {
    return fallback(text);
  } finally {
    input = '';
  }
  if (values.length !== roots.length) return fallback(text);
  const index = new FastIndex(text, records.slice(0, count * STRIDE), results, anchorIds, anchorNames);
  results = [];
  if (!readAlike(text, index)) return fallback(text);
  // js-yaml reads a file of only comments as one empty document; `yaml` reads none unless a marker opens or ends one.
  if (values.length === 1 && values[0] === null && index.meta(roots[0]!) === NONE && !DOCUMENT_MARKER.test(text)) values = [];
  const documents: ParsedDocument[] = values.map((value, i) => ({
    index: i,
    value,
    source: new FastSourceMap(index, roots[i]!, i),
  }));
  return { documents, errors: [], documentCount: documents.length, position: (offset) => index.position(offset) };
}

/** Offsets of `needle` in `text`. */
function* occurrences(text: string, needle: string): Generator<number> {
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) yield at;
}

/** Text the two parsers read alike as far as can be told before loading (each search is a fast scan for one string). */
function plainSailing(text: string): boolean {
  // A BOM (the caller strips a leading one) and a line break `yaml` does not take for one (it takes LF and CRLF).
  if (text.includes('\uFEFF') || (text.includes('\r') && /\r(?!\n)/.test(text))) return false;
  // A directive (`%YAML 1.1`): rare in manifests, and after one js-yaml takes an indented `---` for a marker.
  if (text.charCodeAt(0) === 0x25 || text.includes('\n%')) return false;
  // `---x` at a line's start: js-yaml takes `---` for a marker whatever follows, `yaml` only before a blank.
  for (const at of occurrences(text, '---')) {
    if ((at === 0 || text.charCodeAt(at - 1) === 0x0a) && !isBreakOrBlank(text.charCodeAt(at + 3))) return false;
  }
  // `... x`: js-yaml reads on after `...`, `yaml` wants nothing but a comment there.
  for (const at of occurrences(text, '...')) {
    if (at !== 0 && text.charCodeAt(at - 1) !== 0x0a) continue;
    const next = text.charCodeAt(skipSpaces(text, at + 3));
    if (next === next && next !== 0x0a && next !== 0x0d && next !== 0x23 && skipSpaces(text, at + 3) > at + 3) return false;
  }
  // An escaped line break before a blank line in a double-quoted scalar: js-yaml drops the blank line, `yaml` folds it.
  for (const at of occurrences(text, '\\')) {
    let next = at + 1;
    if (text.charCodeAt(next) === 0x0d) next++;
    if (text.charCodeAt(next) !== 0x0a) continue;
    next = skipSpaces(text, next + 1);
    if (text.charCodeAt(next) === 0x0a || text.charCodeAt(next) === 0x0d) return false;
  }
  // A last line of blanks without a line break, with a keeping block scalar (`|+`): js-yaml keeps it as one more break.
  const last = text.charCodeAt(text.length - 1);
  if ((last === 0x20 || last === 0x09) && /\n[ \t]+$/.test(text) && /[|>][1-9-]*\+/.test(text)) return false;
  return true;
}

/** After loading: characters js-yaml and `yaml` read differently outside scalars. */
function readAlike(text: string, index: FastIndex): boolean {
  // `"x"#c`, `[a,#c`, `{"a":#c`: js-yaml takes a `#` right after a quote, bracket, comma or colon for a comment, `yaml`
  // rejects it. Such a `#` is fine inside a scalar (`"#fff"`).
  for (const at of occurrences(text, '#')) {
    const before = text.charCodeAt(at - 1);
    const glued = before === 0x22 || before === 0x27 || before === 0x3a || isFlowIndicator(before);
    if (glued && !index.insideScalar(at)) return false;
  }
  // `? key`, `[? a]`: an explicit key, whose pairs do not alternate key, value in the records, and which the two read
  // differently in flow sequences. `!tag`: js-yaml loses a tag before a line break (`!\nvalue`), so tags go to `yaml`.
  for (const indicator of ['?', '!']) {
    for (const at of occurrences(text, indicator)) {
      const before = text.charCodeAt(at - 1);
      if (before === before && !isBreakOrBlank(before) && before !== 0x2c && before !== 0x5b && before !== 0x7b) continue;
      if (indicator === '?' && !isBreakOrBlank(text.charCodeAt(at + 1))) continue;
      if (!index.insideScalar(at)) return false;
    }
  }
  // Tabs: `yaml` rejects tabs as indentation (tab-only lines between entries or in a multi-line scalar, `-\t&x` before
  // a line break, a tab where a block scalar ends) where js-yaml skips them. Trailing tabs (after content, before the
  // line's end or a comment) and tabs inside scalars past a line's start are fine in both; other tabs are rare.
  for (const at of occurrences(text, '\t')) {
    const lineStart = at === 0 || text.charCodeAt(at - 1) === 0x0a || text.charCodeAt(at - 1) === 0x0d;
    if (!isTrailingBlank(text, at) && (lineStart || !index.insideScalar(at))) return false;
  }
  return true;
}

/** Is the blank at `at` trailing: after content on its line, followed by blanks to the line's end or a comment? */
function isTrailingBlank(text: string, at: number): boolean {
  const after = text.charCodeAt(skipSpaces(text, at));
  if (after === after && after !== 0x0a && after !== 0x0d && after !== 0x23) return false;
  for (let before = at - 1; before >= 0; before--) {
    const c = text.charCodeAt(before);
    if (c === 0x0a || c === 0x0d) return false;
    if (c !== 0x20 && c !== 0x09) return true;
  }
  return false;
}

function fallback(text: string): ParsedFile {
  fastPathStats.fileFallbacks++;
  return parseYaml(text);
}

// ---------------------------------------------------------------------------------------------------------------------
// Text helpers. Offsets past the end read NaN, which matches nothing.

/** Whitespace and comments from `at` on. */
function skipBlank(text: string, at: number): number {
  for (;;) {
    const c = text.charCodeAt(at);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) at++;
    else if (c === 0x23 /* # */) {
      let d = text.charCodeAt(++at);
      while (d === d && d !== 0x0a && d !== 0x0d) d = text.charCodeAt(++at);
    } else return at;
  }
}

/** Spaces and tabs from `at` on. */
function skipSpaces(text: string, at: number): number {
  let c = text.charCodeAt(at);
  while (c === 0x20 || c === 0x09) c = text.charCodeAt(++at);
  return at;
}

function isBreakOrBlank(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c !== c;
}

function isFlowIndicator(c: number): boolean {
  return c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}

/** Past an anchor (`&name`) or a tag (`!tag`) at `at`. */
function skipProperty(text: string, at: number): number {
  const anchor = text.charCodeAt(at) === 0x26;
  let c = text.charCodeAt(++at);
  while (!isBreakOrBlank(c) && !(anchor && isFlowIndicator(c))) c = text.charCodeAt(++at);
  return at;
}

/** Whitespace, comments, anchors and tags from `at` on: where a node's content starts. */
function skipToContent(text: string, at: number): number {
  for (;;) {
    at = skipBlank(text, at);
    const c = text.charCodeAt(at);
    if (c !== 0x26 /* & */ && c !== 0x21 /* ! */) return at;
    at = skipProperty(text, at);
  }
}

/**
 * Is the scalar starting at `at` not a block scalar, or one the two read alike? Not: one with an indentation indicator
 * (`|2`), whose trailing blank lines (and, at the top of a document, indentation) they read differently; one with
 * leading blank lines more indented than its first line, which `yaml` rejects.
 */
function blockScalarReadAlike(at: number): boolean {
  let c = input.charCodeAt(at);
  if (c !== 0x7c && c !== 0x3e) return true;
  for (c = input.charCodeAt(++at); c === 0x2b || c === 0x2d || (c >= 0x30 && c <= 0x39); c = input.charCodeAt(++at)) {
    if (c >= 0x30) return false;
  }
  let deepestBlank = 0;
  for (let line = input.indexOf('\n', at) + 1; line > 0; line = input.indexOf('\n', line) + 1) {
    const content = skipSpaces(input, line);
    const next = input.charCodeAt(content);
    if (next !== 0x0a && next !== 0x0d) return next !== next || content - line >= deepestBlank;
    deepestBlank = Math.max(deepestBlank, content - line);
  }
  return true;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

// ---------------------------------------------------------------------------------------------------------------------
// Reading the records.

/** Thrown when the records do not have the expected shape; that source map then answers from `yaml`. */
class Inconsistent extends Error {}

class FastIndex {
  private lineStarts: number[] | undefined;
  private readonly sequences = new Map<number, number[]>();
  private readonly mappings = new Map<number, { keys: number[]; values: number[] }>();
  private full: ParsedFile | undefined;
  private scalarSpans: number[] | undefined;

  constructor(
    readonly text: string,
    private readonly records: Int32Array,
    private readonly results: unknown[],
    private readonly anchorIds: number[],
    private readonly anchorNames: string[],
  ) {}

  position(offset: number): { line: number; column: number } {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    if (starts[low] === offset) return { line: low + 1, column: 1 };
    if (low === 0) return { line: 0, column: offset };
    return { line: low, column: offset - starts[low - 1]! + 1 };
  }

  /** The full parser's view of this file, for the rare source map the records cannot answer. */
  fullParse(): ParsedFile {
    return (this.full ??= parseYaml(this.text));
  }

  meta(id: number): number {
    return this.records[id * STRIDE + META]!;
  }

  result(id: number): unknown {
    return this.results[id];
  }

  private open(id: number): number {
    return this.records[id * STRIDE + OPEN]!;
  }

  private close(id: number): number {
    return this.records[id * STRIDE + CLOSE]!;
  }

  private end(id: number): number {
    return this.records[id * STRIDE + END]!;
  }

  /** Where the node's content starts. */
  start(id: number): number {
    return skipToContent(this.text, this.open(id));
  }

  /** Is `offset` inside a scalar (after its first character, before its end)? */
  insideScalar(offset: number): boolean {
    const spans = (this.scalarSpans ??= this.scalarSpansOf());
    // The last scalar starting before `offset` (scalars do not overlap but for the duplicates js-yaml records).
    let low = 0;
    let high = spans.length >> 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (spans[mid * 2]! < offset) low = mid + 1;
      else high = mid;
    }
    for (let i = low - 1; i >= 0 && i >= low - 4; i--) if (spans[i * 2 + 1]! > offset) return true;
    return false;
  }

  /** Scalar content starts and close offsets, by start. */
  private scalarSpansOf(): number[] {
    const pairs: [number, number][] = [];
    for (let base = 0; base < this.records.length; base += STRIDE) {
      if ((this.records[base + META]! & KIND) !== SCALAR) continue;
      pairs.push([skipToContent(this.text, this.records[base + OPEN]!), this.records[base + CLOSE]!]);
    }
    pairs.sort((a, b) => a[0] - b[0]);
    return pairs.flat();
  }

  /** An alias: js-yaml composed no node of its own but consumed a `*name`. */
  isAlias(id: number): boolean {
    if ((this.meta(id) & 15) !== NONE) return false;
    const at = skipBlank(this.text, this.open(id));
    return this.text.charCodeAt(at) === 0x2a && this.close(id) > at;
  }

  /** No content, no properties: `key:`, `- `, an empty document. */
  isEmpty(id: number): boolean {
    return (this.meta(id) & KIND) === NONE && !this.isAlias(id);
  }

  isFlow(id: number): boolean {
    const c = this.text.charCodeAt(this.start(id));
    return c === 0x5b || c === 0x7b;
  }

  children(id: number): number[] {
    const list: number[] = [];
    const end = this.end(id);
    for (let child = id + 1; child < end; child = this.end(child)) list.push(child);
    return list;
  }

  /**
   * The node a path step lands on: through wrappers (js-yaml composes `key:\n  value` and `- [a]` as a node holding
   * the node it read as a would-be key) and aliases (to the anchored node).
   */
  resolve(id: number): number {
    for (let hops = 0; hops < 100; hops++) {
      const kind = this.meta(id) & KIND;
      if (kind !== NONE) {
        const child = id + 1;
        const wrapped =
          child < this.end(id) && this.end(child) === this.end(id) && this.results[child] === this.results[id] && (this.meta(child) & KIND) === kind;
        if (!wrapped) return id;
        id = child;
        continue;
      }
      if (!this.isAlias(id)) return id;
      id = this.anchored(id);
    }
    throw new Inconsistent('alias chain');
  }

  /** The node an alias refers to: the last node anchored with its name before it. */
  private anchored(alias: number): number {
    const at = skipBlank(this.text, this.open(alias)) + 1;
    let end = at;
    while (!isBreakOrBlank(this.text.charCodeAt(end)) && !isFlowIndicator(this.text.charCodeAt(end))) end++;
    const name = this.text.slice(at, end);
    let found = -1;
    for (let i = 0; i < this.anchorIds.length; i++) {
      const id = this.anchorIds[i]!;
      if (id < alias && id > found && this.anchorNames[i] === name) found = id;
    }
    if (found < 0) throw new Inconsistent(`unknown anchor ${name}`);
    return found;
  }

  /** The pairs of a mapping node: key ids and value ids (-1: none). */
  pairs(id: number): { keys: number[]; values: number[] } {
    const cached = this.mappings.get(id);
    if (cached) return cached;
    const children = this.children(id);
    const keys: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < children.length; ) {
      const key = children[i]!;
      const colon = this.text.charCodeAt(skipBlank(this.text, this.close(key))) === 0x3a;
      if (colon) {
        const value = children[i + 1];
        if (value === undefined) throw new Inconsistent('key without value node');
        keys.push(key);
        values.push(value);
        i += 2;
      } else {
        // `{a, b: 1}` has a key without a value; an empty "key" is js-yaml's last try at a key where the mapping ends.
        if (!this.isEmpty(key)) {
          keys.push(key);
          values.push(-1);
        }
        i += 1;
      }
    }
    const found = { keys, values };
    this.mappings.set(id, found);
    return found;
  }

  /** Is this key `<<` as a merge key (plain, as `yaml` merges)? */
  isMergeKey(key: number): boolean {
    return this.results[key] === '<<' && this.text.charCodeAt(this.start(key)) === 0x3c;
  }

  /** The item nodes of a sequence node: one per item (parseFast leaves other sequences to `yaml`). */
  items(id: number): number[] {
    const cached = this.sequences.get(id);
    if (cached) return cached;
    const items = this.children(id);
    if (items.length !== (this.results[id] as unknown[]).length) throw new Inconsistent('sequence items');
    this.sequences.set(id, items);
    return items;
  }

  /** The `-` of an item of a block sequence: the last one between the item before (or the sequence's start) and it. */
  dash(sequence: number, index: number): number {
    const items = this.items(sequence);
    const open = this.open(items[index]!);
    let at = index > 0 ? this.close(items[index - 1]!) : this.start(sequence);
    let dash = -1;
    for (at = skipBlank(this.text, at); at < open && this.text.charCodeAt(at) === 0x2d; at = skipBlank(this.text, at + 1)) dash = at;
    if (dash < 0) throw new Inconsistent('sequence item without indicator');
    return dash;
  }

  /** Range of a node (resolved, not an alias), or undefined for an empty one; empty for a block sequence of nulls. */
  span(id: number): Range | undefined {
    if ((this.meta(id) & KIND) === NONE && !this.isAlias(id)) return undefined;
    const start = this.start(id);
    return [start, Math.max(start, this.endOf(id))];
  }

  /** End of a node by the normalised definition; -1 for an empty node. */
  endOf(id: number): number {
    const kind = this.meta(id) & KIND;
    if (kind === NONE) {
      if (!this.isAlias(id)) return -1;
      let at = skipBlank(this.text, this.open(id)) + 1;
      while (!isBreakOrBlank(this.text.charCodeAt(at)) && !isFlowIndicator(this.text.charCodeAt(at))) at++;
      return at;
    }
    const start = this.start(id);
    if (kind === SCALAR || this.isFlow(id)) return trimBack(this.text, this.close(id), start);
    const children = this.children(id);
    for (let i = children.length - 1; i >= 0; i--) {
      const end = this.endOf(children[i]!);
      if (end >= 0) return end;
    }
    return -1;
  }

  /** Where `yaml` puts an empty node with properties (`key: &a`, reached through an alias): after them and blanks. */
  emptyNodeAt(id: number): number {
    return this.emptyAt(skipBlank(this.text, this.open(id)));
  }

  /** Where `yaml` puts an empty node that follows `at` (an indicator's end): after blanks and properties on that line. */
  emptyAt(at: number): number {
    for (;;) {
      at = skipSpaces(this.text, at);
      const c = this.text.charCodeAt(at);
      if (c !== 0x26 && c !== 0x21) return at;
      at = skipProperty(this.text, at);
    }
  }

  /**
   * Where `yaml` puts an empty document's node: after its properties if it has some, else after its `---` and blanks;
   * a document without `---` is empty only when a `...` ends it, and `yaml` puts the node there (js-yaml opens it there).
   */
  emptyDocumentAt(root: number): number {
    const text = this.text;
    const open = this.open(root);
    let marker = -1;
    for (const match of text.slice(0, open).matchAll(/^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm)) marker = match.index;
    const opened = marker >= 0 && text.charCodeAt(marker) === 0x2d;
    const content = skipBlank(text, opened ? marker + 3 : open);
    const c = text.charCodeAt(content);
    if (c === 0x26 || c === 0x21) return this.emptyAt(content);
    return opened ? this.emptyAt(marker + 3) : open;
  }
}

/** What a path reached: a node (-1 for none, or for an empty sequence item placed at `empty`) and its key (-1: none). */
type Found = { node: number; empty: number; key: number };

/** A SourceMap over the records of one document; DocumentSourceMap's lookups, step for step. */
class FastSourceMap implements SourceMap {
  constructor(
    private readonly index: FastIndex,
    private readonly root: number,
    private readonly docIndex: number,
  ) {}

  range(path: Path): Range | undefined {
    return this.guard(() => {
      const found = this.find(path);
      if (!found) return undefined;
      const span = found.node >= 0 ? this.index.span(found.node) : undefined;
      if (span && span[1] > span[0]) return span;
      return found.key >= 0 ? this.index.span(found.key) : undefined;
    }, (source) => source.range(path), undefined);
  }

  keyRange(path: Path): Range | undefined {
    return this.guard(() => {
      const found = this.find(path);
      return found && found.key >= 0 ? this.index.span(found.key) : undefined;
    }, (source) => source.keyRange(path), undefined);
  }

  nearest(path: Path): Range {
    return this.guard((): Range => {
      const index = this.index;
      for (let length = path.length; length >= 0; length--) {
        const found = this.find(path.slice(0, length));
        if (!found) continue;
        if (found.key >= 0) return index.span(found.key)!;
        if (found.node < 0) return [found.empty, found.empty] as Range;
        if ((index.meta(found.node) & KIND) === MAPPING) {
          const first = index.pairs(found.node).keys[0];
          if (first !== undefined) return index.span(first)!;
        }
        const span = index.span(found.node);
        if (span) return span;
        const at = found.node === this.root ? index.emptyDocumentAt(this.root) : index.emptyNodeAt(found.node);
        return [at, at] as Range;
      }
      return [0, 0] as Range;
    }, (source) => source.nearest(path), [0, 0]);
  }

  position(offset: number): { line: number; column: number } {
    return this.index.position(offset);
  }

  /** Runs a lookup on the records; when they do not fit (never seen on real files), answers from the full parser. */
  private guard<T>(fast: () => T, full: (source: SourceMap) => T, missing: T): T {
    try {
      return fast();
    } catch (error) {
      if (!(error instanceof Inconsistent)) throw error;
      fastPathStats.sourceMapFallbacks++;
      const document = this.index.fullParse().documents.find((d) => d.index === this.docIndex);
      return document ? full(document.source) : missing;
    }
  }

  private find(path: Path): Found | undefined {
    const index = this.index;
    let node = index.resolve(this.root);
    let key = -1;
    let empty = -1;
    for (const segment of path) {
      if (node < 0) return undefined;
      if (typeof segment === 'number') {
        if ((index.meta(node) & KIND) !== SEQUENCE) return undefined;
        const item = index.items(node)[segment];
        if (item === undefined) return undefined;
        key = -1;
        if (index.isEmpty(item)) {
          // An empty item (`- `, `- &a`): `yaml` places it after its properties (maybe on a later line) or its `-`.
          empty = index.meta(item) & (ANCHORED | TAGGED) ? index.emptyNodeAt(item) : index.emptyAt(index.dash(node, segment) + 1);
          node = -1;
        } else {
          node = index.resolve(item);
        }
      } else {
        const pair = this.findPair(node, segment, 0);
        if (!pair) return undefined;
        key = pair.key;
        node = pair.value < 0 ? -1 : index.resolve(pair.value);
        empty = -1;
      }
    }
    return { node, empty, key };
  }

  /** The pair for `key` in a mapping, through merge keys as the decoder does (own keys win); DocumentSourceMap.findPair. */
  private findPair(node: number, key: string, depth: number): { key: number; value: number } | undefined {
    const index = this.index;
    if (node < 0 || (index.meta(node) & KIND) !== MAPPING || depth > 20) return undefined;
    const { keys, values } = index.pairs(node);
    let merged: { key: number; value: number } | undefined;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const isMerge = index.isMergeKey(k);
      if (!isMerge && String(index.result(k)) === key) return { key: k, value: values[i]! };
      if (isMerge && !merged && values[i]! >= 0) {
        const sources = index.resolve(values[i]!);
        const list = (index.meta(sources) & KIND) === SEQUENCE ? index.items(sources).map((s) => index.resolve(s)) : [sources];
        for (const source of list) {
          merged = this.findPair(source, key, depth + 1);
          if (merged) break;
        }
      }
    }
    return merged;
  }
}
