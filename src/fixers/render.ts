import { stringify } from 'yaml';
import { spaces } from './text.js';
import { KUBERNETES_YAML } from './yaml-options.js';

/** Renders new values as YAML text. Only new fragments are rendered; existing text is never re-printed. */

export type Scalar = string | number | boolean | bigint | null;
export type QuoteStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE';

/** How the file lays out block collections: the new text follows it. */
export interface Layout {
  /** `\n` or `\r\n`. */
  eol: string;
  /** Columns from a key to the keys of its map value. */
  indent: number;
  /** Columns from a key to the `-` of its sequence value (0: `key:\n- a`). */
  seqIndent: number;
}

export const DEFAULT_LAYOUT: Layout = { eol: '\n', indent: 2, seqIndent: 2 };

const STRINGIFY = { ...KUBERNETES_YAML, lineWidth: 0 };

export function isScalarValue(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof value);
}

/** A plain object or an array: the collections a fix may create. */
export function isCollectionValue(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Plain strings that go-yaml v2, the decoder behind Kubernetes, reads as something else: its YAML 1.1 booleans and
 * nulls (with `y`/`n`), `.inf`/`.nan`, the merge key, numbers as Go's strconv reads them (`0x1F`, `0o17`, `0b1`, `1_000`,
 * `1e3`, `.5`) and timestamps. They must be quoted even where yaml's own YAML 1.1 schema would leave one plain.
 */
const GO_YAML_WORD = /^(?:~|null|Null|NULL|[yY]|yes|Yes|YES|[nN]|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|<<|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const GO_YAML_NUMBER = /^[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9_]+(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?)$/;
const TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}/;
/** Characters that only a double-quoted scalar can hold: control characters, YAML 1.1 line breaks, a BOM. */
const NEEDS_ESCAPE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
const LONE_SURROGATE = /\p{Surrogate}/u;

/** Whether `text` may be written as a plain scalar and read back as the same string, by yaml and by go-yaml v2. */
export function canBePlain(text: string, { flow = false, key = false }: { flow?: boolean; key?: boolean } = {}): boolean {
  if (text === '' || GO_YAML_WORD.test(text) || GO_YAML_NUMBER.test(text) || TIMESTAMP.test(text)) return false;
  if (NEEDS_ESCAPE.test(text) || (flow && /[,[\]{}]/.test(text))) return false;
  // yaml knows the rest of the plain-scalar grammar (indicators, `: `, ` #`, leading and trailing spaces). Asking it
  // costs more than the rest of a small fix, and fixes write the same few keys and words over and over.
  const asked = `${key ? 'k' : 'v'}${text}`;
  let plain = PLAIN_ANSWERS.get(asked);
  if (plain === undefined) {
    plain = key ? stringify({ [text]: null }, STRINGIFY) === `${text}: null\n` : stringify(text, STRINGIFY) === `${text}\n`;
    if (PLAIN_ANSWERS.size >= 10_000) PLAIN_ANSWERS.clear();
    PLAIN_ANSWERS.set(asked, plain);
  }
  return plain;
}

/** yaml's answers to canBePlain, by key or value and text. */
const PLAIN_ANSWERS = new Map<string, boolean>();

/** A double-quoted scalar on one line, escaping what is not printable. */
export function doubleQuoted(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (NEEDS_ESCAPE.test(char)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

/**
 * A scalar on one line. Strings keep `style` when they can (a plain string that would be read as another type or
 * break the syntax is double-quoted); other values are always plain. Returns null for what YAML text cannot hold.
 */
export function renderScalar(
  value: Scalar,
  { style = 'PLAIN', flow = false, key = false }: { style?: QuoteStyle; flow?: boolean; key?: boolean } = {},
): string | null {
  if (typeof value !== 'string') return stringify(value, STRINGIFY).trimEnd();
  if (LONE_SURROGATE.test(value)) return null;
  if (style === 'QUOTE_SINGLE' && !NEEDS_ESCAPE.test(value)) return `'${value.replaceAll("'", "''")}'`;
  if (style === 'PLAIN' && canBePlain(value, { flow, key })) return value;
  return doubleQuoted(value);
}

/** A key on one line, in `style` when it can be. */
export function renderKey(key: string, style: QuoteStyle = 'PLAIN', flow = false): string | null {
  return renderScalar(key, { style, flow, key: true });
}

function isEmptyCollection(value: Record<string, unknown> | unknown[]): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

/** A multi-line string as a literal block (`|` or `|-`), when one can hold it exactly. */
function literalBlock(text: string): { header: string; lines: string[] } | null {
  if (!text.includes('\n') || /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(text)) return null;
  const clip = text.endsWith('\n');
  const body = clip ? text.slice(0, -1) : text;
  if (body.endsWith('\n') || body === '') return null; // several final line breaks would need `|+`
  const lines = body.split('\n');
  // The first line sets the block's indentation, and lines of only spaces before it would confuse that.
  if (/^ /.test(lines[0]!) || lines.some((line) => line !== '' && line.trim() === '')) return null;
  return { header: clip ? '|' : '|-', lines };
}

/**
 * Lines of a value in block style, after `head` (`key:` or `-`, already indented). A scalar follows on the same line;
 * a map's keys go at `mapColumn`, a sequence's dashes at `seqColumn`. Returns null for values YAML cannot hold.
 */
function entryLines(head: string, value: unknown, mapColumn: number, seqColumn: number, layout: Layout, literal: boolean): string[] | null {
  if (isScalarValue(value)) {
    const block = typeof value === 'string' && literal ? literalBlock(value) : null;
    if (block) return [`${head} ${block.header}`, ...block.lines.map((line) => (line === '' ? '' : spaces(mapColumn) + line))];
    const scalar = renderScalar(value);
    return scalar === null ? null : [`${head} ${scalar}`];
  }
  if (!isCollectionValue(value)) return null;
  if (isEmptyCollection(value)) return [`${head} ${Array.isArray(value) ? '[]' : '{}'}`];
  const body = blockLines(value, Array.isArray(value) ? seqColumn : mapColumn, layout, literal);
  return body && [head, ...body];
}

/**
 * A non-empty map or sequence in block style, as lines whose first key or dash is at `column`, laid out as the file
 * lays out its own (indentation, sequence indentation). Multi-line strings become literal blocks unless `literal` is
 * false (where comment lines follow that the block would take in). Returns null for values YAML cannot hold
 * (undefined, functions, class instances).
 */
export function blockLines(value: Record<string, unknown> | unknown[], column: number, layout: Layout, literal = true): string[] | null {
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isCollectionValue(item) && !isEmptyCollection(item)) {
        // An item's own map or sequence starts on the dash's line: `- name: a`, `- - a`.
        const nested = blockLines(item, column + 2, layout, literal);
        if (!nested) return null;
        lines.push(`${spaces(column)}- ${nested[0]!.slice(column + 2)}`, ...nested.slice(1));
        continue;
      }
      const entry = entryLines(`${spaces(column)}-`, item, column + 2, column + 2, layout, literal);
      if (!entry) return null;
      lines.push(...entry);
    }
    return lines;
  }
  for (const [key, item] of Object.entries(value)) {
    const keyText = renderKey(key);
    if (keyText === null) return null;
    const entry = entryLines(`${spaces(column)}${keyText}:`, item, column + layout.indent, column + layout.seqIndent, layout, literal);
    if (!entry) return null;
    lines.push(...entry);
  }
  return lines;
}

/** A value in flow style on one line: `{a: 1, b: [x]}`, with spaces inside the brackets when `spaced`. */
export function flowText(value: unknown, spaced = false): string | null {
  if (isScalarValue(value)) return renderScalar(value, { flow: true });
  if (!isCollectionValue(value)) return null;
  const parts: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = flowText(item, spaced);
      if (text === null) return null;
      parts.push(text);
    }
  } else {
    for (const [key, item] of Object.entries(value)) {
      const keyText = renderKey(key, 'PLAIN', true);
      const text = flowText(item, spaced);
      if (keyText === null || text === null) return null;
      parts.push(`${keyText}: ${text}`);
    }
  }
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (parts.length === 0) return open + close;
  return spaced ? `${open} ${parts.join(', ')} ${close}` : `${open}${parts.join(', ')}${close}`;
}
