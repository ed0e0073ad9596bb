import type { LintResult } from '../engine/types.js';
import { displayPath } from '../formatters/paths.js';
import { ruleDocsUrl } from '../rules/docs-url.js';
import type { Env } from './runner.js';

/**
 * Rows a summary table shows, and characters a cell: GitHub refuses a step summary over 1 MiB, and a longer table is
 * read in the annotations or SARIF alerts instead.
 */
export const MAX_ROWS = 500;
const MAX_CELL = 400;

export interface Counts {
  errors: number;
  warnings: number;
  fixed: number;
}

export function countResults(results: readonly LintResult[]): Counts {
  let errors = 0;
  let warnings = 0;
  let fixed = 0;
  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    if (result.output !== undefined) fixed++;
  }
  return { errors, warnings, fixed };
}

/** A table cell: one line, at most MAX_CELL characters, pipes escaped, no HTML (finding messages quote user input). */
export function cell(text: string): string {
  // Not between the halves of a surrogate pair.
  const last = text.charCodeAt(MAX_CELL - 2);
  const end = last >= 0xd800 && last <= 0xdbff ? MAX_CELL - 2 : MAX_CELL - 1;
  const cut = text.length > MAX_CELL ? `${text.slice(0, end)}…` : text;
  return cut.replace(/\r?\n|\r/gu, ' ').replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/\|/gu, '\\|');
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The job summary: counts, then every finding with a link to its line in the checked-out commit. */
export function summaryMarkdown(results: readonly LintResult[], env: Env, root: string, extraSections: readonly string[] = []): string {
  const counts = countResults(results);
  const rows = results.flatMap((result) => result.messages.map((message) => ({ result, message })));
  const withFindings = new Set(rows.map((row) => row.result.filePath)).size;
  const out = ['## kubecarry', ''];
  const verdict = counts.errors + counts.warnings === 0 ? '✅ No problems' : `${counts.errors > 0 ? '❌' : '⚠️'} ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}`;
  out.push(`${verdict} in ${plural(results.length, 'file')} linted${withFindings > 0 ? ` (${plural(withFindings, 'file')} with findings)` : ''}.`);
  if (counts.fixed > 0) out.push('', `🔧 Fixed ${plural(counts.fixed, 'file')}: commit the changes in a following step.`);
  if (rows.length > 0) {
    out.push('', '| Severity | Location | Rule | Message |', '| --- | --- | --- | --- |');
    for (const { result, message } of rows.slice(0, MAX_ROWS)) {
      const severity = message.fatal || message.severity === 2 ? '❌ error' : '⚠️ warning';
      const path = displayPath(result.filePath, root);
      const where = message.line > 0 ? `${path}:${message.line}:${message.column}` : path;
      const link = fileLink(env, path, message.line);
      const rule = message.ruleId ? `[\`${message.ruleId}\`](${ruleDocsUrl(message.ruleId)})` : '';
      out.push(`| ${severity} | ${link ? `[${cell(where)}](${link})` : cell(where)} | ${rule} | ${cell(message.message)} |`);
    }
    if (rows.length > MAX_ROWS) out.push('', `…and ${rows.length - MAX_ROWS} more: see the annotations or the code scanning alerts.`);
  }
  for (const section of extraSections) out.push('', section);
  return `${out.join('\n')}\n`;
}

/** `https://github.com/owner/repo/blob/<sha>/path#L12` when the runner says where the code is. */
function fileLink(env: Env, path: string, line: number): string | undefined {
  const server = env['GITHUB_SERVER_URL'];
  const repository = env['GITHUB_REPOSITORY'];
  const sha = env['GITHUB_SHA'];
  if (!server || !repository || !sha || path.startsWith('/') || path.startsWith('<')) return undefined;
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return `${server}/${repository}/blob/${sha}/${encoded}${line > 0 ? `#L${line}` : ''}`;
}
