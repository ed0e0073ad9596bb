import { cell } from './summary.js';
import type { ActionInputs } from './inputs.js';
import { bindings } from '../cli/bindings.js';

/** What the summary shows of one claim's predicted binding (a subset of src/binding's BindingEntry). */
export interface BindingRow {
  claim: string;
  volume: string | null;
  outcome: string;
  reason: string;
  undetermined?: boolean;
}

/**
 * The predicted bindings of the linted manifests (`kubecarry bindings -f json`), as a summary section; nothing when
 * they hold no claim. Binding problems themselves are already findings (pvc-binding and others): this only shows them.
 */
export async function bindingsSection(inputs: ActionInputs): Promise<string | undefined> {
  let json = '';
  const io = { cwd: inputs.cwd, stdout: (text: string) => void (json += text), stderr: () => {}, isTTY: false, readStdin: async () => '' };
  try {
    bindings(['-f', 'json', '--', ...inputs.patterns], io);
  } catch {
    return undefined; // The lint step already reported unreadable input and bad configuration.
  }
  const rows = json ? (JSON.parse(json) as BindingRow[]) : [];
  return rows.length > 0 ? bindingsTable(rows) : undefined;
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
