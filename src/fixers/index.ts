import type { Fix, Manifest, Path, PathOp } from '../engine/types.js';
import { editForOp, newBlockEntry, UNCHANGED } from './apply-op.js';
import { entryEnd, entryStart, fixContext, locate, type FixContext } from './context.js';
import { applyOpsToValue, sameValue } from './expected.js';
import { documentEnds } from './document-ends.js';
import { parseFast } from '../parse/fast-yaml.js';
import { applyFix, breakLength, collectComments, lineBreakOf, lineEnd, startsLine } from './text.js';
import { insertPairs } from './insert-pair.js';

export { appendItem } from './append-item.js';
export { fixContext, locate, type FixContext, type Found, type Location } from './context.js';
export { insertPair } from './insert-pair.js';
export { removeEntry } from './remove-entry.js';
export { renameKey } from './rename-key.js';
export { replaceValue } from './replace-value.js';
export { setScalar } from './set-scalar.js';

/**
 * Turns a rule's path operations on document `docIndex` of `text` into one minimal edit of `text` (ESLint's fix),
 * or null when there is nothing to change or the change cannot keep the file's layout.
 *
 * `text` is the whole file as the linter parsed it (BOM removed); paths are document paths (`['items', 0, …]` for a
 * `kind: List` item) and the range is in `text` offsets. The ops are applied together: sets and appends first, then
 * renames, then removes (so removing a map's last key and adding another does not pass through `{}`), each as a text
 * edit at node ranges; the fix spans the first to the last edit and copies the text between them. Ops whose paths
 * overlap (one is a prefix of another) are declined, as are alias, anchor and merge-key paths, wrong shapes, missing
 * paths for remove and rename, and flow collections with comments. Only the document's part of the file is read and
 * edited, and the result is read back as the linter reads files: it must parse, hold exactly the value the ops ask for
 * and keep every comment, or the fix is declined. A report's ops, whose paths are the manifest's, go through
 * fixForManifest.
 */
export function fixFromOps(text: string, docIndex: number, ops: readonly PathOp[]): Fix | null {
  if (ops.length === 0 || overlapping(ops)) return null;
  try {
    const read = readPart(text, docIndex);
    if (!read) return null;
    const expected = applyOpsToValue(read.value, ops);
    const planned = expected && planFix(read.context, ops);
    if (!planned || !faithful(read.context, planned, expected.value)) return null;
    const [start, end] = planned.fix.range;
    return { range: [read.start + start, read.start + end], text: planned.fix.text };
  } catch {
    return null; // a fixer that fails declines: the problem is still reported, without a fix
  }
}

/** A document's part of a file, read for editing: where it starts, its context and its value as the linter reads it. */
interface ReadPart {
  readonly start: number;
  readonly context: FixContext;
  readonly value: unknown;
}

/**
 * The file whose reports are being fixed: its document ends and the parts read so far (null: not exactly one
 * document). The engine asks for one file's fixes and suggestions together, a document's several times.
 */
let current: { text: string; ends: number[]; parts: Map<number, ReadPart | null> } | undefined;

/**
 * Document `docIndex`'s part of `text`: from the end of the one before (so its directives and the comments above it
 * come along) to its end, or the file's for the last one. Each part reads alone as that one document; only it is read
 * and edited, as a file may hold hundreds of documents. Contexts are never mutated.
 */
function readPart(text: string, docIndex: number): ReadPart | null {
  if (current?.text !== text) current = { text, ends: documentEnds(text), parts: new Map() };
  const { ends, parts } = current;
  if (docIndex < 0 || docIndex >= ends.length) return null;
  let read = parts.get(docIndex);
  if (read === undefined) {
    const start = docIndex === 0 ? 0 : ends[docIndex - 1]!;
    const partText = text.slice(start, ends[docIndex]!);
    const context = fixContext(partText, 0, { eol: lineBreakOf(text) });
    const value = context && context.docs.length === 1 ? linterValue(partText) : null;
    read = value ? { start, context: context!, value: value.value } : null;
    parts.set(docIndex, read);
  }
  return read;
}

/** The value of a one-document text as the linter reads it (the fast path), or null when it is not that. */
function linterValue(text: string): { value: unknown } | null {
  const parsed = parseFast(text);
  return parsed.errors.length === 0 && parsed.documentCount === 1 && parsed.documents.length === 1 ? { value: parsed.documents[0]!.value } : null;
}

/**
 * The edit for ops without reading the result back (fixFromOps does): the primitives' own work, for tests. Null when
 * an op is declined or nothing changes. Each op edits the text the one before left, so the text is read again after
 * each edit, except where the nodes already read tell the same: new keys of one block map go in as one insertion,
 * and a last remove of an entry above an insertion reads the nodes from before it. `rereadEach` turns those off, for
 * tests that they give the same edits.
 */
export function planFix(original: FixContext, ops: readonly PathOp[], { rereadEach = false } = {}): { fix: Fix; text: string } | null {
  const text = original.text;
  const docIndex = original.docs.indexOf(original.doc);
  const sorted = [...ops].sort((a, b) => ORDER[a.op] - ORDER[b.op]);
  let ctx = original;
  let result = text;
  // The changed span, in the current text: text before `low` and after `high` is the original's.
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < sorted.length; ) {
    const together = rereadEach ? null : newKeysTogether(ctx, sorted, i);
    const edit = together ? together.edit : editForOp(ctx, sorted[i]!);
    i += together ? together.count : 1;
    if (edit === null) return null;
    if (edit === UNCHANGED) continue;
    const [start, end] = edit.range;
    low = Math.min(low, start);
    high = Math.max(high, end) + edit.text.length - (end - start);
    result = applyFix(ctx.text, edit);
    if (i === sorted.length) break;
    if (!rereadEach && i === sorted.length - 1 && removesAbove(ctx, sorted[i]!, edit, result)) {
      ctx = { ...ctx, text: result };
      continue;
    }
    const next = fixContext(result, docIndex, { layout: original.layout });
    if (!next) return null;
    ctx = next;
  }
  if (result === text) return null;
  return { fix: { range: [low, text.length - (result.length - high)], text: result.slice(low, high) }, text: result };
}

/** The sets from op `i` on that add new keys to one block map, as one insertion; null for fewer than two. */
function newKeysTogether(ctx: FixContext, ops: readonly PathOp[], i: number): { count: number; edit: Fix } | null {
  const first = newBlockEntry(ctx, ops[i]!);
  if (!first) return null;
  const entries = [first.entry];
  while (i + entries.length < ops.length) {
    const next = newBlockEntry(ctx, ops[i + entries.length]!);
    if (next?.map !== first.map) break;
    entries.push(next.entry);
  }
  const edit = entries.length > 1 ? insertPairs(ctx, first.map, entries) : null;
  return edit && { count: entries.length, edit };
}

/**
 * Whether `op`, after `insertion` turned ctx's text into `edited`, is planned alike on ctx's nodes and `edited` as on
 * `edited` read again: it removes an entry of a block collection that keeps other entries, from the start of its line
 * to a line end at or before the insertion, which leaves the line break there alone. Everything removeEntry reads
 * then lies before the insertion, where the two texts are the same.
 */
function removesAbove(ctx: FixContext, op: PathOp, insertion: Fix, edited: string): boolean {
  const [at, end] = insertion.range;
  if (op.op !== 'remove' || at !== end) return false;
  const location = locate(ctx, op.path);
  if (!location || !('found' in location) || !location.found.parent) return false;
  const { parent, index } = location.found;
  if (parent.flow || parent.items.length < 2) return false;
  const start = entryStart(ctx.text, parent, index);
  if (start === null || !startsLine(ctx.text, start)) return false;
  const entryLineEnd = lineEnd(ctx.text, entryEnd(ctx.text, parent, index));
  return entryLineEnd < at || (entryLineEnd === at && breakLength(edited, at) > 0);
}

/**
 * fixFromOps for a rule's report: its ops' paths are relative to the manifest (as report paths are), so a `kind: List`
 * item's are prefixed with `['items', i]`. `text` is SourceFile.text (the BOM already removed).
 */
export function fixForManifest(text: string, manifest: Pick<Manifest, 'docIndex' | 'base'>, ops: readonly PathOp[]): Fix | null {
  const base = manifest.base;
  return fixFromOps(text, manifest.docIndex, base.length === 0 ? ops : ops.map((op) => ({ ...op, path: [...base, ...op.path] })));
}

const ORDER: Record<PathOp['op'], number> = { set: 0, append: 0, rename: 1, remove: 2 };

/** Paths each op changes: a rename also writes its new key, removing an item renumbers the whole sequence. */
function pathsOf(op: PathOp): Path[] {
  if (op.op === 'rename') return [op.path, [...op.path.slice(0, -1), op.key]];
  if (op.op === 'remove' && typeof op.path[op.path.length - 1] === 'number') return [op.path.slice(0, -1)];
  return [op.path];
}

function isPrefix(prefix: Path, path: Path): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

/** Whether two ops touch the same node or one touches a node inside the other's. */
export function overlapping(ops: readonly PathOp[]): boolean {
  const paths = ops.map(pathsOf);
  return paths.some((mine, i) => paths.slice(i + 1).some((theirs) => mine.some((a) => theirs.some((b) => isPrefix(a, b) || isPrefix(b, a)))));
}

/**
 * The edited part says what the ops asked for, read as the linter reads files, and kept every comment. (The part is
 * one document: other documents of the file are not in it.)
 *
 * Only an edit that touches a comment's text is read again for comments. Around the edit the text is the original's,
 * so a comment there is still in it, and still a comment unless the edit made it part of a scalar (a quoted string
 * left open, a block scalar whose lines now reach it), which changes a value the check above compares.
 */
export function faithful(original: FixContext, planned: { fix: Fix; text: string }, expected: unknown): boolean {
  const { fix, text: editedText } = planned;
  const is = linterValue(editedText);
  if (!is || !sameValue(is.value, expected)) return false;
  const [start, end] = fix.range;
  if (!original.comments.some((comment) => comment.offset < Math.max(end, start + 1) && comment.offset + comment.source.length > start)) return true;
  const edited = collectComments(editedText);
  if (!edited) return false;
  const left = new Map<string, number>();
  for (const comment of edited) left.set(comment.source, (left.get(comment.source) ?? 0) + 1);
  return original.comments.every((comment) => {
    const count = left.get(comment.source) ?? 0;
    left.set(comment.source, count - 1);
    return count > 0;
  });
}
