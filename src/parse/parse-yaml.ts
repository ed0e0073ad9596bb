import { LineCounter, parseAllDocuments, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
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
  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number };
}

/**
 * Kubernetes decodes YAML with go-yaml v2 (YAML 1.1): `yes`/`on` are booleans and `0755` is octal.
 * go-yaml v2 has no sexagesimal numbers and decodes timestamps to strings in JSON, so those tags are dropped.
 */
export const KUBERNETES_YAML: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  merge: true,
  uniqueKeys: true,
  customTags: (tags) =>
    tags.filter((tag) => typeof tag === 'string' || (!tag.tag.endsWith(':timestamp') && (tag as { format?: string }).format !== 'TIME')),
};

/** Aliases may expand to at most this many nodes per document (billion-laughs guard). */
export const MAX_ALIAS_COUNT = 1000;

export function parseYaml(text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const documents: ParsedDocument[] = [];
  const errors: ParseError[] = [];
  const parsed = parseAllDocuments(text, { ...KUBERNETES_YAML, lineCounter, prettyErrors: false });
  const list = Array.isArray(parsed) ? parsed : [];
  list.forEach((document, index) => {
    const first = document.errors[0];
    if (first && isStackOverflow(first.message)) {
      errors.push(toParseError(TOO_DEEP, document.range[0], lineCounter, index));
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
      const offset = isStackOverflow(message) ? document.range[0] : (document.contents?.range?.[0] ?? 0);
      const explained = isStackOverflow(message) ? TOO_DEEP : /alias count/i.test(message) ? withHint(message, ALIAS_LIMIT_CODE, text, [offset, offset]) : message;
      errors.push(toParseError(explained, offset, lineCounter, index));
    }
  });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return { documents, errors, position };
}

/**
 * A document nested so deeply that the parser runs out of stack (thousands of levels; no Kubernetes object comes
 * close). Reported at the document's start: where the stack ran out depends on the stack's size, not on the text.
 */
const TOO_DEEP = 'Document nested too deeply to read (the parser ran out of stack): Kubernetes objects are never nested this deep, check how the file was generated';
const isStackOverflow = (message: string) => message.includes('Maximum call stack size exceeded');

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

