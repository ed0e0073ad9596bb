import { cell } from './summary.js';
import type { ActionInputs } from './inputs.js';

/** What the summary shows of one claim's predicted binding (a subset of src/binding's BindingEntry). */
export interface BindingRow {
  claim: string;
  volume: string | null;
  outcome: string;
  reason: string;
  undetermined?: boolean;
}

/**
 * HOOK for the binding analysis: once src/binding (`predictBindings`, `kubecarry bindings -f json`) is on main, this
 * runs it over `inputs.patterns` in `inputs.cwd` and returns `bindingsTable(entries)`. Until then there is nothing
 * to show, and the summary has no bindings section.
 */
export async function bindingsSection(_inputs: ActionInputs): Promise<string | undefined> {
  return undefined;
}

/** The summary's bindings section: one row per claim, the volume it binds in the target cluster or why none. */
export function bindingsTable(rows: readonly BindingRow[]): string {
  const lines = ['### Bindings in the target cluster', '', '| Claim | Volume | Outcome | Why |', '| --- | --- | --- | --- |'];
  for (const row of rows) {
    const outcome = `${row.outcome}${row.undetermined ? ' (undetermined)' : ''}`;
    lines.push(`| ${cell(row.claim)} | ${row.volume === null ? '—' : cell(row.volume)} | ${cell(outcome)} | ${cell(row.reason)} |`);
  }
  return lines.join('\n');
}
