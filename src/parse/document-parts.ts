import type { Path, Range, SourceMap } from '../engine/types.js';
import type { ParseError, ParsedDocument, ParsedFile } from './parse-yaml.js';

/**
 * The largest document kubecarry reads: what the API server accepts as one request body. Larger bodies get 413
 * Request Entity Too Large: MaxRequestBodyBytes is 3 MiB in NewConfig (k8s.io/apiserver/pkg/server/config.go, twice
 * etcd's 1.5 MiB request size), enforced by limitedReadBody (k8s.io/apiserver/pkg/endpoints/handlers/rest.go).
 */
export const MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;

/** Large files are parsed in parts of whole documents of about this many characters: memory follows the part. */
export const PART_SIZE = 1024 * 1024;

/** Consecutive whole documents of a file, [start, end) in its text; `tooLarge` is one document over the limit. */
interface Part {
  start: number;
  end: number;
  tooLarge: boolean;
}

/** A part of a file as parsed alone: its text, where it starts, and the file's index of its first document. */
export interface PartOfFile {
  text: string;
  start: number;
  firstDocument: number;
  /** The file's line and column of any offset. */
  filePosition: (offset: number) => { line: number; column: number };
  /** Parses the part again: what a detached source map answers from. */
  parse: (text: string) => ParsedFile;
}

export interface PartOptions {
  partSize?: number;
  /**
   * Takes each part's documents as soon as it is parsed, instead of the result's `documents` (then empty): a caller
   * done with them before the next part keeps only one part's parse in memory.
   */
  consume?: (documents: ParsedDocument[]) => void;
}

/**
 * Parses a file part by part (see splitParts) and puts the parts together as if parsed whole: document indexes,
 * ranges and positions are the file's. A file that is one part is parsed as it is. A document over
 * MAX_DOCUMENT_BYTES is not parsed: it is one error at its start, and the other documents are read.
 */
export function parseInParts(text: string, parse: (text: string) => ParsedFile, { partSize = PART_SIZE, consume }: PartOptions = {}): ParsedFile {
  // A file no larger than a part is one part, and one of at most a third of the limit in characters holds no document
  // over it (a character is at most 3 bytes of UTF-8 per UTF-16 unit): no need to look for `---` lines.
  const small = text.length <= Math.min(partSize, MAX_DOCUMENT_BYTES / 3);
  const parts = small ? [{ start: 0, end: text.length, tooLarge: false }] : splitParts(text, partSize);
  if (parts.length === 1 && !parts[0]!.tooLarge) {
    const parsed = parse(text);
    if (!consume) return parsed;
    consume(parsed.documents);
    return { ...parsed, documents: [] };
  }
  const documents: ParsedDocument[] = [];
  const errors: ParseError[] = [];
  const startLines: number[] = [];
  let documentCount = 0;
  let line = 1;
  let counted = 0;
  for (const part of parts) {
    line += countLineBreaks(text, counted, part.start);
    counted = part.start;
    startLines.push(line);
    const lineShift = line - 1;
    if (part.tooLarge) {
      errors.push({ message: tooLargeMessage(byteLength(text, part)), line, column: 1, docIndex: documentCount++ });
      continue;
    }
    const partText = text.slice(part.start, part.end);
    const parsed = parse(partText);
    const shared: PartOfFile = { text: partText, start: part.start, firstDocument: documentCount, filePosition: position, parse };
    const inFile = parsed.documents.map((document) => ({
      index: document.index + documentCount,
      value: document.value,
      source: new PartSourceMap(document.source, shared, lineShift, document.index),
    }));
    if (consume) consume(inFile);
    else documents.push(...inFile);
    for (const error of parsed.errors) {
      errors.push({ ...error, line: error.line + lineShift, docIndex: error.docIndex < 0 ? error.docIndex : error.docIndex + documentCount });
    }
    documentCount += parsed.documentCount;
  }
  return { documents, errors, documentCount, position };

  /** Rarely asked (a control character, a template): counted from the start of the offset's part. */
  function position(offset: number): { line: number; column: number } {
    let index = parts.length - 1;
    while (index > 0 && parts[index]!.start > offset) index--;
    const lineStart = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
    return { line: startLines[index]! + countLineBreaks(text, parts[index]!.start, offset), column: offset - lineStart + 1 };
  }
}

/**
 * Cuts a file before every line that starts with a `---` marker (YAML allows no such line inside a scalar, so each
 * one starts a document) and groups the pieces into parts of up to `partSize` characters. A piece over
 * MAX_DOCUMENT_BYTES is a part of its own, marked too large.
 */
export function splitParts(text: string, partSize: number): Part[] {
  const parts: Part[] = [];
  let start = 0;
  let pieceStart = 0;
  const close = (end: number) => {
    if (end > start) parts.push({ start, end, tooLarge: false });
    start = end;
  };
  const piece = (end: number) => {
    if (end - pieceStart > MAX_DOCUMENT_BYTES / 3 && byteLength(text, { start: pieceStart, end }) > MAX_DOCUMENT_BYTES) {
      close(pieceStart);
      parts.push({ start: pieceStart, end, tooLarge: true });
      start = end;
    } else if (end - start > partSize) {
      close(pieceStart);
    }
    pieceStart = end;
  };
  for (let at = text.indexOf('\n---'); at >= 0; at = text.indexOf('\n---', at + 1)) {
    const next = text[at + 4];
    if (next === undefined || next === ' ' || next === '\t' || next === '\r' || next === '\n') piece(at + 1);
  }
  piece(text.length);
  close(text.length);
  return parts.length > 0 ? parts : [{ start: 0, end: text.length, tooLarge: false }];
}

/** A document's source map within its part, answering in the file's offsets and lines (parts start at a line start). */
export class PartSourceMap implements SourceMap {
  constructor(
    private readonly own: SourceMap | undefined,
    readonly part: PartOfFile,
    private readonly lineShift: number,
    /** The document's index in its part. */
    private readonly index: number,
  ) {}

  /**
   * The same map without holding on to the part's parse, for objects kept for cross-document rules until the end of
   * the run: asked for a range, it parses the part again (the last part parsed this way is remembered).
   */
  detached(): PartSourceMap {
    return new PartSourceMap(undefined, this.part, this.lineShift, this.index);
  }

  private get inner(): SourceMap {
    if (this.own) return this.own;
    if (reparsed?.part !== this.part) {
      const byIndex = new Map(this.part.parse(this.part.text).documents.map((document) => [document.index, document.source]));
      reparsed = { part: this.part, byIndex };
    }
    return reparsed.byIndex.get(this.index)!;
  }

  range(path: Path): Range | undefined {
    return this.shift(this.inner.range(path));
  }

  keyRange(path: Path): Range | undefined {
    return this.shift(this.inner.keyRange(path));
  }

  nearest(path: Path): Range {
    return this.shift(this.inner.nearest(path))!;
  }

  position(offset: number): { line: number; column: number } {
    const { start, text, filePosition } = this.part;
    if (offset < start || offset > start + text.length) return filePosition(offset);
    const { line, column } = this.inner.position(offset - start);
    return { line: line + this.lineShift, column };
  }

  private shift(range: Range | undefined): Range | undefined {
    return range && [range[0] + this.part.start, range[1] + this.part.start];
  }
}

/** The part a detached source map parsed last. */
let reparsed: { part: PartOfFile; byIndex: Map<number, SourceMap> } | undefined;

function tooLargeMessage(bytes: number): string {
  const mib = (bytes / 1024 / 1024).toFixed(1);
  return (
    `Document too large (${mib} MiB): the Kubernetes API server accepts at most 3 MiB in one request and answers ` +
    `413 Request Entity Too Large, so this object cannot be applied; split it (large data belongs in several ` +
    `ConfigMaps or a volume). kubecarry did not read it; the other documents were checked`
  );
}

function byteLength(text: string, { start, end }: { start: number; end: number }): number {
  return Buffer.byteLength(text.slice(start, end));
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
