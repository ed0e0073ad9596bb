import type { LintResult } from '../engine/types.js';

/**
 * HOOK for the binding analysis (src/binding, `predictBindings(manifests)`): once it exists, this returns a Markdown
 * section with one row per claim (claim, the volume it binds in the target cluster, or why none). Until then there is
 * nothing to show, and the summary has no bindings section.
 */
export function bindingsSection(_results: readonly LintResult[]): string | undefined {
  return undefined;
}
