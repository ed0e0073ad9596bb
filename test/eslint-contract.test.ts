import { stripVTControlCharacters } from 'node:util';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { stylish } from '../src/formatters/stylish.js';
import type { LintResult } from '../src/engine/types.js';
import { runCli } from './helpers/run-cli.js';

const EXAMPLES = join(import.meta.dirname, '..', 'examples');

/** kubecarry's results on the bundled example, as the CLI prints them with -f json. */
function exampleResults(): { stdout: string; results: LintResult[] } {
  const run = runCli(['lint', '.', '-f', 'json'], { cwd: EXAMPLES });
  expect(run.status).toBe(1);
  return { stdout: run.stdout, results: JSON.parse(run.stdout) as LintResult[] };
}

describe('ESLint contract: real ESLint formatters print kubecarry results', () => {
  const eslint = new ESLint({ cwd: EXAMPLES, overrideConfigFile: true });

  it('-f json is byte-compatible with eslint -f json', async () => {
    const { stdout, results } = exampleResults();
    const formatter = await eslint.loadFormatter('json');
    expect(`${await formatter.format(results as never)}\n`).toBe(stdout);
  });

  it("stylish prints exactly what ESLint's stylish prints, plus one line per suggestion", async () => {
    const { results } = exampleResults();
    const withoutSuggestions = results.map((result) => ({ ...result, messages: result.messages.map(({ suggestions: _, ...message }) => message) }));
    const formatter = await eslint.loadFormatter('stylish');
    const theirs = stripVTControlCharacters(await formatter.format(withoutSuggestions as never));
    expect(theirs).toContain('pv-reclaim-policy');
    expect(stylish(withoutSuggestions, false)).toBe(theirs);
    expect(stylish(results, false)).toMatch(/17:15 {2}suggestion {2}Add a preStop hook that waits 5 seconds/);
  });

  for (const name of ['compact', 'unix']) {
    it(`-f ${name} resolves eslint-formatter-${name} and matches it run directly`, async () => {
      const { results } = exampleResults();
      const run = runCli(['lint', '.', '-f', name], { cwd: EXAMPLES });
      const module = (await import(`eslint-formatter-${name}`)) as { default: (results: unknown) => string };
      expect(run.stdout).toBe(`${module.default(results)}\n`);
      expect(run.stdout).toMatch(/storage\.yaml:? ?(:|line )33/);
      expect(run.status).toBe(1);
    });
  }

  it('a formatter given as a path is loaded relative to cwd', () => {
    const run = runCli(['lint', '.', '-f', '../node_modules/eslint-formatter-unix/index.js'], { cwd: EXAMPLES });
    expect(run.stdout).toContain('storage.yaml:33:34:');
  });

  it('an unknown formatter is a usage error', () => {
    const run = runCli(['lint', '.', '-f', 'no-such-formatter'], { cwd: EXAMPLES });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('eslint-formatter-no-such-formatter');
  });
});
