import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { allBoundDeterministically, BINDING_KINDS, predictBindings, type BindingEntry } from '../binding/index.js';
import { ConfigError, findConfigFile, readConfigFile } from '../config/load.js';
import { discover, patternsBase } from '../discover.js';
import { rules } from '../rules/index.js';
import { loadSourceFile } from '../engine/lint-file.js';
import { readInputs } from '../engine/read-files.js';
import { detachedCopy } from '../engine/kept-values.js';
import { NO_SOURCE } from '../engine/no-source.js';
import type { LintResult, Manifest } from '../engine/types.js';
import type { Io } from './main.js';
import { writeReport } from './outputs.js';

export const BINDINGS_HELP = `kubecarry bindings [options] [file|dir|glob]*   predict which volume each claim binds (default: .)

Reads the manifests as lint does and prints, for every PersistentVolumeClaim and every claim a StatefulSet creates,
the PersistentVolume the target cluster's PV controller binds, how it is chosen, and why not when none.

Options:
  -f, --format table|json        table (default) or json: [{ "claim", "volume", "reason", "candidates", ... }]
  --ignore-pattern pattern       Ignore files matching this gitignore-style pattern (repeatable)
  --no-ignore                    Disable .gitignore, .kubecarryignore and the config's ignores
  -h, --help                     Show this help

Exit codes: 0 every claim binds an existing volume and chance decides nothing; 1 some claim stays Pending, gets a
new disk, is Lost or not created, or its volume is left to chance; 2 usage error or unreadable input.
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'ignore-pattern': { type: 'string', multiple: true },
  'no-ignore': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `kubecarry bindings`: the predicted binding table. */
export async function bindings(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) return io.stdout(BINDINGS_HELP), 0;
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new ConfigError(`Invalid --format "${format}" for bindings: use table or json.`);
  const patterns = positionals.length > 0 ? positionals : ['.'];
  const entries = await predictedBindings(patterns, io, { useIgnore: !values['no-ignore'], ignorePatterns: values['ignore-pattern'] ?? [] });
  if (!entries) return 2;
  if (format === 'json') writeReport(jsonPieces(entries), io.stdout);
  else io.stdout(table(entries, io.cwd));
  return allBoundDeterministically(entries) ? 0 : 1;
}

/**
 * The bindings of the manifests `patterns` name, read as `lint` reads them (the config's `ignores` apply too); YAML
 * errors are said on stderr. Undefined, said on stderr, when a file cannot be read.
 */
export async function predictedBindings(patterns: string[], io: Io, options: { useIgnore: boolean; ignorePatterns: string[] }): Promise<BindingEntry[] | undefined> {
  const configPath = findConfigFile(await patternsBase(patterns, io.cwd));
  const configIgnores = configPath ? ((await readConfigFile(configPath, rules)).ignores ?? []) : [];
  const found = await discover(patterns, { cwd: io.cwd, useIgnore: options.useIgnore, ignorePatterns: [...configIgnores, ...options.ignorePatterns] });
  const failed: LintResult[] = [];
  const manifests: Manifest[] = [];
  for (const input of readInputs(found.files, failed)) {
    const file = loadSourceFile(input.filePath, input.text);
    for (const error of file.errors) io.stderr(`${relative(io.cwd, input.filePath)}:${error.line}:${error.column}: YAML syntax error, documents after it are skipped: ${error.message}\n`);
    // Only what the model reads, without positions: a tree of 100,000 manifests would otherwise stay parsed whole.
    for (const manifest of file.manifests) {
      if (BINDING_KINDS.has(manifest.value.kind)) manifests.push({ ...manifest, source: NO_SOURCE, value: detachedCopy(manifest.value) });
    }
  }
  for (const result of failed) io.stderr(`kubecarry: ${result.messages[0]?.message ?? `cannot read ${result.filePath}`}\n`);
  return failed.length > 0 ? undefined : predictBindings(manifests);
}

/**
 * JSON.stringify(entries.map(toJson), null, 2) and a line break, an entry at a time: with thousands of claims, each
 * listing the volumes it would accept, the whole is more than one string can hold.
 */
function* jsonPieces(entries: readonly BindingEntry[]): Generator<string> {
  if (entries.length === 0) {
    yield '[]\n';
    return;
  }
  for (const [index, entry] of entries.entries()) yield `${index === 0 ? '[\n' : ',\n'}  ${JSON.stringify(toJson(entry), null, 2).replaceAll('\n', '\n  ')}`;
  yield '\n]\n';
}

/** The JSON shape: plain data, no manifests. */
export function toJson(entry: BindingEntry) {
  return {
    claim: entry.claim,
    ...(entry.statefulSet !== undefined ? { statefulSet: entry.statefulSet, template: entry.template, ordinal: entry.ordinal } : {}),
    volume: entry.volume,
    how: entry.how,
    outcome: entry.outcome,
    undetermined: entry.undetermined,
    reason: entry.reason,
    candidates: entry.candidates,
  };
}

function table(entries: readonly BindingEntry[], cwd: string): string {
  if (entries.length === 0) return 'No PersistentVolumeClaims or StatefulSet claim templates found.\n';
  const rows = entries.map((entry) => [
    entry.claim + (entry.ordinal !== undefined ? ` (${entry.statefulSet} #${entry.ordinal})` : ''),
    entry.volume ?? `(${entry.outcome})`,
    entry.how ?? '-',
    `${entry.undetermined ? 'UNDETERMINED: ' : ''}${entry.reason}`,
    relative(cwd, entry.claimManifest.filePath),
  ]);
  const header = ['claim', 'volume', 'how', 'reason', 'file'];
  const widths = [0, 1, 2].map((column) => Math.max(header[column]!.length, ...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => `${row.slice(0, 3).map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}  ${row[3]} [${row[4]}]`.trimEnd();
  const bound = entries.filter((entry) => entry.outcome === 'bound' && !entry.undetermined).length;
  return `${line(header.slice(0, 4).concat('')).replace(' []', '')}\n${rows.map(line).join('\n')}\n\n${bound} of ${entries.length} claims bind an existing volume for certain.\n`;
}
