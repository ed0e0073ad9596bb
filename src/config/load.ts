import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { loadAjv2020 } from './ajv.js';
import type { AnyRule } from '../engine/rule.js';
import type { EnabledRule } from '../engine/linter.js';
import { presetRules, type PresetName } from './presets.js';
import { buildConfigSchema } from './schema.js';
import { splitRuleSetting, type RuleSetting } from './severity.js';

/** ajv's options for the config and rules' options; scripts/compile-config-validators.js compiles with them too. */
export const CONFIG_AJV_OPTIONS = { allErrors: true, strict: false } as const;

/**
 * A validator for `schema`. The config schema and the rules' options schemas are compiled at build time
 * (dist/config/validators.cjs): loading ajv and compiling cost about 0.12 s of each run with a config file. Any other
 * schema (another rule set, or a run from the sources) is compiled by ajv, loaded then.
 */
function validatorFor(schema: unknown): ValidateFunction {
  const text = JSON.stringify(schema);
  const index = precompiled()?.schemas.indexOf(text) ?? -1;
  if (index >= 0) return precompiled()![`v${index}`]!;
  // Once per schema: ajv refuses a second schema with the same $id (the config is read again by the Action).
  let validate = compiled.get(text);
  if (!validate) {
    runtimeAjv ??= new (loadAjv2020())(CONFIG_AJV_OPTIONS);
    validate = runtimeAjv.compile(schema as object);
    compiled.set(text, validate);
  }
  return validate;
}

let runtimeAjv: InstanceType<ReturnType<typeof loadAjv2020>> | undefined;
const compiled = new Map<string, ValidateFunction>();
/** dist/config/validators.cjs: the schemas' JSON texts, and validator `v<i>` for schema i. */
type Precompiled = { schemas: string[] } & Record<`v${number}`, ValidateFunction>;
let precompiledModule: Precompiled | null | undefined;

function precompiled(): Precompiled | null {
  if (precompiledModule === undefined) {
    const file = fileURLToPath(new URL('./validators.cjs', import.meta.url));
    precompiledModule = existsSync(file) ? (createRequire(import.meta.url)(file) as Precompiled) : null;
  }
  return precompiledModule;
}

export const CONFIG_FILE_NAMES = ['.kubecarry.yaml', '.kubecarry.yml', '.kubecarry.json'];

export interface ConfigFile {
  extends?: PresetName;
  kubernetesVersion?: string;
  /** Directories of JSON Schemas for custom resources, relative to the config file. */
  schemas?: string[];
  ignores?: string[];
  /** As `--context`: patterns relative to the working directory. */
  context?: string[];
  rules?: Record<string, RuleSetting>;
}

/** A problem the user must fix in their configuration or flags: exit code 2. */
export class ConfigError extends Error {}

/** The nearest config file from `cwd` upward, as ESLint looks up its config. */
export function findConfigFile(cwd: string): string | undefined {
  for (let directory = resolve(cwd); ; directory = dirname(directory)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(directory, name);
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(directory) === directory) return undefined;
  }
}

export async function readConfigFile(path: string, rules: readonly AnyRule[]): Promise<ConfigFile> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    // yaml is loaded for a YAML config only: a run without one does not load it at all.
    value = path.endsWith('.json') ? JSON.parse(text) : (await import('../parse/plain-yaml.js')).parse(text, { prettyErrors: true });
  } catch (error) {
    throw new ConfigError(`Cannot parse config file ${path}: ${(error as Error).message}`);
  }
  value ??= {};
  const validate = validatorFor(buildConfigSchema(rules));
  if (!validate(value)) throw new ConfigError(`Invalid config file ${path}:\n${formatErrors(validate.errors ?? [])}`);
  return value as ConfigFile;
}

/** Turns ajv errors into lines a person reads: the key, then what is wrong with it. */
export function formatErrors(errors: ErrorObject[]): string {
  const lines = new Set<string>();
  for (const error of errors) {
    // oneOf branches repeat the same complaint in several shapes; the severity enum says it best.
    if (error.keyword === 'oneOf' || error.keyword === 'type' || error.keyword === 'maxItems' || error.keyword === 'minItems') continue;
    const at = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')).join('.') || '(root)';
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params['additionalProperty']);
      lines.add(at === 'rules' ? `  - rules: unknown rule "${key}"` : `  - ${at === '(root)' ? '' : `${at}: `}unknown key "${key}"`);
    } else if (error.keyword === 'enum') {
      lines.add(`  - ${at}: must be one of ${(error.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
    } else {
      lines.add(`  - ${at}: ${error.message}`);
    }
  }
  if (lines.size === 0) for (const error of errors) lines.add(`  - ${error.instancePath || '(root)'}: ${error.message}`);
  return [...lines].join('\n');
}

/** Preset, then the config file's rules, then `--rule` flags; each rule's options validated against its schema. */
export function resolveRules(
  rules: readonly AnyRule[],
  preset: PresetName,
  ...layers: (Record<string, RuleSetting> | undefined)[]
): EnabledRule[] {
  const merged: Record<string, RuleSetting> = { ...presetRules(preset, rules) };
  for (const layer of layers) Object.assign(merged, layer ?? {});
  const enabled: EnabledRule[] = [];
  for (const rule of rules) {
    const setting = merged[rule.id];
    if (setting === undefined) continue;
    const { severity, options } = splitRuleSetting(setting);
    if (severity === 0) continue;
    const combined = { ...(rule.meta.defaultOptions as object), ...options };
    if (options === undefined) {
      enabled.push({ rule, severity, options: combined });
      continue;
    }
    const validate = validatorFor(rule.meta.schema);
    if (!validate(combined)) throw new ConfigError(`Invalid options for rule "${rule.id}":\n${formatErrors(validate.errors ?? [])}`);
    enabled.push({ rule, severity, options: combined });
  }
  return enabled;
}

/** Checks that every id named outside the registry (for example in `--rule`) exists. */
export function assertKnownRules(names: Iterable<string>, rules: readonly AnyRule[]): void {
  const known = new Set(rules.map((rule) => rule.id));
  for (const name of names) if (!known.has(name)) throw new ConfigError(`Unknown rule "${name}". Run \`kubecarry rules\` to list them.`);
}
