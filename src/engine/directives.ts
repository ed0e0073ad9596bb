import type { LintMessage } from './types.js';

/** An inline `# kubecarry-...` comment, as ESLint's eslint-disable family. */
export interface Directive {
  kind: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  /** Rule ids named by the directive; empty means every rule. */
  ruleIds: string[];
  line: number;
  column: number;
  endColumn: number;
  used: Set<string>;
}

const DIRECTIVE = /(?:^|\s)(#\s*kubecarry-(disable-next-line|disable-line|disable|enable)\b([^\n\r]*))/;

export function parseDirectives(text: string): Directive[] {
  if (!text.includes('kubecarry-')) return [];
  const directives: Directive[] = [];
  text.split(/\r\n|\r|\n/).forEach((lineText, index) => {
    const match = DIRECTIVE.exec(lineText);
    if (!match) return;
    const [, comment = '', kind, rest = ''] = match;
    const ruleList = rest.split(/\s--\s|^--\s|\s--$/)[0] ?? '';
    const ruleIds = ruleList.split(',').map((id) => id.trim()).filter(Boolean);
    const column = lineText.indexOf(comment) + 1;
    directives.push({
      kind: kind as Directive['kind'],
      ruleIds,
      line: index + 1,
      column,
      endColumn: column + comment.trimEnd().length,
      used: new Set(),
    });
  });
  return directives;
}

function names(directive: Directive, ruleId: string): boolean {
  return directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId);
}

/** The directive that suppresses a message, if any. */
export function findSuppressor(directives: readonly Directive[], message: LintMessage): Directive | undefined {
  const ruleId = message.ruleId;
  if (ruleId === null) return undefined;
  for (const directive of directives) {
    if (directive.kind === 'disable-line' && directive.line === message.line && names(directive, ruleId)) return directive;
    if (directive.kind === 'disable-next-line' && directive.line + 1 === message.line && names(directive, ruleId)) return directive;
  }
  // Block ranges: the last disable/enable for this rule before the message decides.
  let active: Directive | undefined;
  for (const directive of directives) {
    if (directive.line > message.line) break;
    if (directive.kind === 'disable' && names(directive, ruleId)) active = directive;
    if (directive.kind === 'enable' && names(directive, ruleId)) active = undefined;
  }
  return active;
}

/** ESLint's wording for a directive that suppressed nothing. */
export function unusedDirectiveMessages(directives: readonly Directive[], severity: 1 | 2): LintMessage[] {
  const messages: LintMessage[] = [];
  for (const directive of directives) {
    if (directive.kind === 'enable') continue;
    const unused = directive.ruleIds.length === 0 ? (directive.used.size === 0 ? [''] : []) : directive.ruleIds.filter((id) => !directive.used.has(id));
    if (unused.length === 0) continue;
    const detail = unused[0] === '' ? '' : ` from ${unused.map((id) => `'${id}'`).join(', ')}`;
    messages.push({
      ruleId: null,
      severity,
      message: `Unused kubecarry-${directive.kind} directive (no problems were reported${detail}).`,
      line: directive.line,
      column: directive.column,
      nodeType: null,
      endLine: directive.line,
      endColumn: directive.endColumn,
    });
  }
  return messages;
}
