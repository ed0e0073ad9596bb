import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { LintMessage, LintResult } from '../engine/types.js';
import { VERSION } from '../version.js';
import type { FormatterContext } from './load-formatter.js';
import { relativeToRoot, reportRoot } from './paths.js';

/** Pseudo rules for messages that no rule reported: a file that cannot be parsed or read, and notices. */
export const FATAL_RULE_ID = 'fatal-error';
export const NOTICE_RULE_ID = 'notice';
const FINGERPRINT_KEY = 'kubecarry/v1';
const SRCROOT = '%SRCROOT%';
const INFORMATION_URI = 'https://github.com/kubecarry/kubecarry';

type Level = 'error' | 'warning' | 'note' | 'none';

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface Location {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region };
}

interface RuleDescriptor {
  id: string;
  name?: string;
  shortDescription?: { text: string };
  helpUri?: string;
  help?: { text: string; markdown: string };
  defaultConfiguration?: { level: Level };
  properties?: { tags: string[] };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: [Location];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'inSource' | 'external'; justification?: string }[];
}

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one run, every rule described with a link to its docs, a region on
 * every result, URIs relative to `%SRCROOT%` (the repository root), and fingerprints that survive line shifts.
 * Messages without a rule (parse errors, notices) become results of pseudo rules, so they show on pull requests too.
 */
export function sarif(results: readonly LintResult[], context: FormatterContext): string {
  const root = reportRoot(context);
  const rules = ruleDescriptors(results, context);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const sarifResults: SarifResult[] = [];
  const notifications: object[] = [];
  for (const result of results) {
    const uri = artifactLocation(result.filePath, root);
    const lines = (result.output ?? result.source ?? '').split(/\r\n|\r|\n/u);
    const seen = new Map<string, number>();
    const entries = [...result.messages.map((message) => ({ message, suppressed: false })), ...result.suppressedMessages.map((message) => ({ message, suppressed: true }))];
    for (const { message, suppressed } of entries) {
      const ruleId = message.ruleId ?? (message.fatal ? FATAL_RULE_ID : NOTICE_RULE_ID);
      const location: Location = { physicalLocation: { artifactLocation: uri, region: region(message) } };
      const hash = fingerprint(ruleId, uri.uri, message.message, lines[message.line - 1] ?? '');
      const occurrence = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, occurrence);
      const sarifResult: SarifResult = {
        ruleId,
        ruleIndex: ruleIndex.get(ruleId) ?? -1,
        level: level(message),
        message: { text: message.message },
        locations: [location],
        partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${occurrence}` },
      };
      if (suppressed) sarifResult.suppressions = (message.suppressions ?? []).map((suppression) => ({ kind: 'inSource', justification: suppression.justification }));
      sarifResults.push(sarifResult);
      if (message.fatal) notifications.push({ level: 'error', message: { text: message.message }, locations: [location], descriptor: { id: FATAL_RULE_ID } });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kubecarry', version: VERSION, semanticVersion: VERSION, informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(root) } },
        // The run finished: a file that did not parse is a finding about that file, not a failed analysis.
        invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/** Every known rule in id order (stable indexes across runs), then rules only the results name, then the pseudo rules. */
function ruleDescriptors(results: readonly LintResult[], context: FormatterContext): RuleDescriptor[] {
  const known = Object.keys(context.rulesMeta).sort();
  const unknown = new Set<string>();
  for (const result of results) {
    for (const message of [...result.messages, ...result.suppressedMessages]) {
      if (message.ruleId !== null && !(message.ruleId in context.rulesMeta)) unknown.add(message.ruleId);
    }
  }
  const descriptors: RuleDescriptor[] = known.map((id) => {
    const meta = context.rulesMeta[id]!;
    const { description, url } = meta.docs;
    return {
      id,
      name: id,
      shortDescription: { text: description },
      helpUri: url,
      help: { text: `${description}. See ${url}`, markdown: `${description}. [Documentation](${url})` },
      defaultConfiguration: { level: meta.docs.recommended === 'error' ? 'error' : meta.docs.recommended === 'warn' ? 'warning' : 'none' },
      properties: { tags: ['kubernetes', meta.type] },
    };
  });
  descriptors.push(...[...unknown].sort().map((id) => ({ id })));
  descriptors.push(
    { id: FATAL_RULE_ID, name: FATAL_RULE_ID, shortDescription: { text: 'The file could not be read or parsed as YAML' }, defaultConfiguration: { level: 'error' } },
    { id: NOTICE_RULE_ID, name: NOTICE_RULE_ID, shortDescription: { text: 'A notice about the run, such as an unused disable directive or a skipped file' }, defaultConfiguration: { level: 'warning' } },
  );
  return descriptors;
}

function level(message: LintMessage): Level {
  return message.fatal || message.severity === 2 ? 'error' : 'warning';
}

/**
 * ESLint's positions are SARIF's: 1-based lines, 1-based UTF-16 columns, an exclusive end column. A message without
 * a position (an unreadable file) points at the start of the file; one without an end covers one character.
 */
export function region(message: Pick<LintMessage, 'line' | 'column' | 'endLine' | 'endColumn'>): Region {
  const startLine = Math.max(message.line || 1, 1);
  const startColumn = Math.max(message.column || 1, 1);
  if (!message.line) return { startLine, startColumn, endLine: startLine, endColumn: startColumn };
  const endLine = message.endLine && message.endLine >= startLine ? message.endLine : startLine;
  const endColumn = message.endColumn && (endLine > startLine || message.endColumn >= startColumn) ? message.endColumn : startColumn + 1;
  return { startLine, startColumn, endLine, endColumn };
}

/** A path inside the root is relative to `%SRCROOT%`; anything else (outside the checkout, stdin) keeps what it has. */
function artifactLocation(filePath: string, root: string): { uri: string; uriBaseId?: string } {
  const relative = relativeToRoot(filePath, root);
  if (relative !== undefined) return { uri: relative.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  if (filePath.startsWith('/') || /^[A-Za-z]:[\\/]/u.test(filePath)) return { uri: pathToFileURL(filePath).href };
  return { uri: encodeURIComponent(filePath) };
}

function directoryUri(path: string): string {
  const href = pathToFileURL(path).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * Stable across runs and across lines added above the finding: the rule, the file, the message and the text of the
 * finding's line, never its number. Identical findings in one file are told apart by an occurrence count.
 */
function fingerprint(ruleId: string, uri: string, message: string, lineText: string): string {
  return createHash('sha256').update([ruleId, uri, message, lineText.trim()].join('\0')).digest('hex').slice(0, 32);
}
