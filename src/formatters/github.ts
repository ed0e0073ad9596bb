import type { LintMessage, LintResult } from '../engine/types.js';
import type { FormatterContext } from './load-formatter.js';
import { displayPath, reportRoot } from './paths.js';

/** A workflow command's message, escaped as the runner unescapes it (actions/runner, ActionCommand). */
export function escapeData(text: string): string {
  return text.replace(/%/gu, '%25').replace(/\r/gu, '%0D').replace(/\n/gu, '%0A');
}

/** A workflow command's property value: its message escaping plus the two characters that separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/gu, '%3A').replace(/,/gu, '%2C');
}

/**
 * GitHub Actions workflow commands: one `::error` or `::warning` annotation per finding, on the file and lines of the
 * pull request. Columns are given only for a finding on one line, where the runner uses them.
 */
export function github(results: readonly LintResult[], context: FormatterContext): string {
  const root = reportRoot(context);
  const lines: string[] = [];
  for (const result of results) {
    const file = displayPath(result.filePath, root);
    for (const message of result.messages) lines.push(annotation(file, message));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function annotation(file: string, message: LintMessage): string {
  const command = message.fatal || message.severity === 2 ? 'error' : 'warning';
  const properties: [string, string | number][] = [['file', file]];
  if (message.line > 0) {
    const endLine = message.endLine ?? message.line;
    properties.push(['line', message.line], ['endLine', endLine]);
    if (endLine === message.line && message.column > 0) {
      properties.push(['col', message.column]);
      if (message.endColumn !== undefined) properties.push(['endColumn', message.endColumn]);
    }
  }
  properties.push(['title', message.ruleId ?? (message.fatal ? 'kubecarry: fatal error' : 'kubecarry')]);
  const rendered = properties.map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(',');
  return `::${command} ${rendered}::${escapeData(message.message)}`;
}
