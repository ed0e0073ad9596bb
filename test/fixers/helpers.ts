import { isMap, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { expect } from 'vitest';
import type { Fix, Path, PathOp } from '../../src/engine/types.js';
import { fixContext, locate, type FixContext, type Found } from '../../src/fixers/context.js';
import { fixFromOps } from '../../src/fixers/index.js';
import { applyFix } from '../../src/fixers/text.js';
import { parseDocuments } from '../../src/fixers/yaml-options.js';

/** Test texts are written with `\n`; `crlf` turns them into a CRLF file. */
export function crlf(text: string): string {
  return text.replace(/\n/g, '\r\n');
}

export function context(text: string, docIndex = 0): FixContext {
  const ctx = fixContext(text, docIndex);
  if (!ctx) throw new Error('test text does not parse');
  return ctx;
}

export function found(ctx: FixContext, path: Path): Found {
  const at = locate(ctx, path);
  if (!at || !('found' in at)) throw new Error(`no node at ${path.join('.')}`);
  return at.found;
}

export function mapAt(ctx: FixContext, path: Path): YAMLMap<unknown, unknown> {
  const node = found(ctx, path).node;
  if (!isMap(node)) throw new Error(`no map at ${path.join('.')}`);
  return node;
}

export function seqAt(ctx: FixContext, path: Path): YAMLSeq<unknown> {
  const node = found(ctx, path).node;
  if (!isSeq(node)) throw new Error(`no sequence at ${path.join('.')}`);
  return node;
}

export function nodeAt(ctx: FixContext, path: Path): Node {
  const node = found(ctx, path).node;
  if (!node) throw new Error(`no node at ${path.join('.')}`);
  return node;
}

/** The text after a primitive's fix, or null when it declined; the fix must leave a file that parses. */
export function applied(text: string, fix: Fix | null): string | null {
  if (fix === null) return null;
  const result = applyFix(text, fix);
  expect(parseDocuments(result).flatMap((doc) => doc.errors.map((error) => error.message))).toEqual([]);
  return result;
}

/** The text after fixFromOps, or null when it declined. */
export function fixed(text: string, ops: readonly PathOp[], docIndex = 0): string | null {
  return applied(text, fixFromOps(text, docIndex, ops));
}

export interface Variant {
  name: string;
  before: string;
  after: string | null;
  docIndex: number;
}

const OTHER_DOCUMENT = 'kind: Other # another document\nspec: {a: 1}\n---\n';

/**
 * A before/after pair written with `\n` and a final line break, in the layouts every edit must keep: LF and CRLF, with
 * and without the final line break, alone or as the second document of a file (so only that document changes).
 */
export function variants(before: string, after: string | null): Variant[] {
  const out: Variant[] = [];
  for (const eol of ['\n', '\r\n']) {
    for (const finalBreak of [true, false]) {
      for (const second of [false, true]) {
        const shape = (text: string) => {
          let result = (second ? OTHER_DOCUMENT : '') + text;
          if (!finalBreak) result = result.replace(/\n$/, '');
          return eol === '\n' ? result : crlf(result);
        };
        // A file of one line has no line break to follow: new lines get `\n`.
        if (eol === '\r\n' && !shape(before).includes('\n')) continue;
        const name = `${eol === '\n' ? 'LF' : 'CRLF'}${finalBreak ? '' : ', no final line break'}${second ? ', second document' : ''}`;
        out.push({ name, before: shape(before), after: after === null ? null : shape(after), docIndex: second ? 1 : 0 });
      }
    }
  }
  return out;
}

/** Runs a primitive on every variant of a before/after pair. */
export function expectEdit(before: string, after: string | null, edit: (ctx: FixContext) => Fix | null): void {
  for (const variant of variants(before, after)) {
    const ctx = context(variant.before, variant.docIndex);
    expect(applied(variant.before, edit(ctx)), variant.name).toBe(variant.after);
  }
}

/** Runs fixFromOps on every variant of a before/after pair. */
export function expectFix(before: string, after: string | null, ops: readonly PathOp[]): void {
  for (const variant of variants(before, after)) {
    expect(fixed(variant.before, ops, variant.docIndex), variant.name).toBe(variant.after);
  }
}
