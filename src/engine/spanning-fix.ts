import { fixFromOps } from '../fixers/index.js';
import type { Fix, LintMessage, ManifestRef, PathOp } from './types.js';

/** A fix's ops on one document, with paths from the document's root (a `kind: List` item's base prepended). */
export interface DocumentOps {
  filePath: string;
  docIndex: number;
  ops: PathOp[];
}

/** Splits a report's ops by the document they edit (the reported manifest's unless an op names another), in order. */
export function opsByDocument(reported: ManifestRef, ops: readonly PathOp[]): DocumentOps[] {
  const groups: DocumentOps[] = [];
  for (const { manifest, ...op } of ops) {
    const target = manifest ?? reported;
    let group = groups.find((g) => g.filePath === target.filePath && g.docIndex === target.docIndex);
    if (!group) groups.push((group = { filePath: target.filePath, docIndex: target.docIndex, ops: [] }));
    group.ops.push({ ...op, path: [...target.base, ...op.path] } as PathOp);
  }
  return groups;
}

/** Ops whose target manifests are reduced to plain refs, so a report can cross threads and be hashed for the cache. */
export function plainOps(ops: readonly PathOp[]): PathOp[] {
  return ops.map((op) => (op.manifest ? { ...op, manifest: { filePath: op.manifest.filePath, docIndex: op.manifest.docIndex, base: op.manifest.base } } : op));
}

/**
 * The edits of documents of one file as one fix (ESLint's mergeFixes: the text between them is copied), or null when
 * a document's edit is declined: a fix lands whole or not at all.
 */
export function fixForDocuments(text: string, groups: readonly DocumentOps[]): Fix | null {
  const fixes: Fix[] = [];
  for (const group of groups) {
    const fix = fixFromOps(text, group.docIndex, group.ops);
    if (!fix) return null;
    fixes.push(fix);
  }
  fixes.sort((a, b) => a.range[0] - b.range[0]);
  let merged = '';
  for (const [i, fix] of fixes.entries()) merged += (i === 0 ? '' : text.slice(fixes[i - 1]!.range[1], fix.range[0])) + fix.text;
  return fixes.length === 0 ? null : { range: [fixes[0]!.range[0], fixes[fixes.length - 1]!.range[1]], text: merged };
}

/**
 * A fix that edits other files cannot be ESLint's `fix` (one range of the message's file): its ops ride along on the
 * message, hidden from formatters, and the fix loop renders them against the texts of that pass (fix-files.ts).
 */
const ACROSS_FILES = Symbol('fix across files');

export function attachFixAcrossFiles(message: LintMessage, groups: DocumentOps[]): void {
  Object.defineProperty(message, ACROSS_FILES, { value: groups, enumerable: false });
}

export function fixAcrossFilesOf(message: LintMessage): readonly DocumentOps[] | undefined {
  return (message as { [ACROSS_FILES]?: DocumentOps[] })[ACROSS_FILES];
}
