import type { Document } from 'yaml';
import type { Fix, Manifest, Path, PathOp } from '../engine/types.js';
import { editForOp, UNCHANGED } from './apply-op.js';
import { fixContext, type FixContext } from './context.js';
import { applyOpsToValue, sameValue } from './expected.js';
import { documentEnds } from './document-ends.js';
import { applyFix, lineBreakOf } from './text.js';
import { MAX_ALIAS_COUNT } from './yaml-options.js';

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
 * edited, and the result is read back: it must parse, hold exactly the value the ops ask for and keep every comment,
 * or the fix is declined. A report's ops, whose paths are the manifest's, go through fixForManifest.
 */
export function fixFromOps(text: string, docIndex: number, ops: readonly PathOp[]): Fix | null {
  if (ops.length === 0 || overlapping(ops)) return null;
  try {
    // Only the document's part of the file is read and edited: a file may hold hundreds of documents.
    const part = documentPart(text, docIndex);
    const read = part && readPart(text.slice(part.start, part.end), lineBreakOf(text));
    if (!read) return null;
    const { original, before } = read;
    const expected = before && applyOpsToValue(before.value, ops);
    const planned = expected && planFix(original, ops);
    if (!planned || !faithful(original, planned.edited, expected.value)) return null;
    const [start, end] = planned.fix.range;
    return { range: [part.start + start, part.start + end], text: planned.fix.text };
  } catch {
    return null; // a fixer that fails declines: the problem is still reported, without a fix
  }
}

/** The last file split into documents: the engine asks for the fixes of one file's reports one after the other. */
let lastFile: { text: string; ends: number[] } | undefined;

/** The last document part read for editing, with its value: a document's reports are fixed one after the other. */
let lastPart: { text: string; eol: string; read: { original: FixContext; before: { value: unknown } | null } | null } | undefined;

/** A document part's context and value, or null when it is not exactly one document. Contexts are never mutated. */
function readPart(text: string, eol: string): { original: FixContext; before: { value: unknown } | null } | null {
  if (lastPart?.text !== text || lastPart.eol !== eol) {
    const original = fixContext(text, 0, { eol });
    lastPart = { text, eol, read: original && original.docs.length === 1 ? { original, before: documentValue(original.doc) } : null };
  }
  return lastPart.read;
}

/**
 * Where document `docIndex` lies in the file: from the end of the one before (so its directives and the comments
 * above it come along) to its end, or the file's for the last one. Each part reads alone as that one document.
 */
function documentPart(text: string, docIndex: number): { start: number; end: number } | null {
  if (lastFile?.text !== text) lastFile = { text, ends: documentEnds(text) };
  const { ends } = lastFile;
  if (docIndex < 0 || docIndex >= ends.length) return null;
  return { start: docIndex === 0 ? 0 : ends[docIndex - 1]!, end: ends[docIndex]! };
}

/**
 * The edit for ops without reading the result back (fixFromOps does): the primitives' own work, for tests. Null when
 * an op is declined or nothing changes.
 */
export function planFix(original: FixContext, ops: readonly PathOp[]): { fix: Fix; edited: FixContext } | null {
  const text = original.text;
  const docIndex = original.docs.indexOf(original.doc);
  let ctx = original;
  // The changed span, in the current text: text before `low` and after `high` is the original's.
  let low = Infinity;
  let high = -Infinity;
  for (const op of [...ops].sort((a, b) => ORDER[a.op] - ORDER[b.op])) {
    const edit = editForOp(ctx, op);
    if (edit === null) return null;
    if (edit === UNCHANGED) continue;
    const [start, end] = edit.range;
    low = Math.min(low, start);
    high = Math.max(high, end) + edit.text.length - (end - start);
    const next = fixContext(applyFix(ctx.text, edit), docIndex, { layout: original.layout });
    if (!next) return null;
    ctx = next;
  }
  const result = ctx.text;
  if (result === text) return null;
  return { fix: { range: [low, text.length - (result.length - high)], text: result.slice(low, high) }, edited: ctx };
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

function documentValue(doc: Document.Parsed): { value: unknown } | null {
  if (doc.errors.length > 0) return null;
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch {
    return null;
  }
}

/** The edited file says what the ops asked for, and nothing else changed: other documents, comments. */
function faithful(original: FixContext, edited: FixContext, expected: unknown): boolean {
  if (edited.docs.length !== original.docs.length) return false;
  const is = documentValue(edited.doc);
  if (!is || !sameValue(is.value, expected)) return false;
  // Other documents (when the context holds several) keep their text, so they read the same.
  const source = (ctx: FixContext, doc: Document.Parsed) => ctx.text.slice(doc.range[0], doc.range[2]);
  const same = original.docs.every((doc, index) => doc === original.doc || source(original, doc) === source(edited, edited.docs[index]!));
  if (!same) return false;
  const left = new Map<string, number>();
  for (const comment of edited.comments) left.set(comment.source, (left.get(comment.source) ?? 0) + 1);
  return original.comments.every((comment) => {
    const count = left.get(comment.source) ?? 0;
    left.set(comment.source, count - 1);
    return count > 0;
  });
}
