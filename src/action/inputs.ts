import { isAbsolute, resolve } from 'node:path';
import { getBooleanInput, getInput, InputError, type Env } from './runner.js';

/** The inputs action.yml declares; test/action-bundle.test.ts keeps the two in step. */
export const INPUT_NAMES = ['path', 'config', 'kubernetes-version', 'fail-on', 'max-warnings', 'sarif-file', 'fix', 'working-directory'] as const;

export type FailOn = 'error' | 'warning' | 'never';

export interface ActionInputs {
  patterns: string[];
  config?: string;
  kubernetesVersion?: string;
  failOn: FailOn;
  maxWarnings?: string;
  sarifFile?: string;
  fix: boolean;
  /** Absolute: `working-directory` resolved against the workspace. */
  cwd: string;
}

/**
 * Reads action.yml's inputs. `path` takes patterns one a line, or space-separated on one line (a pattern with a space
 * in it needs the one-a-line form).
 */
export function readInputs(env: Env): ActionInputs {
  const workspace = env['GITHUB_WORKSPACE'] || process.cwd();
  const path = getInput(env, 'path');
  const patterns = (/[\r\n]/u.test(path) ? path.split(/\r?\n|\r/u) : path.split(/\s+/u)).map((pattern) => pattern.trim()).filter(Boolean);
  const failOn = getInput(env, 'fail-on') || 'error';
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'never') throw new InputError(`Input "fail-on" must be error, warning or never, not "${failOn}".`);
  const maxWarnings = getInput(env, 'max-warnings');
  if (maxWarnings !== '' && !/^\d+$/u.test(maxWarnings)) throw new InputError(`Input "max-warnings" must be a whole number, not "${maxWarnings}".`);
  const workingDirectory = getInput(env, 'working-directory') || '.';
  const optional = (value: string) => (value === '' ? undefined : value);
  return {
    patterns: patterns.length > 0 ? patterns : ['.'],
    config: optional(getInput(env, 'config')),
    kubernetesVersion: optional(getInput(env, 'kubernetes-version')),
    failOn,
    maxWarnings: optional(maxWarnings),
    sarifFile: optional(getInput(env, 'sarif-file')),
    fix: getBooleanInput(env, 'fix'),
    cwd: isAbsolute(workingDirectory) ? workingDirectory : resolve(workspace, workingDirectory),
  };
}

/** The kubecarry command line that does what the inputs ask, writing JSON results to `jsonFile` for the summary. */
export function lintArguments(inputs: ActionInputs, jsonFile: string): string[] {
  const args = ['lint', '--format', 'github', '--format', 'json', '--output-file', `json=${jsonFile}`];
  if (inputs.sarifFile) args.push('--format', 'sarif', '--output-file', `sarif=${inputs.sarifFile}`);
  if (inputs.config) args.push('--config', inputs.config);
  if (inputs.kubernetesVersion) args.push('--kubernetes-version', inputs.kubernetesVersion);
  if (inputs.maxWarnings) args.push('--max-warnings', inputs.maxWarnings);
  if (inputs.fix) args.push('--fix');
  // After `--`, a pattern that starts with a dash is still a pattern.
  return [...args, '--', ...inputs.patterns];
}
