import type { PersistentVolume, StorageClass } from './kube.js';
import type { AnyRule, Listeners, ReportDescriptor } from './rule.js';
import type { LintMessage, LintResult, Manifest, Severity } from './types.js';
import { findSuppressor, parseDirectives, unusedDirectiveMessages } from './directives.js';
import { loadSourceFile, type SourceFile } from './lint-file.js';
import { claimsOf, containersOf, podSpecOf, podTemplateMetadataPath } from '../model/kinds.js';
import { asString, getIn } from '../model/values.js';
import { toLintResult } from './results.js';

export interface EnabledRule {
  rule: AnyRule;
  severity: 1 | 2;
  options: unknown;
}

export interface LintSettings {
  rules: readonly EnabledRule[];
  kubernetesVersion: readonly [number, number];
  /** Severity for unused disable directives; 0 leaves them unreported. */
  reportUnusedDisableDirectives: Severity;
}

export interface InputFile {
  filePath: string;
  text: string;
}

/** Annotation that turns rules off for one object: `kubecarry.io/ignore: "rule-a,rule-b"` (or `*`). */
export const IGNORE_ANNOTATION = 'kubecarry.io/ignore';

interface FileState {
  file: SourceFile;
  messages: LintMessage[];
}

/**
 * Lints files in two phases: each file's manifests through the per-document listeners, then every
 * manifest of the run through the cross-document `Run` listeners. Results keep the input order.
 * Without cross-document rules a file's result is final at once and its parse is dropped (memory stays flat).
 */
export function lintFiles(inputs: Iterable<InputFile>, settings: LintSettings): { results: LintResult[]; internalErrors: string[] } {
  const internalErrors: string[] = [];
  const kept = new Map<string, FileState>();
  let current: FileState | undefined;
  const stateOf = (filePath: string) => (current?.file.filePath === filePath ? current : kept.get(filePath));
  const active = settings.rules.map((enabled) => instantiate(enabled, settings, stateOf));
  const needsRun = active.some(({ listeners }) => listeners.Run);

  const entries: (LintResult | FileState)[] = [];
  for (const input of inputs) {
    const file = loadSourceFile(input.filePath, input.text);
    current = { file, messages: [] };
    for (const manifest of file.manifests) visitManifest(manifest, active, internalErrors);
    if (needsRun) kept.set(file.filePath, current);
    entries.push(needsRun ? current : finish(current, settings));
  }
  current = undefined;
  if (needsRun) {
    const everything = [...kept.values()].flatMap((state) => state.file.manifests);
    for (const { listeners, rule } of active) {
      if (listeners.Run) guard(rule, undefined, internalErrors, () => listeners.Run!(everything));
    }
  }
  const results = entries.map((entry) => ('file' in entry ? finish(entry, settings) : entry));
  return { results, internalErrors };
}

interface ActiveRule {
  rule: AnyRule;
  listeners: Listeners;
}

function instantiate(enabled: EnabledRule, settings: LintSettings, stateOf: (filePath: string) => FileState | undefined): ActiveRule {
  const { rule, severity, options } = enabled;
  const report = (descriptor: ReportDescriptor<string>) => {
    const state = stateOf(descriptor.manifest.filePath);
    if (!state) return;
    state.messages.push(toMessage(rule, severity, descriptor));
  };
  const listeners = rule.create({ id: rule.id, options, kubernetesVersion: settings.kubernetesVersion, report });
  return { rule, listeners };
}

function visitManifest(manifest: Manifest, active: readonly ActiveRule[], internalErrors: string[]): void {
  const { kind } = manifest.value;
  const podSpec = podSpecOf(manifest);
  const containers = podSpec ? containersOf(podSpec) : [];
  const claims = claimsOf(manifest);
  for (const { rule, listeners } of active) {
    guard(rule, manifest, internalErrors, () => {
      listeners.Manifest?.(manifest);
      if (podSpec) listeners.PodSpec?.(podSpec);
      if (listeners.Container) for (const container of containers) listeners.Container(container);
      if (kind === 'PersistentVolume') listeners.PersistentVolume?.(manifest, manifest.value as unknown as PersistentVolume);
      if (listeners.Claim) for (const claim of claims) listeners.Claim(claim);
      if (kind === 'StorageClass') listeners.StorageClass?.(manifest, manifest.value as unknown as StorageClass);
    });
  }
}

/** A rule that throws must not stop the run: it becomes an internal error naming the rule and the file. */
function guard(rule: AnyRule, manifest: Manifest | undefined, internalErrors: string[], run: () => void): void {
  try {
    run();
  } catch (error) {
    const where = manifest ? ` on ${manifest.filePath} (document ${manifest.docIndex + 1})` : '';
    internalErrors.push(`Rule "${rule.id}" failed${where}: ${(error as Error)?.stack ?? String(error)}`);
  }
}

function toMessage(rule: AnyRule, severity: 1 | 2, descriptor: ReportDescriptor<string>): LintMessage {
  const { manifest, path, at, messageId, data } = descriptor;
  const full = [...manifest.base, ...path];
  const source = manifest.source;
  const range = (at === 'key' ? source.keyRange(full) : undefined) ?? source.range(full) ?? source.nearest(full);
  const start = source.position(range[0]);
  const end = source.position(range[1]);
  return {
    ruleId: rule.id,
    severity,
    message: interpolate(rule.meta.messages[messageId] ?? messageId, data),
    line: start.line,
    column: start.column,
    nodeType: null,
    messageId,
    endLine: end.line,
    endColumn: end.column,
  };
}

/** ESLint's `{{ name }}` placeholders. */
export function interpolate(text: string, data: Record<string, string | number> | undefined): string {
  if (!data) return text;
  return text.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

function finish(state: FileState, settings: LintSettings): LintResult {
  const { file } = state;
  if (file.templateAt) {
    return toLintResult(file, [
      {
        ruleId: null,
        severity: 1,
        message:
          'File skipped: it holds Go template syntax ({{ ... }}), not a manifest. Render it first, for example `helm template . | kubecarry lint --stdin --stdin-filename chart.yaml`.',
        line: file.templateAt.line,
        column: file.templateAt.column,
        nodeType: null,
      },
    ], []);
  }
  const fatal: LintMessage[] = file.errors.map((error) => ({
    ruleId: null,
    nodeType: null,
    fatal: true,
    severity: 2,
    message: `Parsing error: ${error.message}`,
    line: error.line,
    column: error.column,
  }));
  const directives = parseDirectives(file.text);
  const kept: LintMessage[] = [];
  const suppressed: LintMessage[] = [];
  for (const message of state.messages) {
    const directive = findSuppressor(directives, message);
    if (directive) {
      directive.used.add(message.ruleId ?? '');
      suppressed.push({ ...message, suppressions: [{ kind: 'directive', justification: justification(file.text, directive.line) }] });
    } else if (ignoredByAnnotation(file, message)) {
      suppressed.push({ ...message, suppressions: [{ kind: 'annotation', justification: '' }] });
    } else {
      kept.push(message);
    }
  }
  if (settings.reportUnusedDisableDirectives) kept.push(...unusedDirectiveMessages(directives, settings.reportUnusedDisableDirectives as 1 | 2));
  return toLintResult(file, sortMessages([...fatal, ...kept]), sortMessages(suppressed));
}

function justification(text: string, line: number): string {
  const lineText = text.split(/\r\n|\r|\n/)[line - 1] ?? '';
  const index = lineText.indexOf(' -- ');
  return index === -1 ? '' : lineText.slice(index + 4).trim();
}

/** Is the message's manifest (or its pod template) annotated to ignore this rule? */
function ignoredByAnnotation(file: SourceFile, message: LintMessage): boolean {
  if (!message.ruleId) return false;
  const manifest = manifestAtLine(file, message.line);
  if (!manifest) return false;
  const templateMetadata = podTemplateMetadataPath(manifest);
  const sources = [getIn(manifest.value, ['metadata', 'annotations', IGNORE_ANNOTATION])];
  if (templateMetadata) sources.push(getIn(manifest.value, [...templateMetadata, 'annotations', IGNORE_ANNOTATION]));
  return sources.some((value) => {
    const ids = (asString(value) ?? '').split(',').map((id) => id.trim());
    return ids.includes('*') || ids.includes(message.ruleId!);
  });
}

function manifestAtLine(file: SourceFile, line: number): Manifest | undefined {
  return file.manifests.find((manifest) => {
    const range = manifest.source.range(manifest.base);
    if (!range) return false;
    const start = manifest.source.position(range[0]).line;
    const end = manifest.source.position(range[1]).line;
    return line >= start && line <= end;
  });
}

function sortMessages(messages: LintMessage[]): LintMessage[] {
  return messages.sort((a, b) => a.line - b.line || a.column - b.column);
}

