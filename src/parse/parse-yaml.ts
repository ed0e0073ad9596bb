import { Lexer, LineCounter, Schema, isScalar, parseAllDocuments, visit, type Alias, type Document, type DocumentOptions, type ParseOptions, type ScalarTag, type SchemaOptions } from 'yaml';
import type { SourceMap } from '../engine/types.js';
import { DocumentSourceMap } from './source-map.js';

/** One YAML document: its plain value (as Kubernetes decodes it) and a map from paths to text ranges. */
export interface ParsedDocument {
  index: number;
  value: unknown;
  source: SourceMap;
}

export interface ParseError {
  message: string;
  line: number;
  column: number;
  docIndex: number;
}

/** What every parser (the full `yaml` one here, a faster one for plain linting) gives the engine. */
export interface ParsedFile {
  documents: ParsedDocument[];
  errors: ParseError[];
  /** Documents in the stream, with those that failed to parse (the next document's index). */
  documentCount: number;
  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number };
}

/**
 * yaml's YAML 1.1 float tests with a digit required before the exponent: theirs take `e3`, `-e3`, `.e3` (exponent
 * floats) and `.`, `-.`, `._` (floats) for NaN, where go-yaml v2 reads strings. A label value `e5339438` is a string.
 */
export const FLOAT_EXP = /^(?=[^eE]*[0-9])[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/;
export const FLOAT = /^(?=.*[0-9])[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/;

/**
 * yaml's float tags as go-yaml v2 reads floats: with a digit (FLOAT_EXP, FLOAT), and a float too large for float64
 * (`1e400`, a label value `5e123456`) is a string, as ParseFloat fails there; yaml gives Infinity.
 */
function goYamlFloat(tag: ScalarTag): ScalarTag {
  if (tag.tag !== 'tag:yaml.org,2002:float' || !tag.test) return tag;
  const test = tag.test.test('e3') ? FLOAT_EXP : tag.test.test('.') ? FLOAT : undefined;
  if (!test) return tag; // .inf, .nan
  const resolve = tag.resolve;
  return {
    ...tag,
    test,
    resolve: (text, onError, options) => {
      const value = resolve(text, onError, options);
      return Number.isFinite(isScalar(value) ? value.value : value) ? value : text;
    },
  };
}

/**
 * Kubernetes decodes YAML with go-yaml v2 (YAML 1.1): `yes`/`on` are booleans and `0755` is octal.
 * go-yaml v2 has no sexagesimal numbers and decodes timestamps to strings in JSON, so those tags are dropped; floats
 * are read as there (goYamlFloat).
 */
export const KUBERNETES_YAML: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  uniqueKeys: true,
  // Built once and shared: given options instead, yaml builds the schema again for every document it composes, a
  // tenth of the time of composing a small one (and fixes compose every document they edit).
  schema: new Schema({
    schema: 'yaml-1.1',
    resolveKnownTags: false,
    merge: true,
    customTags: (tags) =>
      tags
        .filter((tag) => typeof tag === 'string' || (!tag.tag.endsWith(':timestamp') && (tag as { format?: string }).format !== 'TIME'))
        .map((tag) => (typeof tag === 'string' || !('test' in tag) ? tag : goYamlFloat(tag as ScalarTag))),
  }),
};

/** Aliases may expand to at most this many nodes per document (billion-laughs guard). */
export const MAX_ALIAS_COUNT = 1000;

/** A document refused before parsing: read as blank (same lines, same document count), one error at `at`. */
interface Refused {
  at: number;
  start: number;
  end: number;
  message: string;
  reported?: boolean;
}

export function parseYaml(source: string): ParsedFile {
  const documents: ParsedDocument[] = [];
  const errors: ParseError[] = [];
  const refused: Refused[] = [];
  const flow = tooDeepFlow(source);
  if (flow) refused.push({ ...flow, message: FLOW_TOO_DEEP });
  let text = blankRefused(source, refused);
  let lineCounter = new LineCounter();
  let parsed: ReturnType<typeof parseAll> | undefined;
  // yaml's parser recurses once per block level and can run out of stack before composing anything: then the most
  // indented document is refused and the rest read again (a few times at most).
  for (let attempt = 0; parsed === undefined; attempt++) {
    try {
      lineCounter = new LineCounter();
      parsed = parseAll(text, lineCounter);
    } catch (error) {
      if (attempt === 3 || !isStackOverflow((error as Error)?.message ?? '')) throw error;
      refused.push({ ...mostIndentedDocument(text), message: TOO_DEEP });
      text = blankRefused(source, refused);
    }
  }
  const list = Array.isArray(parsed) ? parsed : [];
  list.forEach((document, index) => {
    const own = refused.find((refusal) => document.range[0] <= refusal.start && refusal.start <= document.range[2]);
    if (own) {
      errors.push(toParseError(own.message, own.at, lineCounter, index));
      own.reported = true;
      return;
    }
    const first = document.errors[0];
    // A stack overflow is reported where the document's content starts (after its `---`), wherever the stack ran out.
    const contentStart = document.contents?.range?.[0] ?? document.range[0];
    if (first && isStackOverflow(first.message)) {
      errors.push(toParseError(TOO_DEEP, contentStart, lineCounter, index));
      return;
    }
    if (first) {
      errors.push(toParseError(withHint(first.message, first.code, text, first.pos), first.pos[0], lineCounter, index));
      return;
    }
    try {
      const value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      documents.push({ index, value, source: new DocumentSourceMap(document, lineCounter, text) });
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      const offset = isStackOverflow(message) ? contentStart : (unresolvedAlias(document)?.range?.[0] ?? document.contents?.range?.[0] ?? 0);
      const explained = isStackOverflow(message) ? TOO_DEEP : /alias count/i.test(message) ? withHint(message, ALIAS_LIMIT_CODE, text, [offset, offset]) : message;
      errors.push(toParseError(explained, offset, lineCounter, index));
    }
  });
  // A blanked document without a `---` of its own is no document at all: its error stands alone.
  const alone = refused.filter((refusal) => !refusal.reported);
  for (const refusal of alone) errors.push(toParseError(refusal.message, refusal.at, lineCounter, list.length));
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return { documents, errors, documentCount: list.length + (alone.length > 0 ? 1 : 0), position };
}

const parseAll = (text: string, lineCounter: LineCounter) => parseAllDocuments(text, { ...KUBERNETES_YAML, lineCounter, prettyErrors: false });

function blankRefused(source: string, refused: readonly Refused[]): string {
  let text = source;
  for (const { start, end } of refused) text = text.slice(0, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ') + text.slice(end);
  return text;
}

/**
 * A document nested so deeply that the parser runs out of stack (thousands of levels; no Kubernetes object comes
 * close). Reported at the document's start: where the stack ran out depends on the stack's size, not on the text.
 */
const TOO_DEEP = 'Document nested too deeply to read (the parser ran out of stack): Kubernetes objects are never nested this deep, check how the file was generated';
const isStackOverflow = (message: string) => message.includes('Maximum call stack size exceeded');

/**
 * Flow collections (`[`, `{`) nested deeper than this are refused before the document is composed: `yaml` runs out of
 * stack near 800 levels anyway, after building a syntax tree of about a kilobyte per level (a line of a million
 * brackets took a gigabyte and minutes).
 */
export const MAX_FLOW_DEPTH = 500;
const FLOW_TOO_DEEP = `Flow collections ([ ] and { }) nested more than ${MAX_FLOW_DEPTH} deep: Kubernetes objects are never nested this deep, check how the file was generated`;
/** Tokens of yaml's lexer that mark structure and are not text of the file (document, flow end, scalar). */
const NOT_TEXT = new Set(['\x02', '\x18', '\x1f']);

/**
 * The first flow collection nested deeper than MAX_FLOW_DEPTH (`at`) and the document holding it (`start` after its
 * `---`, `end`), or undefined. Exact, as yaml's lexer knows quotes and comments; it runs only on a file with that
 * many opening brackets, which a quick count tells.
 */
function tooDeepFlow(text: string): { at: number; start: number; end: number } | undefined {
  let brackets = 0;
  for (const bracket of ['[', '{']) {
    for (let at = text.indexOf(bracket); at >= 0 && brackets <= MAX_FLOW_DEPTH; at = text.indexOf(bracket, at + 1)) brackets++;
  }
  if (brackets <= MAX_FLOW_DEPTH) return undefined;
  let depth = 0;
  let found: number | undefined;
  return walkDocuments(text, (token, offset) => {
    if (token === '[' || token === '{') {
      if (++depth > MAX_FLOW_DEPTH && found === undefined) found = offset;
    } else if (token === ']' || token === '}') {
      depth = Math.max(0, depth - 1);
    } else if (token === '---') {
      depth = 0;
    }
    return found;
  });
}

/** The document with the most indented line, refused when the parser ran out of stack; reported at its first character. */
function mostIndentedDocument(text: string): { at: number; start: number; end: number } {
  let deepest = { indent: -1, docStart: 0 };
  let docStart = 0;
  let lineStart = true;
  walkDocuments(text, (token, offset) => {
    if (token === '---') docStart = offset + token.length;
    else if (lineStart && /^ +$/.test(token) && token.length > deepest.indent) deepest = { indent: token.length, docStart };
    lineStart = token === '\n' || token === '\r\n';
    return undefined;
  });
  const found = walkDocuments(text, (token, offset) => (offset >= deepest.docStart && !NOT_TEXT.has(token) && /\S/.test(token) ? offset : undefined));
  return found ?? { at: deepest.docStart, start: deepest.docStart, end: text.length };
}

/**
 * Walks yaml's lexer tokens with their offsets until `visit` returns an offset: then returns it with the bounds of the
 * document holding it (`start` after its `---`, `end` at the next `---`).
 */
function walkDocuments(text: string, visit: (token: string, offset: number) => number | undefined): { at: number; start: number; end: number } | undefined {
  let offset = 0;
  let start = 0;
  let found: number | undefined;
  let previous = '';
  for (const token of new Lexer().lex(text)) {
    // `---` is a document marker unless it is the text of a scalar (which follows the scalar token, \x1f).
    const marker = token === '---' && previous !== '\x1f';
    if (marker && found !== undefined) return { at: found, start, end: offset };
    if (found === undefined) found = visit(marker ? '---' : token === '---' ? '' : token, offset);
    if (marker) start = offset + token.length;
    if (!NOT_TEXT.has(token)) offset += token.length;
    previous = token;
  }
  return found === undefined ? undefined : { at: found, start, end: text.length };
}

/** The first alias of a document that names no anchor before it: toJS's error says which, not where. */
function unresolvedAlias(document: Document.Parsed): Alias | undefined {
  let found: Alias | undefined;
  visit(document, {
    Alias(_, alias) {
      if (alias.resolve(document) !== undefined) return undefined;
      found = alias;
      return visit.BREAK;
    },
  });
  return found;
}

/** `toJS` throws a plain Error when aliases expand past maxAliasCount (billion laughs, merge-key bombs). */
const ALIAS_LIMIT_CODE = 'ALIAS_LIMIT';

/** What to do about the errors people meet most; the parser's own words say what is wrong. */
function withHint(message: string, code: string, text: string, pos: [number, number]): string {
  const base = message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
  switch (code) {
    case 'DUPLICATE_KEY': {
      const key = /^[^:\n]*/.exec(text.slice(pos[0], pos[0] + 200))?.[0]?.trim();
      return `${base}${key ? ` ("${key}" appears twice)` : ''}: the Kubernetes API rejects duplicate keys, keep one`;
    }
    case 'TAB_AS_INDENT':
      return `${base}: YAML indentation must use spaces`;
    // A key indented deeper than the one above it, or a plain value holding `: `.
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return `${base}: check the indentation of the lines below (a key indented deeper than the key above it), or quote a value that holds ": "`;
    case 'BAD_INDENT':
      return /^Flow (sequence|mapping)/.test(base) ? `${base}: close the bracket opened above, or indent its lines deeper than its key` : base;
    case 'BAD_ALIAS':
    case 'RESOURCE_EXHAUSTION':
    case ALIAS_LIMIT_CODE:
      return `${base}: anchors and aliases expand to more than ${MAX_ALIAS_COUNT} nodes; write the values out`;
    default:
      return base;
  }
}

function toParseError(message: string, offset: number, lineCounter: LineCounter, docIndex: number): ParseError {
  const { line, col } = lineCounter.linePos(offset);
  // yaml appends its own " at line X, column Y" to some messages; positions are given separately.
  return { message: message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim(), line, column: col, docIndex };
}

