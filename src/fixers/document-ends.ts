import { parseDocuments } from './yaml-options.js';
import { breakLength } from './text.js';

/**
 * Where each document of a file ends, as `yaml` reads it: at its range's end and the line break there (a document may
 * end before it, after `key:`), the last one at the end of the text. Text between two documents (comments, blank
 * lines, the next one's directives) goes to the later one.
 *
 * Composing the whole file to learn this costs more than the fix itself in a file of many documents. When the file
 * has no `...` end marker, no directive and no line break but `\n` and `\r\n`, every document but the first starts at a
 * line that starts with a `---` marker (YAML allows no such line inside a scalar), and `yaml` ends the one before just
 * there; the markers are found by a scan. Other files are composed.
 */
export function documentEnds(text: string): number[] {
  if (UNSURE.test(text)) return composedEnds(text);
  // No document at all: only comments and blank lines.
  if (!CONTENT.test(text)) return [];
  const starts: number[] = [];
  for (let at = text.indexOf('\n---'); at >= 0; at = text.indexOf('\n---', at + 1)) {
    const next = text[at + 4];
    if (next === undefined || next === ' ' || next === '\t' || next === '\r' || next === '\n') starts.push(at + 1);
  }
  // Comments and blank lines before the first marker belong to the document it starts.
  if (starts.length > 0 && !CONTENT.test(text.slice(0, starts[0]))) starts.shift();
  return [...starts, text.length];
}

/** An end marker or a directive at a line's start, or a line break `yaml` reads that the scan does not. */
const UNSURE = /^(?:\.\.\.|%)|\r(?!\n)|[\u2028\u2029\u0085]/m;
/** A line with something on it other than a comment. */
const CONTENT = /^[ \t]*[^\s#]/m;

function composedEnds(text: string): number[] {
  const docs = parseDocuments(text);
  return docs.map((doc, index) => (index === docs.length - 1 ? text.length : doc.range[2] + breakLength(text, doc.range[2])));
}
