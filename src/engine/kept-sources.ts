import type { Path, Range, SourceMap } from './types.js';
import { withoutBom } from './read-files.js';
import { loadSourceFile, PARSERS, type ParserName, type SourceFile } from './lint-file.js';
import { splitParts } from '../parse/document-parts.js';
import type { ParsedFile } from '../parse/parse-yaml.js';

/**
 * Source maps for the manifests a file keeps for cross-document rules, which parse text again on first use.
 * A parse is many times the size of its text: keeping it for every file until the cross-document rules have run
 * would hold the whole tree's parse in memory. Most kept manifests never get a cross-document finding, so the parse
 * is usually never redone; when it is, the same parser over the same text gives the same ranges.
 *
 * A manifest whose document's range is known (`root`) parses only the text between the `---` lines around it, as a
 * large file's parts are parsed (document-parts.ts): a finding on one object of a file costs one document's parse.
 */
export function reparsedSources(filePath: string, rawText: string | (() => string), parser: ParserName = 'fast'): ReparsedSources {
  // Asked for when first parsed: a file waiting for the cross-document rules may have let go of its text (see lintFiles).
  const textOf = typeof rawText === 'string' ? () => withoutBom(rawText) : () => withoutBom(rawText());
  let parsed: SourceFile | undefined;
  let pieces: readonly Piece[] | undefined;
  /** Source maps found in pieces, by the document's start. */
  let found = new Map<number, SourceMap>();
  const whole = () => (parsed ??= loadSourceFile(filePath, textOf(), parser));
  const inPieceAt = (base: Path, root: Range): SourceMap | undefined => {
    let source = found.get(root[0]);
    if (!source) {
      const text = textOf();
      pieces ??= piecesOf(text, PARSERS[parser]);
      source = inPiece(pieces.find((piece) => piece.start <= root[0] && root[0] < piece.end), base, root, text);
      if (source) found.set(root[0], source);
    }
    return source;
  };
  const reparse: Reparse = { inPieceAt, inWhole: (docIndex, base) => wholeDocument(whole(), docIndex, base) };
  return {
    sourceOf: (docIndex, base, root) => new ReparsedSourceMap(reparse, docIndex, base, root),
    release: () => {
      parsed = undefined;
      pieces = undefined;
      found = new Map();
    },
  };
}

export interface ReparsedSources {
  /** `root`: the range of the manifest's document (its root node) in the first parse. */
  sourceOf(docIndex: number, base: Path, root?: Range): SourceMap;
  /** Drops what was parsed again once the file is finished: rules may still hold its manifests (and so these source maps). */
  release(): void;
}

/** The text between two `---` lines, parsed when first asked; `lineShift` is its first line less one. */
interface Piece {
  start: number;
  end: number;
  lineShift: number;
  parsed: () => ParsedFile;
}

function piecesOf(text: string, parse: (text: string) => ParsedFile): Piece[] {
  let line = 1;
  let counted = 0;
  return splitParts(text, 0).map(({ start, end }) => {
    for (let at = text.indexOf('\n', counted); at >= 0 && at < start; at = text.indexOf('\n', at + 1)) line++;
    counted = start;
    let parsed: ParsedFile | undefined;
    return { start, end, lineShift: line - 1, parsed: () => (parsed ??= parse(text.slice(start, end))) };
  });
}

/** The document of a piece whose root spans `root`, answering in the file's offsets and lines; undefined if none does. */
function inPiece(piece: Piece | undefined, base: Path, root: Range, text: string): SourceMap | undefined {
  if (!piece) return undefined;
  const { start, end, lineShift } = piece;
  for (const document of piece.parsed().documents) {
    const range = document.source.range([]);
    if (!range || range[0] + start !== root[0] || range[1] + start !== root[1] || document.source.range(base) === undefined) continue;
    const own = document.source;
    const shift = (found: Range | undefined): Range | undefined => found && [found[0] + start, found[1] + start];
    return {
      range: (path) => shift(own.range(path)),
      keyRange: (path) => shift(own.keyRange(path)),
      nearest: (path) => shift(own.nearest(path))!,
      position: (offset) => {
        if (offset < start || offset > end) return filePosition(text, offset);
        const { line, column } = own.position(offset - start);
        return { line: line + lineShift, column };
      },
    };
  }
  return undefined;
}

function wholeDocument(parsed: SourceFile, docIndex: number, base: Path): SourceMap {
  const key = base.join('\0');
  const source = parsed.manifests.find((manifest) => manifest.docIndex === docIndex && manifest.base.join('\0') === key)?.source;
  if (!source) throw new Error(`document ${docIndex + 1} is missing when its file is parsed again`);
  return source;
}

/** Asked of a document for a place outside it (rarely): counted in the file's text. */
function filePosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  const lineStart = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  return { line, column: offset - lineStart + 1 };
}

/** A file's text parsed again: in the piece of a document's range, or whole. */
interface Reparse {
  inPieceAt(base: Path, root: Range): SourceMap | undefined;
  inWhole(docIndex: number, base: Path): SourceMap;
}

/**
 * Parses on first use and asks again each time: what was parsed goes when the file is finished (see `release`).
 * It holds what finds its document rather than a closure over it: a run keeps one per kept manifest.
 */
class ReparsedSourceMap implements SourceMap {
  constructor(
    private readonly reparse: Reparse,
    private readonly docIndex: number,
    private readonly base: Path,
    private readonly root: Range | undefined,
  ) {}

  private find(): SourceMap {
    return (this.root && this.reparse.inPieceAt(this.base, this.root)) || this.reparse.inWhole(this.docIndex, this.base);
  }

  range(path: Path): Range | undefined {
    return this.find().range(path);
  }

  keyRange(path: Path): Range | undefined {
    return this.find().keyRange(path);
  }

  nearest(path: Path): Range {
    return this.find().nearest(path);
  }

  position(offset: number): { line: number; column: number } {
    return this.find().position(offset);
  }
}
