import { fixFiles } from '../engine/fix-files.js';
import { interpolate, type EnabledRule } from '../engine/linter.js';
import type { AnyRule, ReportDescriptor } from '../engine/rule.js';
import type { LintResult } from '../engine/types.js';

/** A lint fix (or, with `--apply-suggestions`, a rule's first suggestion) applied to an output file. */
export interface AppliedFix {
  /** The output file, relative to --out. */
  file: string;
  ruleId: string;
  /** The rule's message about the problem the fix removed. */
  problem: string;
  /** For a suggestion: what it does, as the rule describes it. */
  suggestion?: string;
}

export interface FixedOutput {
  /** The output texts after fixing, in input order. */
  texts: string[];
  /** Lint results of the fixed texts: what no fix could change. */
  results: LintResult[];
  applied: AppliedFix[];
  internalErrors: string[];
}

/**
 * Lints the output with every rule (at its recommended severity, warning for a rule off by default) and applies their fixes through the engine's fix loop (`lint --fix`:
 * passes until nothing changes, a fix that breaks the YAML is dropped, cross-document rules see every file). With
 * `applySuggestions`, a report without a fix offers its first suggestion as the fix. A fix counts as applied when its
 * report is gone from the fixed output.
 */
export function fixOutput(
  files: readonly { path: string; text: string }[],
  options: { kubernetesVersion: readonly [number, number]; applySuggestions: boolean; rules: readonly AnyRule[] },
): FixedOutput {
  const offered = new Map<string, AppliedFix>();
  const record = (rule: AnyRule, descriptor: ReportDescriptor<string>, suggestion: ReportDescriptor<string>['suggest']) => {
    const problem = interpolate(rule.meta.messages[descriptor.messageId] ?? descriptor.messageId, descriptor.data);
    const applied: AppliedFix = { file: descriptor.manifest.filePath, ruleId: rule.id, problem };
    const first = suggestion?.[0];
    if (first) applied.suggestion = interpolate(rule.meta.messages[first.messageId] ?? first.messageId, first.data);
    offered.set(keyOf(applied.file, applied.ruleId, problem), applied);
  };
  const enabled: EnabledRule[] = options.rules.map((rule) => ({
    rule: offeringFixes(rule, options.applySuggestions, record),
    severity: rule.meta.docs.recommended === 'error' ? 2 : 1,
    options: rule.meta.defaultOptions,
  }));
  const { results, internalErrors } = fixFiles(
    files.map((file) => ({ filePath: file.path, text: file.text })),
    { rules: enabled, kubernetesVersion: options.kubernetesVersion, reportUnusedDisableDirectives: 0 },
  );
  const remaining = new Set(results.flatMap((result) => result.messages.map((message) => keyOf(result.filePath, message.ruleId ?? '', message.message))));
  return {
    texts: results.map((result, i) => result.output ?? files[i]!.text),
    results,
    applied: [...offered.entries()].filter(([key]) => !remaining.has(key)).map(([, applied]) => applied),
    internalErrors,
  };
}

/**
 * The rule, reporting through a context that notes every report that carries a fix, and with `applySuggestions`
 * turns a report's first suggestion into its fix when it has none.
 */
function offeringFixes(
  rule: AnyRule,
  applySuggestions: boolean,
  record: (rule: AnyRule, descriptor: ReportDescriptor<string>, suggestion: ReportDescriptor<string>['suggest']) => void,
): AnyRule {
  return {
    ...rule,
    create: (context) => rule.create({
      ...context,
      report: (descriptor: ReportDescriptor<string>) => {
        const suggestion = applySuggestions && !descriptor.fix ? descriptor.suggest?.[0] : undefined;
        if (descriptor.fix || suggestion) record(rule, descriptor, suggestion ? [suggestion] : undefined);
        context.report(suggestion ? { ...descriptor, fix: suggestion.fix } : descriptor);
      },
    }),
  };
}

function keyOf(file: string, ruleId: string, message: string): string {
  return `${file}\0${ruleId}\0${message}`;
}
