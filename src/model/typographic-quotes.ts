import { parseScript } from './shell.js';

/**
 * Typographic quotes in command lines, as word processors and web pages turn `"` and `'` into them. Nothing in a
 * container takes them as quotes: the kubelet passes them to the program as characters, and a shell reads them as
 * part of a word. Quote characters of both families, as typographic conventions use them:
 * English “ ” ‘ ’, German „ “ ‚ ‘, French « » ‹ ›, and the reversed ‟ ‛.
 */
const DOUBLE_QUOTES = new Set(['“', '”', '„', '‟', '«', '»']);
const SINGLE_QUOTES = new Set(['‘', '’', '‚', '‛', '‹', '›']);

/** Any quote of either family: a cheap first look, as almost no command holds one. */
const ANY_QUOTE = new RegExp(`[${[...DOUBLE_QUOTES, ...SINGLE_QUOTES].join('')}]`);

export function holdsTypographicQuote(text: string): boolean {
  return ANY_QUOTE.test(text);
}

export type QuoteFamily = 'double' | 'single';

export function quoteFamily(char: string | undefined): QuoteFamily | undefined {
  if (char === undefined) return undefined;
  return DOUBLE_QUOTES.has(char) ? 'double' : SINGLE_QUOTES.has(char) ? 'single' : undefined;
}

/** How the text of an argv item is read: as a plain argument, as a shell script (`sh -c`), as interpreter code (`python -c`). */
export type ItemKind = 'argument' | 'script' | 'code';

export interface TypographicQuotes {
  /** [start, end) spans of the text to point at: the whole item when quotes wrap it, else each pair of quotes (opening to closing) or a lone one. */
  spans: [number, number][];
  /** The quote characters found, in order, for messages. */
  quotes: string;
  /** The corrected text, or undefined when no correction is certain. */
  fixed: string | undefined;
}

/**
 * The typographic quotes of one argv item that do harm, and the item corrected:
 * - quotes wrapping the whole item (`“/usr/sbin/nginx”`, `“echo hi”`) were a shell's quoting on the page: removed;
 * - inside an argument, quotes are never syntax either: removed;
 * - inside a shell script or interpreter code, they stand for straight quotes: replaced by `"` or `'`. In a script,
 *   only quotes the shell would read as syntax count (not those inside straight quotes, comments or here-documents),
 *   and the fix is offered only if the corrected script still parses.
 * A `’` between two letters is an apostrophe (`it’s`), not a quote. Undefined when there is nothing to report.
 */
export function typographicQuotes(text: string, kind: ItemKind): TypographicQuotes | undefined {
  const find = kind === 'script' ? scriptQuotePositions : quotePositions;
  // `‘a’ && echo ‘b’` is not one wrapped script: quotes of the wrapping family inside mean the ends quote words.
  const wrapped = isWrapped(text) && (kind === 'argument' || !find(text.slice(1, -1)).some((index) => quoteFamily(text[index + 1]) === quoteFamily(text[0])));
  const body = wrapped ? text.slice(1, -1) : text;
  const offset = wrapped ? 1 : 0;
  const inner = find(body).map((index) => index + offset);
  const positions = wrapped ? [0, ...inner, text.length - 1] : inner;
  if (positions.length === 0) return undefined;

  let fixed: string | undefined;
  if (kind === 'argument') {
    fixed = removeAt(text, positions);
  } else {
    fixed = replaceAt(body, inner.map((index) => index - offset));
    if (kind === 'script' && !parseScript(fixed).ok) fixed = undefined;
  }
  // A wrapped item is pointed at whole; otherwise each pair of quotes, in order.
  const spans: [number, number][] = wrapped ? [[0, text.length]] : pairUp(positions);
  return { spans, quotes: positions.map((index) => text[index]).join(''), fixed };
}

/** The whole item between two quotes of the same family: `“x”`, `„x“`, `‘x’`, `«x»`. */
export function isWrapped(text: string): boolean {
  if (text.length < 2) return false;
  const family = quoteFamily(text[0]);
  return family !== undefined && family === quoteFamily(text[text.length - 1]);
}

/** Indexes of the quote characters of `text`, apostrophes left out. */
function quotePositions(text: string): number[] {
  const positions: number[] = [];
  for (let i = 0; i < text.length; i++) if (quoteFamily(text[i]) && !isApostrophe(text, i)) positions.push(i);
  return positions;
}

const LETTER = /\p{L}/u;

function isApostrophe(text: string, index: number): boolean {
  return text[index] === '’' && LETTER.test(text[index - 1] ?? '') && LETTER.test(text[index + 1] ?? '');
}

/**
 * Indexes of the typographic quotes a POSIX shell would read as part of a word where the author meant quoting: those
 * outside straight quotes, comments and here-document bodies. Scanning stops at an unterminated straight quote.
 */
export function scriptQuotePositions(script: string): number[] {
  const positions: number[] = [];
  const heredocs: { delimiter: string; stripTabs: boolean }[] = [];
  const n = script.length;
  let i = 0;
  while (i < n) {
    const c = script[i]!;
    if (c === '\\') {
      i += 2;
    } else if (c === "'" || (c === '$' && script[i + 1] === "'")) {
      // '...' has no escapes; bash's $'...' has backslash escapes.
      const ansi = c === '$';
      let j = i + (ansi ? 2 : 1);
      while (j < n && script[j] !== "'") j += ansi && script[j] === '\\' ? 2 : 1;
      if (j >= n) break;
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < n && script[j] !== '"') j += script[j] === '\\' ? 2 : 1;
      if (j >= n) break;
      i = j + 1;
    } else if (c === '#' && (i === 0 || /[\s;&|()]/.test(script[i - 1]!))) {
      while (i < n && script[i] !== '\n') i += 1;
    } else if (c === '<' && script.startsWith('<<', i) && script[i + 2] !== '<') {
      const heredoc = /^<<(-?)[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|([^\s;&|<>()]+))/.exec(script.slice(i));
      if (heredoc) heredocs.push({ delimiter: heredoc[2] ?? heredoc[3] ?? heredoc[4]!.replace(/\\/g, ''), stripTabs: heredoc[1] === '-' });
      i += heredoc ? heredoc[0].length : 2;
    } else if (c === '\n') {
      i += 1;
      // Here-document bodies start on the next line and end at their delimiter line.
      for (const { delimiter, stripTabs } of heredocs.splice(0)) {
        while (i < n) {
          const lineEnd = script.indexOf('\n', i);
          const line = script.slice(i, lineEnd === -1 ? n : lineEnd);
          i = lineEnd === -1 ? n : lineEnd + 1;
          if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter) break;
        }
      }
    } else {
      if (quoteFamily(c) && !isApostrophe(script, i)) positions.push(i);
      i += 1;
    }
  }
  return positions;
}

function pairUp(positions: readonly number[]): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < positions.length; i += 2) {
    const open = positions[i]!;
    const close = positions[i + 1];
    spans.push([open, (close ?? open) + 1]);
  }
  return spans;
}

function removeAt(text: string, positions: readonly number[]): string {
  const drop = new Set(positions);
  return text
    .split('')
    .filter((_, index) => !drop.has(index))
    .join('');
}

function replaceAt(text: string, positions: readonly number[]): string {
  const chars = text.split('');
  for (const index of positions) chars[index] = quoteFamily(chars[index]) === 'double' ? '"' : "'";
  return chars.join('');
}
