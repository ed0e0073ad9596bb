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
    const rows = result.messages.map((message) => {
      const isError = message.fatal || message.severity === 2;
      if (isError) summaryColor = 'red';
      return ['', String(message.line || 0), String(message.column || 0), isError ? c.red('error') : c.yellow('warning'), message.message.replace(/([^ ])\.$/u, '$1'), c.dim(message.ruleId ?? '')];
    });
    const table = alignColumns(rows, c);
    const suggestions = result.messages.flatMap((message) =>
      (message.suggestions ?? []).map((suggestion) => `  ${c.dim(`${message.line}:${message.column}`)}  ${c.cyan('suggestion')}  ${suggestion.desc}`),
    );
    yield `${c.underline(result.filePath)}\n${[...table, ...suggestions].join('\n')}\n\n`;
  }
  const paint = (text: string) => c.bold(c[summaryColor](text));
  yield paint(`\u2716 ${plural('problem', total)} (${plural('error', errors)}, ${plural('warning', warnings)})\n`);
  if (fixableErrors > 0 || fixableWarnings > 0) {
    yield paint(`  ${plural('error', fixableErrors)} and ${plural('warning', fixableWarnings)} potentially fixable with the \`--fix\` option.\n`);
  }
}

/**
 * Pads cells to a common width per column (the line number right-aligned), joined by two spaces, with `line:column`
 * written together (ESLint's text-table, then its `(\d+)\s+(\d+)` replacement). Each line is built in one go: a
 * message thousands of characters long pads every row of its file to its width.
 */
function alignColumns(rows: string[][], c: Colors): string[] {
  const cellWidths = rows.map((row) => row.map(width));
  const widths: number[] = [];
  for (const row of cellWidths) row.forEach((cellWidth, index) => (widths[index] = Math.max(widths[index] ?? 0, cellWidth)));
  const pad = (rowIndex: number, index: number) => ' '.repeat(widths[index]! - cellWidths[rowIndex]![index]!);
  return rows.map((row, rowIndex) => {
    let line = `${row[0]}${pad(rowIndex, 0)}  ${pad(rowIndex, 1)}${c.dim(`${row[1]}:${row[2]}`)}${pad(rowIndex, 2)}`;
    // The last column's padding is trimmed with the line's end.
    for (let index = 3; index < row.length; index++) line += `  ${row[index]}${index < row.length - 1 ? pad(rowIndex, index) : ''}`;
    return line.trimEnd();
  });
}

/** Printed width: escape sequences (colors) take none. Most cells have none, and stripping them is a costly regex. */
function width(text: string): number {
  return text.includes('\x1b') || text.includes('\x9b') ? stripVTControlCharacters(text).length : text.length;
}
