import { cell, MAX_ROWS } from './summary.js';
import type { ActionInputs } from './inputs.js';
import { predictedBindings } from '../cli/bindings.js';
import type { BindingEntry } from '../binding/index.js';

/** What the summary shows of one claim's predicted binding (a subset of src/binding's BindingEntry). */
export interface BindingRow {
  claim: string;
  volume: string | null;
  outcome: string;
  reason: string;
  undetermined?: boolean;
}

/**
 * The predicted bindings of the linted manifests (what `kubecarry bindings` prints), as a summary section; nothing
 * when they hold no claim. Binding problems themselves are already findings (pvc-binding and others): this only shows
 * them.
 */
export async function bindingsSection(inputs: ActionInputs): Promise<string | undefined> {
  const io = { cwd: inputs.cwd, stdout: () => {}, stderr: () => {}, isTTY: false, readStdin: async () => '' };
  let entries: BindingEntry[] | undefined;
  try {
    entries = await predictedBindings(inputs.patterns, io, { useIgnore: true, ignorePatterns: [] });
  } catch {
    return undefined; // The lint step already reported bad configuration.
  }
  // Unreadable input (undefined) was reported by the lint step too.
  return entries && entries.length > 0 ? bindingsTable(entries) : undefined;
}

/**
 * The summary's bindings section: a row per claim (the first MAX_ROWS), the volume it binds in the target cluster or
 * why none. Reasons are read only for the rows shown: each is worked out when first read.
 */
export function bindingsTable(rows: readonly BindingRow[]): string {
  const lines = ['### Bindings in the target cluster', '', '| Claim | Volume | Outcome | Why |', '| --- | --- | --- | --- |'];
  for (const row of rows.slice(0, MAX_ROWS)) {
    const outcome = `${row.outcome}${row.undetermined ? ' (undetermined)' : ''}`;
    lines.push(`| ${cell(row.claim)} | ${row.volume === null ? '—' : cell(row.volume)} | ${cell(outcome)} | ${cell(row.reason)} |`);
  }
  if (rows.length > MAX_ROWS) lines.push('', `…and ${rows.length - MAX_ROWS} more claims: run \`kubecarry bindings\` to see them all.`);
  return lines.join('\n');
}
