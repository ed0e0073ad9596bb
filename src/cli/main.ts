import { closeSync, existsSync, mkdirSync, openSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, assertKnownRules, findConfigFile, readConfigFile, resolveRules, type ConfigFile } from '../config/load.js';
import { DEFAULT_KUBERNETES_VERSION, parseKubernetesVersion } from '../config/kubernetes-version.js';
import { PRESETS, type PresetName } from '../config/presets.js';
import type { RuleSetting } from '../config/severity.js';
import { discover, discoverContext, patternsBase } from '../discover.js';
import { splitHelmSources } from '../helm-sources.js';
import type { InputFile, LintSettings } from '../engine/linter.js';
import { readInputs } from '../engine/read-files.js';
import { threadCount } from '../engine/parallel.js';
import { lintPaths, type CacheStrategy } from '../engine/lint-paths.js';
import { toLintResult, unreadableDirectoryResult } from '../engine/results.js';
import type { LintMessage, LintResult, Severity } from '../engine/types.js';
import { FORMATS_WITHOUT_FIXES, FORMATS_WITHOUT_SOURCE, loadFormatter, type FormatterContext } from '../formatters/load-formatter.js';
import { rules, rulesById } from '../rules/index.js';
import { ruleDocsUrl } from '../rules/docs-url.js';
import { HELP, parse, type ParsedOptions } from './options.js';
import { planOutputs, writeReport } from './outputs.js';
import { VERSION } from '../version.js';

export interface Io {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  readStdin: () => Promise<string>;
  /**
   * Formats whose reports the embedder reads only for counts and messages (the Action's JSON): no fix is rendered and
   * no source kept for them.
   */
  countedFormats?: readonly string[];
}

/** ESLint's `.eslintcache`, by analogy. */
const DEFAULT_CACHE_LOCATION = '.kubecarrycache';

/**
 * ESLint's `--cache-location`: a file, or a directory (one that exists, or a path ending in a separator) to hold a
 * file named after the working directory, so that runs from several directories can share it.
 */
function cacheFile(location: string, cwd: string): string {
  const path = resolve(cwd, location);
  const isDirectory = /[\\/]$/.test(location) || (existsSync(path) && statSync(path).isDirectory());
  return isDirectory ? join(path, `.cache_${createHash('sha1').update(cwd).digest('hex').slice(0, 12)}`) : path;
}

/** Runs the CLI and returns its exit code (ESLint's: 0 clean, 1 problems, 2 usage/config/internal errors). */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === 'rules') return listRules(rest, io);
    // Each command loads its own modules: a lint run never loads migrate's, and one that takes every file from the
    // cache not even the linter's (see scripts/bundle-cli.mjs).
    if (command === 'bindings') return await (await import('./bindings.js')).bindings(rest, io);
    if (command === 'migrate') return await (await import('./migrate.js')).migrateCommand(rest, io);
    return await lint(command === 'lint' ? rest : argv, io);
  } catch (error) {
    if (error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`kubecarry: ${(error as Error).message}\n`);
    } else {
      io.stderr(`kubecarry: internal error, please report it: ${(error as Error)?.stack ?? String(error)}\n`);
    }
    return 2;
  }
}

/** `--schema` flags (from the working directory) after the config's `schemas` (from the config file's directory). */
function schemaDirectories(config: ConfigFile, configPath: string | undefined, flags: readonly string[], cwd: string): string[] {
  const fromConfig = (config.schemas ?? []).map((dir) => resolve(dirname(configPath ?? cwd), dir));
  const directories = [...fromConfig, ...flags.map((dir) => resolve(cwd, dir))];
  for (const directory of directories) {
    if (!existsSync(directory) || !statSync(directory).isDirectory()) throw new ConfigError(`Schema directory not found: ${directory}`);
  }
  return directories;
}

async function lint(argv: string[], io: Io): Promise<number> {
  const { values: options, positionals } = parse(argv);
  if (options.help) return io.stdout(HELP), 0;
  if (options.version) return io.stdout(`v${VERSION}\n`), 0;

  const useStdin = options.stdin || (positionals.length === 1 && positionals[0] === '-');
  const stdinName = options['stdin-filename'];
  const lookupFrom = useStdin ? (stdinName ? dirname(resolve(io.cwd, stdinName)) : io.cwd) : await patternsBase(positionals.length > 0 ? positionals : ['.'], io.cwd);
  const configPath = options.config ? resolve(io.cwd, options.config) : options['no-config-lookup'] ? undefined : findConfigFile(lookupFrom);
  const config: ConfigFile = configPath ? await readConfigFile(configPath, rules) : {};
  const preset = (options.preset ?? config.extends ?? 'recommended') as PresetName;
  if (!PRESETS.includes(preset)) throw new ConfigError(`Unknown preset "${preset}": use ${PRESETS.join(' or ')}.`);
  const ruleFlags = await parseRuleFlags(options.rule ?? []);
  assertKnownRules(Object.keys(ruleFlags), rules);
  let enabled = resolveRules(rules, preset, config.rules, ruleFlags);
  if (options.quiet) enabled = enabled.filter((rule) => rule.severity === 2);
  const kubernetesVersion = parseVersionOrThrow(options['kubernetes-version'] ?? config.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
  const maxWarnings = options['max-warnings'] === undefined ? -1 : parseCount(options['max-warnings']);

  const fixing = Boolean(options.fix || options['fix-dry-run']);
  const outputs = planOutputs(options.format, options['output-file']);
  // Loaded before linting, so a formatter that cannot be found is a usage error before any work is done.
  const formatters = await Promise.all(outputs.map((output) => loadFormatter(output.format, io.cwd)));
  const settings: LintSettings = {
    rules: enabled,
    kubernetesVersion,
    schemaDirectories: schemaDirectories(config, configPath, options.schema ?? [], io.cwd),
    reportUnusedDisableDirectives: unusedDirectiveSeverity(options),
    // Rendering every fix and suggestion costs more than the linting: only for formats that may print them (json and
    // other ESLint formatters), not for the built-in ones that only count them. (The fix loop renders fixes whatever
    // this says; leaving it to the format lets `lint --cache` and `lint --fix --cache` share a cache.)
    computeFixes: outputs.some((output) => !FORMATS_WITHOUT_FIXES.has(output.format) && !io.countedFormats?.includes(output.format)),
    omitSource: outputs.every((output) => FORMATS_WITHOUT_SOURCE.has(output.format) || io.countedFormats?.includes(output.format)),
  };
  const accept = fixTypeFilter(options['fix-type']);
  const extraResults: LintResult[] = [];
  const ignorePatterns = [...(config.ignores ?? []), ...(options['ignore-pattern'] ?? [])];
  const discoverOptions = { cwd: io.cwd, useIgnore: !options['no-ignore'], ignorePatterns };
  const contextPatterns = [...(config.context ?? []), ...(options.context ?? [])];
  const concurrency = concurrencyOption(options.concurrency);
  let linted: { results: LintResult[]; internalErrors: string[] };
  if (useStdin) {
    if (options.fix) throw new ConfigError('The --fix option is not available for piped-in code; use --fix-dry-run instead.');
    const stdin: InputFile = { filePath: stdinName ? resolve(io.cwd, stdinName) : '<text>', text: await io.readStdin() };
    // `helm template` output: findings go to the templates its `# Source:` comments name.
    const inputs = splitHelmSources(stdin, stdinName ? dirname(stdin.filePath) : io.cwd);
    const context = [...readInputs(await discoverContext(contextPatterns, discoverOptions, inputs.map((input) => input.filePath)), [])];
    linted = fixing
      ? (await import('../engine/fix-files.js')).fixFiles(inputs, settings, { accept, context, suggestions: settings.computeFixes ? 'render' : 'describe' })
      : (await import('../engine/linter.js')).lintFiles(inputs, settings, context);
  } else {
    const patterns = positionals.length > 0 ? positionals : ['.'];
    const found = await discover(patterns, discoverOptions);
    const context = await discoverContext(contextPatterns, discoverOptions, found.files);
    for (const filePath of found.ignoredExplicitly) extraResults.push(ignoredResult(filePath));
    for (const { path, error } of found.unreadableDirectories) extraResults.push(unreadableDirectoryResult(path, error));
    const threads = threadCount(concurrency, found.files.length);
    const cacheLocation = options.cache ? cacheFile(options['cache-location'] ?? DEFAULT_CACHE_LOCATION, io.cwd) : undefined;
    const run = { threads, cacheLocation, cacheStrategy: cacheStrategy(options['cache-strategy']), version: VERSION, context, notice: io.stderr };
    linted = fixing
      ? await (await import('./fix-run.js')).fixPaths(found.files, settings, { accept, write: Boolean(options.fix), root: await patternsBase(patterns, io.cwd), run, notice: io.stderr }, extraResults)
      : await lintPaths(found.files, settings, run);
  }
  const { results: lintedResults, internalErrors } = linted;

  let results = [...lintedResults, ...extraResults].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  if (options.quiet) results = results.map(onlyErrors);

  const errorCount = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warningCount = results.reduce((sum, result) => sum + result.warningCount, 0);
  const fatal = results.some((result) => result.fatalErrorCount > 0);
  const tooManyWarnings = maxWarnings >= 0 && warningCount > maxWarnings;

  const color = options['no-color'] ? false : options.color ? true : io.isTTY && !process.env['NO_COLOR'];
  const context: FormatterContext = {
    cwd: io.cwd,
    color,
    rulesMeta: Object.fromEntries(rules.map((rule) => [rule.id, { ...rule.meta, docs: { ...rule.meta.docs, url: ruleDocsUrl(rule.id) } }])),
    ...(tooManyWarnings ? { maxWarningsExceeded: { maxWarnings, foundWarnings: warningCount } } : {}),
  };
  for (const [index, { file }] of outputs.entries()) {
    const report = await formatters[index]!(results, context);
    if (file !== undefined) {
      const target = resolve(io.cwd, file);
      mkdirSync(dirname(target), { recursive: true });
      const fd = openSync(target, 'w');
      try {
        writeReport(report, (text) => writeFileSync(fd, text));
      } finally {
        closeSync(fd);
      }
    } else if (writeReport(report, io.stdout) !== '\n') {
      io.stdout('\n'); // a report on standard output ends its line; an empty one prints nothing (see writeReport)
    }
  }

  if (tooManyWarnings) io.stderr(`kubecarry found too many warnings (maximum: ${maxWarnings}).\n`);
  if (internalErrors.length > 0) {
    for (const error of internalErrors) io.stderr(`kubecarry: internal error, please report it: ${error}\n`);
    return 2;
  }
  if (fatal && options['exit-on-fatal-error']) return 2;
  return errorCount > 0 || tooManyWarnings ? 1 : 0;
}

/** `--fix-type problem,suggestion`: only fixes of rules of these types are applied. */
function fixTypeFilter(types: string[] | undefined): ((message: LintMessage) => boolean) | undefined {
  if (!types) return undefined;
  const wanted = new Set(types.flatMap((type) => type.split(',')).map((type) => type.trim()));
  for (const type of wanted) {
    if (type !== 'problem' && type !== 'suggestion') throw new ConfigError(`Invalid --fix-type "${type}": use problem or suggestion.`);
  }
  return (message) => message.ruleId !== null && wanted.has(rulesById.get(message.ruleId)?.meta.type ?? '');
}

function listRules(argv: string[], io: Io): number {
  const { values } = parse(argv);
  const rows = rules.map((rule) => ({
    id: rule.id,
    recommended: rule.meta.docs.recommended,
    migration: rule.meta.docs.migration ?? rule.meta.docs.recommended,
    fixable: rule.meta.fixable === 'code',
    description: rule.meta.docs.description,
    url: ruleDocsUrl(rule.id),
  }));
  if (values.format?.includes('json')) return io.stdout(`${JSON.stringify(rows, null, 2)}\n`), 0;
  const width = Math.max(...rows.map((row) => row.id.length));
  io.stdout(`${'rule'.padEnd(width)}  recommended  migration  fix  description\n`);
  for (const row of rows) {
    io.stdout(`${row.id.padEnd(width)}  ${row.recommended.padEnd(11)}  ${row.migration.padEnd(9)}  ${row.fixable ? 'yes' : '   '}  ${row.description}\n`);
  }
  return 0;
}

/** `--rule 'id: error'` or `--rule 'id: [warn, {opt: 1}]'`, read as a YAML flow mapping like ESLint's levn. */
async function parseRuleFlags(flags: readonly string[]): Promise<Record<string, RuleSetting>> {
  const settings: Record<string, RuleSetting> = {};
  if (flags.length === 0) return settings;
  const { parse: parseYaml } = await import('../parse/plain-yaml.js');
  for (const flag of flags) {
    let value: unknown;
    try {
      value = parseYaml(`{${flag}}`);
    } catch {
      value = undefined;
    }
    if (!value || typeof value !== 'object') throw new ConfigError(`Invalid --rule "${flag}": expected 'rule-id: off|warn|error'.`);
    Object.assign(settings, value);
  }
  return settings;
}

function parseVersionOrThrow(text: string) {
  try {
    return parseKubernetesVersion(text);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function cacheStrategy(name: string | undefined): CacheStrategy {
  if (name === undefined || name === 'metadata' || name === 'content') return name ?? 'metadata';
  throw new ConfigError(`Invalid --cache-strategy "${name}": use metadata or content.`);
}

/** ESLint's `--concurrency`: auto, off or a number of threads. */
function concurrencyOption(value = 'off'): string {
  if (value === 'auto' || value === 'off' || /^[1-9]\d*$/.test(value)) return value;
  throw new ConfigError(`Invalid --concurrency "${value}": use a positive whole number, auto or off.`);
}

function parseCount(text: string): number {
  if (!/^\d+$/.test(text)) throw new ConfigError(`Invalid --max-warnings "${text}": expected a whole number.`);
  return Number(text);
}

function unusedDirectiveSeverity(options: ParsedOptions): Severity {
  const named = options['report-unused-disable-directives-severity'];
  if (named !== undefined) {
    const map: Record<string, Severity> = { off: 0, '0': 0, warn: 1, '1': 1, error: 2, '2': 2 };
    const severity = map[named];
    if (severity === undefined) throw new ConfigError(`Invalid --report-unused-disable-directives-severity "${named}": use off, warn or error.`);
    return severity;
  }
  return options['report-unused-disable-directives'] ? 2 : 0;
}

function onlyErrors(result: LintResult): LintResult {
  const messages = result.messages.filter((message) => message.fatal || message.severity === 2);
  return toLintResult({ filePath: result.filePath, text: result.source ?? '' }, messages, result.suppressedMessages, result.output, result.source !== undefined);
}

function ignoredResult(filePath: string): LintResult {
  const message = 'File ignored because of a matching ignore pattern. Use "--no-ignore" to disable file ignore settings.';
  const result = toLintResult({ filePath, text: '' }, [{ ruleId: null, fatal: false, severity: 1, message, nodeType: null } as never], []);
  delete result.source;
  return result;
}
