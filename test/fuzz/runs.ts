import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LintSettings } from '../../src/engine/linter.js';
import { rules } from '../../src/rules/index.js';

/** Property runs: a few in `npm test`, FUZZ_RUNS (10,000 in `npm run fuzz`, vitest.fuzz.config.ts) when fuzzing. */
export const RUNS = Number(process.env['FUZZ_RUNS'] ?? 0) || undefined;
export const runs = (inTests: number) => ({ numRuns: RUNS ?? inTests });
/** Per property: a fuzz run takes as long as it takes. */
export const TIMEOUT = RUNS ? 86_400_000 : 120_000;

/** Every rule, at error, rendering fixes and suggestions: the most code on the path of each input. */
export const EVERY_RULE: LintSettings = {
  rules: rules.map((rule) => ({ rule, severity: 2, options: rule.meta.defaultOptions })),
  kubernetesVersion: [1, 34],
  reportUnusedDisableDirectives: 0,
  computeFixes: true,
};

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** The rules' own fixtures (valid and invalid cases): manifests that reach every branch the rules have. */
export function ruleFixtures(): { filePath: string; text: string }[] {
  return rules.flatMap((rule) => {
    const directory = join(FIXTURES, rule.id);
    return readdirSync(directory)
      .filter((name) => /\.ya?ml$/.test(name) && !name.includes('.fixed.'))
      .map((name) => ({ filePath: join(directory, name), text: readFileSync(join(directory, name), 'utf8') }));
  });
}
