import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../cli/main.js';
import { readStdin } from '../cli/read-input.js';
import { escapeData } from '../formatters/github.js';
import type { LintResult } from '../engine/types.js';
import { bindingsSection } from './bindings.js';
import { lintArguments, readInputs, type ActionInputs } from './inputs.js';
import { appendSummary, InputError, setOutput, type Env } from './runner.js';
import { countResults, summaryMarkdown } from './summary.js';

export interface ActionIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * The GitHub Action: lints with the CLI (annotations on stdout, SARIF and JSON to files), sets the outputs, writes
 * the job summary, and returns the step's exit code as `fail-on` asks.
 */
export async function runAction(env: Env, io: ActionIo): Promise<number> {
  let inputs: ActionInputs;
  try {
    inputs = readInputs(env);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.stdout(`::error title=kubecarry::${escapeData(error.message)}\n`);
    return 1;
  }
  const scratch = mkdtempSync(join(env['RUNNER_TEMP'] || tmpdir(), 'kubecarry-'));
  try {
    const jsonFile = join(scratch, 'results.json');
    let cliErrors = '';
    const code = await main(lintArguments(inputs, jsonFile), {
      cwd: inputs.cwd,
      stdout: io.stdout,
      stderr: (text) => {
        cliErrors += text;
        io.stderr(text);
      },
      isTTY: false,
      readStdin,
      // The summary reads counts and messages from the JSON: rendering every fix for it costs more than the linting,
      // and each result's source would put the whole tree's text in it.
      countedFormats: ['json'],
    });
    if (code === 2) {
      const reason = cliErrors.trim().replace(/^kubecarry: /gmu, '');
      io.stdout(`::error title=kubecarry::${escapeData(reason || 'kubecarry failed (exit code 2).')}\n`);
      return 1;
    }
    const results = JSON.parse(readFileSync(jsonFile, 'utf8')) as LintResult[];
    const { errors, warnings } = countResults(results);
    setOutput(env, 'errors', String(errors));
    setOutput(env, 'warnings', String(warnings));
    setOutput(env, 'sarif-file', inputs.sarifFile ? resolve(inputs.cwd, inputs.sarifFile) : '');
    const root = env['GITHUB_WORKSPACE'] || inputs.cwd;
    const bindings = await bindingsSection(inputs);
    appendSummary(env, summaryMarkdown(results, env, root, bindings ? [bindings] : []));
    return fails(inputs, code, errors, warnings) ? 1 : 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** `fail-on: error` keeps the CLI's verdict (errors, or more warnings than `max-warnings`). */
function fails(inputs: ActionInputs, cliCode: number, errors: number, warnings: number): boolean {
  if (inputs.failOn === 'never') return false;
  if (inputs.failOn === 'warning') return cliCode !== 0 || errors + warnings > 0;
  return cliCode !== 0;
}
