import { applyFixes } from '../engine/apply-fixes.js';
import { lintFiles } from '../engine/linter.js';
import type { LintMessage } from '../engine/types.js';
import { rulesById } from '../rules/index.js';
import { parseYaml } from '../parse/parse-yaml.js';

/** The lint rules whose fixes and suggestions `--apply-suggestions` applies to workloads. */
export const SUGGESTION_RULES = ['container-prestop-hook', 'termination-grace-period'];

/**
 * Applies the fix, or else the first suggestion, of each finding of SUGGESTION_RULES, as `lint --fix` applies fixes
 * (several passes, a pass that would break the YAML is dropped). Returns the new text and the findings acted on.
 */
export function applySuggestions(filePath: string, text: string, kubernetesVersion: readonly [number, number]): { text: string; applied: string[] } {
  const enabled = SUGGESTION_RULES.map((id) => rulesById.get(id)!).map((rule) => ({ rule, severity: 2 as const, options: rule.meta.defaultOptions }));
  const applied: string[] = [];
  let current = text;
  for (let pass = 0; pass < 5; pass++) {
    const [result] = lintFiles([{ filePath, text: current }], { rules: enabled, kubernetesVersion, reportUnusedDisableDirectives: 0, computeFixes: true }).results;
    const actionable = (result?.messages ?? []).flatMap((message): LintMessage[] => {
      const fix = message.fix ?? message.suggestions?.[0]?.fix;
      return fix ? [{ ...message, fix }] : [];
    });
    const { output, fixed } = applyFixes(current, actionable);
    if (!fixed || parseYaml(output).errors.length > 0) break;
    applied.push(...actionable.map((message) => message.suggestions?.[0]?.desc ?? message.message));
    current = output;
  }
  return { text: current, applied: [...new Set(applied)] };
}
