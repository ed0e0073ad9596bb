import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, findConfigFile, readConfigFile } from '../config/load.js';
import { DEFAULT_KUBERNETES_VERSION, parseKubernetesVersion } from '../config/kubernetes-version.js';
import { discover, patternsBase } from '../discover.js';
import { readInputs } from '../engine/read-files.js';
import type { LintResult } from '../engine/types.js';
import { migrate, type MigrateOptions } from '../migrate/index.js';
import { loadSources } from '../migrate/input.js';
import { DEFAULT_LABEL_KEY, PREBIND_MODES, type Prebind } from '../migrate/types.js';
import { rules } from '../rules/index.js';
import type { Io } from './main.js';

const OPTIONS = {
  out: { type: 'string' },
  force: { type: 'boolean' },
  'kubernetes-version': { type: 'string' },
  'namespace-map': { type: 'string', multiple: true },
  'storage-class-map': { type: 'string', multiple: true },
  csi: { type: 'boolean' },
  prebind: { type: 'string' },
  'label-key': { type: 'string' },
  'keep-node-ports': { type: 'boolean' },
  'apply-suggestions': { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  'no-config-lookup': { type: 'boolean' },
  'ignore-pattern': { type: 'string', multiple: true },
  'no-ignore': { type: 'boolean' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const MIGRATE_HELP = `kubecarry migrate [options] [file|dir|glob]* --out DIR

Write manifests for the target cluster that bring each service up on its existing disks: static volumes on the same
disks (Retain, class ""), claims pinned to them, one claim per StatefulSet replica, objects cleaned of the source
cluster's state, a kustomization.yaml in apply order, MIGRATION.md and plan.json. Lint's fixes are applied to the
output, which is then linted with every rule and its bindings checked; a problem left exits 1 (the output is still
written).

Options:
  --out DIR                      Directory to write (required); must be empty unless --force
  --force                        Write into a non-empty DIR (replaces what an earlier migrate wrote there)
  --kubernetes-version x.y       Version of the target cluster (default: the config's, else ${DEFAULT_KUBERNETES_VERSION})
  --namespace-map old=new        Move objects of namespace old to new (repeatable)
  --storage-class-map old=new    Rename a storage class for claims that are provisioned anew (repeatable)
  --csi                          Convert in-tree volume sources to CSI (automatic where the target lacks the plugin)
  --prebind mode                 both (default: claimRef and volumeName), claimref, volumename or selector
  --label-key key                Label that ties each volume to its claim (default: ${DEFAULT_LABEL_KEY})
  --keep-node-ports              Keep Service nodePorts of exported objects (default: dropped, as auto-assigned)
  --apply-suggestions            Also apply lint's first suggestion where a finding has no fix (a preStop hook, ...)
  -c, --config path              Config file to read kubernetesVersion from; --no-config-lookup reads none
  --ignore-pattern pattern       Ignore files matching this pattern (repeatable); --no-ignore disables ignores
  --stdin                        Read manifests from standard input (also: a lone "-"); --stdin-filename names it
  -h, --help                     Show this help
`;

/** `kubecarry migrate`: exit 0 when the output passed its self-check, 1 when it did not, 2 on a usage or input error. */
export async function migrateCommand(argv: string[], io: Io): Promise<number> {
  const { values: options, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (options.help) return io.stdout(MIGRATE_HELP), 0;
  if (!options.out) throw new ConfigError('Missing --out DIR: the directory to write the migrated manifests to.');
  const useStdin = options.stdin || (positionals.length === 1 && positionals[0] === '-');
  const patterns = positionals.length > 0 ? positionals : ['.'];
  const lookupFrom = useStdin ? io.cwd : await patternsBase(patterns, io.cwd);
  const configPath = options.config ? resolve(io.cwd, options.config) : options['no-config-lookup'] ? undefined : findConfigFile(lookupFrom);
  const config = configPath ? await readConfigFile(configPath, rules) : {};
  const settings: MigrateOptions = {
    kubernetesVersion: versionOrThrow(options['kubernetes-version'] ?? config.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION),
    namespaceMap: mapping('--namespace-map', options['namespace-map']),
    storageClassMap: mapping('--storage-class-map', options['storage-class-map']),
    csi: Boolean(options.csi),
    prebind: prebindOrThrow(options.prebind ?? 'both'),
    labelKey: labelKeyOrThrow(options['label-key'] ?? DEFAULT_LABEL_KEY),
    keepNodePorts: Boolean(options['keep-node-ports']),
    applySuggestions: Boolean(options['apply-suggestions']),
  };

  const outDir = resolve(io.cwd, options.out);
  prepareOutDir(outDir, Boolean(options.force));
  const inputs = useStdin
    ? [{ filePath: options['stdin-filename'] ? resolve(io.cwd, options['stdin-filename']) : '<stdin>', text: await io.readStdin() }]
    : readAll((await discover(patterns, { cwd: io.cwd, useIgnore: !options['no-ignore'], ignorePatterns: [...(config.ignores ?? []), ...(options['ignore-pattern'] ?? [])] })).files);
  // An earlier output under the inputs (migrate k8s/ --out k8s/target) must not be migrated again.
  const { sources, errors } = loadSources(inputs.filter((input) => !isInside(outDir, input.filePath)), (path) => relative(io.cwd, path) || path);
  if (errors.length > 0) throw new ConfigError(`Cannot migrate input that does not parse; fix it first:\n${errors.map((error) => `  ${error}`).join('\n')}`);

  const migration = migrate(sources, settings);
  for (const file of migration.files) writeInside(outDir, file.path, file.text);

  const { plan } = migration;
  const shown = options.out;
  const attached = plan.bindings.length === 1 ? '1 claim re-attached to its own disk' : `${plan.bindings.length} claims re-attached to their own disks`;
  io.stdout(`Wrote ${count(migration.files.length, 'file')} to ${shown}: ${attached}, ${plan.claimsWithoutData.length} without data, ${count(plan.warnings.length, 'warning')}. Review ${join(shown, 'MIGRATION.md')}.\n`);
  if (plan.sourcePatches.length > 0) io.stdout(`First switch ${count(plan.sourcePatches.length, 'source volume')} to Retain: the commands are in MIGRATION.md.\n`);
  const { ok, problems } = plan.selfCheck;
  if (problems.length === 0) return 0;
  io.stderr(ok
    ? `Self-check passed with ${count(problems.length, 'warning')} for a person to decide:\n`
    : `Self-check failed: the output would leave ${count(problems.filter((problem) => problem.severity === 'error').length, 'error')}:\n`);
  for (const problem of problems) {
    const where = problem.line === undefined ? problem.file : `${join(shown, problem.file)}:${problem.line}:${problem.column}`;
    io.stderr(`  ${where}  ${problem.severity}  ${problem.message}${problem.ruleId ? `  ${problem.ruleId}` : ''}\n`);
    if (problem.suggestion) io.stderr(`    suggestion (--apply-suggestions applies it): ${problem.suggestion}\n`);
  }
  return ok ? 0 : 1;
}

function readAll(paths: readonly string[]) {
  const failed: LintResult[] = [];
  const inputs = [...readInputs(paths, failed)];
  if (failed.length > 0) throw new ConfigError(failed.map((result) => `${result.filePath}: ${result.messages[0]?.message ?? 'unreadable'}`).join('\n'));
  return inputs;
}

/** Names an earlier `migrate` writes at the top of its output directory. */
const OWN_ENTRY = /^(\d\d-[a-z]+|kustomization\.yaml|MIGRATION\.md|plan\.json)$/;

function prepareOutDir(outDir: string, force: boolean): void {
  const entries = existsSync(outDir) ? readdirSync(outDir) : [];
  if (entries.length > 0 && !force) {
    throw new ConfigError(`The output directory ${outDir} is not empty: choose an empty or new one, or pass --force to write into it.`);
  }
  for (const entry of entries.filter((name) => OWN_ENTRY.test(name))) rmSync(join(outDir, entry), { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
}

/** Writes a file under `outDir`; a path that would leave it is an internal error, never a write. */
function writeInside(outDir: string, path: string, text: string): void {
  const target = resolve(outDir, path);
  if (!isInside(outDir, target)) throw new Error(`Refusing to write ${target}: outside ${outDir}`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function isInside(dir: string, path: string): boolean {
  const inside = relative(dir, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}

function mapping(flag: string, entries: readonly string[] | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of entries ?? []) {
    const match = /^([^=]+)=([^=]*)$/.exec(entry);
    if (!match) throw new ConfigError(`Invalid ${flag} "${entry}": expected old=new.`);
    map.set(match[1]!.trim(), match[2]!.trim());
  }
  return map;
}

function prebindOrThrow(text: string): Prebind {
  if ((PREBIND_MODES as readonly string[]).includes(text)) return text as Prebind;
  throw new ConfigError(`Invalid --prebind "${text}": use ${PREBIND_MODES.join(', ')}.`);
}

/** A label key: an optional DNS-subdomain prefix and a name of at most 63 characters (apimachinery IsQualifiedName). */
function labelKeyOrThrow(text: string): string {
  if (/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(text)) return text;
  throw new ConfigError(`Invalid --label-key "${text}": expected a label key such as example.com/volume.`);
}

function versionOrThrow(text: string): [number, number] {
  try {
    return parseKubernetesVersion(text);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}
