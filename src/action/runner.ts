import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';

/** What the runner hands a JavaScript action: its environment (inputs, file commands, workspace). */
export type Env = Readonly<Record<string, string | undefined>>;

/** A problem with the action's inputs: reported as an error annotation, the step fails. */
export class InputError extends Error {}

/**
 * An input as the runner passes it: `INPUT_` + the name upper-cased with spaces as `_` (dashes stay, so
 * `kubernetes-version` is `INPUT_KUBERNETES-VERSION`), trimmed; empty when not given and without default.
 */
export function getInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /gu, '_').toUpperCase()}`] ?? '').trim();
}

/** A boolean input as the YAML 1.2 core schema spells it, which is what action.yml users write. */
export function getBooleanInput(env: Env, name: string): boolean {
  const value = getInput(env, name);
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE', ''].includes(value)) return false;
  throw new InputError(`Input "${name}" must be true or false, not "${value}".`);
}

/**
 * Appends `name=value` to the `$GITHUB_OUTPUT` file; a value with a line break uses the heredoc form with a
 * delimiter that cannot occur in it.
 */
export function setOutput(env: Env, name: string, value: string): void {
  const file = env['GITHUB_OUTPUT'];
  if (!file) return;
  if (!/[\r\n]/u.test(value)) return appendFileSync(file, `${name}=${value}\n`);
  let delimiter = `ghadelimiter_${randomUUID()}`;
  while (value.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

/** Appends Markdown to the job summary (`$GITHUB_STEP_SUMMARY`), when the runner provides one. */
export function appendSummary(env: Env, markdown: string): void {
  const file = env['GITHUB_STEP_SUMMARY'];
  if (file) appendFileSync(file, markdown);
}
