import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyRule } from '../engine/rule.js';
import type { LintResult } from '../engine/types.js';
import { ConfigError } from '../config/load.js';
import { github } from './github.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylishPieces } from './stylish.js';

export interface FormatterContext {
  cwd: string;
  color: boolean;
  maxWarningsExceeded?: { maxWarnings: number; foundWarnings: number };
  rulesMeta: Record<string, AnyRule['meta'] & { docs: { url: string } }>;
}

/**
 * A report: a string, as ESLint's formatters return, or, from the built-in ones, pieces to write as they are made (a
 * report on a large tree is hundreds of MB, and holding it as one string doubles the run's memory).
 */
export type Report = string | Iterable<string>;

export type Formatter = (results: LintResult[], context: FormatterContext) => Report | Promise<Report>;

const BUILT_IN: Record<string, Formatter> = {
  stylish: (results, context) => stylishPieces(results, context.color),
  json: jsonPieces,
  sarif,
  github,
  junit,
};

/** JSON.stringify(results), a result at a time. */
function* jsonPieces(results: LintResult[]): Generator<string> {
  yield '[';
  for (const [index, result] of results.entries()) yield `${index > 0 ? ',' : ''}${JSON.stringify(result)}`;
  yield ']';
}

/** Built-in formats that print no fix or suggestion edit (stylish prints suggestions' descriptions). */
export const FORMATS_WITHOUT_FIXES: ReadonlySet<string> = new Set(['stylish', 'sarif', 'github', 'junit']);

/** Built-in formats that never read a result's `source` (sarif fingerprints the reported lines with it). */
export const FORMATS_WITHOUT_SOURCE: ReadonlySet<string> = new Set(['stylish', 'github', 'junit']);

/** Names of the formatters kubecarry ships; any other name is loaded as a package or path. */
export const BUILT_IN_FORMATTERS: readonly string[] = Object.keys(BUILT_IN);

/**
 * Resolves `-f NAME` as ESLint does: a built-in, a path (contains `/` or `.`) relative to cwd,
 * or an npm package `eslint-formatter-NAME` (`@scope/eslint-formatter[-NAME]` for scoped names), then NAME itself.
 */
export async function loadFormatter(name: string, cwd: string): Promise<Formatter> {
  const builtIn = BUILT_IN[name];
  if (builtIn) return builtIn;
  const require = createRequire(join(cwd, '__placeholder__.js'));
  const candidates = /[/\\]|^\./.test(name) && !name.startsWith('@') ? [isAbsolute(name) ? name : resolve(cwd, name)] : packageNames(name);
  for (const candidate of candidates) {
    let resolved: string;
    try {
      resolved = isAbsolute(candidate) ? candidate : require.resolve(candidate);
    } catch {
      continue;
    }
    const module = (await import(pathToFileURL(resolved).href)) as { default?: unknown };
    const formatter = typeof module.default === 'function' ? module.default : module;
    if (typeof formatter !== 'function') throw new ConfigError(`Formatter "${name}" (${resolved}) does not export a function.`);
    return formatter as Formatter;
  }
  throw new ConfigError(
    `There was a problem loading formatter "${name}": it is neither built in (${Object.keys(BUILT_IN).join(', ')}) nor an installed package (${candidates.join(', ')}).`,
  );
}

function packageNames(name: string): string[] {
  if (name.startsWith('@')) {
    const [scope, rest] = name.split('/');
    return rest ? [`${scope}/eslint-formatter-${rest}`, name] : [`${scope}/eslint-formatter`];
  }
  return name.startsWith('eslint-formatter-') ? [name] : [`eslint-formatter-${name}`, name];
}
