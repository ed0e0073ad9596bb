import { stripVTControlCharacters } from 'node:util';
import pc from 'picocolors';
import type { LintResult } from '../engine/types.js';

type Colors = ReturnType<typeof pc.createColors>;

const plural = (word: string, count: number) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** ESLint's stylish output: a table of findings per file, then a summary. Empty when there is nothing to say. */
export function stylish(results: readonly LintResult[], color = false): string {
  return [...stylishPieces(results, color)].join('');
}

/** stylish in pieces, a file's table each, for writing a large report as it is made. */
export function* stylishPieces(results: readonly LintResult[], color = false): Generator<string> {
  const c: Colors = pc.createColors(color);
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    fixableErrors += result.fixableErrorCount;
    fixableWarnings += result.fixableWarningCount;
  }
  const total = errors + warnings;
  if (total === 0) return;
  yield '\n';
  let summaryColor: 'red' | 'yellow' = 'yellow';
  for (const result of results) {
    if (result.messages.length === 0) continue;
    const rows = result.messages.map((message): Row => {
      const isError = message.fatal || message.severity === 2;
      if (isError) summaryColor = 'red';
      return {
        line: String(message.line || 0),
        column: String(message.column || 0),
        severity: isError ? c.red('error') : c.yellow('warning'),
        message: message.message.endsWith('.') ? message.message.replace(/([^ ])\.$/u, '$1') : message.message,
        ruleId: c.dim(message.ruleId ?? ''),
      };
    });
    const table = alignColumns(rows, c);
    const suggestions = result.messages.flatMap((message) =>
      (message.suggestions ?? []).map((suggestion) => `  ${c.dim(`${message.line}:${message.column}`)}  ${c.cyan('suggestion')}  ${suggestion.desc}`),
    );
    yield `${c.underline(result.filePath)}\n${suggestions.length === 0 ? table : `${table}\n${suggestions.join('\n')}`}\n\n`;
  }
  const paint = (text: string) => c.bold(c[summaryColor](text));
  yield paint(`\u2716 ${plural('problem', total)} (${plural('error', errors)}, ${plural('warning', warnings)})\n`);
  if (fixableErrors > 0 || fixableWarnings > 0) {
    yield paint(`  ${plural('error', fixableErrors)} and ${plural('warning', fixableWarnings)} potentially fixable with the \`--fix\` option.\n`);
  }
}

/** A message's cells, in ESLint's order after an empty first one. */
interface Row {
  line: string;
  column: string;
  severity: string;
  message: string;
  ruleId: string;
}

/**
 * Pads cells to a common width per column (the line number right-aligned), joined by two spaces, with `line:column`
 * written together (ESLint's text-table, then its `(\d+)\s+(\d+)` replacement), and trims each line's end. Each line
 * is built in one go: a message thousands of characters long pads every row of its file to its width. Returns the
 * lines joined: a large report has tens of thousands of rows.
 */
function alignColumns(rows: readonly Row[], c: Colors): string {
  let lineWidth = 0;
  let columnWidth = 0;
  let severityWidth = 0;
  let messageWidth = 0;
  for (const row of rows) {
    lineWidth = Math.max(lineWidth, width(row.line));
    columnWidth = Math.max(columnWidth, width(row.column));
    severityWidth = Math.max(severityWidth, width(row.severity));
    messageWidth = Math.max(messageWidth, width(row.message));
  }
  let table = '';
  for (const [index, row] of rows.entries()) {
    const line =
      `  ${' '.repeat(lineWidth - width(row.line))}${c.dim(`${row.line}:${row.column}`)}${' '.repeat(columnWidth - width(row.column))}` +
      `  ${row.severity}${' '.repeat(severityWidth - width(row.severity))}  ${row.message}${' '.repeat(messageWidth - width(row.message))}  ${row.ruleId}`;
    table += (index === 0 ? '' : '\n') + line.trimEnd();
  }
  return table;
}

/** Printed width: escape sequences (colors) take none. Most cells have none, and stripping them is a costly regex. */
function width(text: string): number {
  return text.includes('\x1b') || text.includes('\x9b') ? stripVTControlCharacters(text).length : text.length;
}
