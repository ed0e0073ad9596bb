import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe as group, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { lintFiles, type LintSettings } from '../src/engine/linter.js';
import { fixFiles } from '../src/engine/fix-files.js';
import { parseYaml } from '../src/parse/parse-yaml.js';
import { rules } from '../src/rules/index.js';
import { parseKubernetesVersion } from '../src/config/kubernetes-version.js';
import { describe, readMarkers, type Expected } from './helpers/fixture-markers.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** Only this rule, at its default options or the fixture's `# options:` header. */
function fixtureSettings(ruleId: string, text: string): LintSettings {
  const { header } = readMarkers(text);
  const rule = rules.find((candidate) => candidate.id === ruleId)!;
  const options = { ...(rule.meta.defaultOptions as object), ...(header.options as object | undefined) };
  return {
    rules: [{ rule, severity: 2, options }],
    kubernetesVersion: parseKubernetesVersion(header.kubernetesVersion ?? '1.34'),
    reportUnusedDisableDirectives: 0,
  };
}

function lintFixture(ruleId: string, file: string): { expected: string[]; actual: string[] } {
  const text = readFileSync(file, 'utf8');
  const { expected } = readMarkers(text);
  const { results, internalErrors } = lintFiles([{ filePath: file, text }], fixtureSettings(ruleId, text));
  expect(internalErrors).toEqual([]);
  const messages = results[0]!.messages;
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  const actual = messages.map((message) => {
    const precise = expected.some((e) => e.line === message.line && e.ruleId === message.ruleId && e.column !== undefined);
    const finding: Expected = { ruleId: message.ruleId ?? '(none)', line: message.line };
    if (precise) Object.assign(finding, { column: message.column, endLine: message.endLine, endColumn: message.endColumn });
    return describe(finding);
  });
  return { expected: expected.map(describe).sort(), actual: actual.sort() };
}

for (const rule of rules) {
  group(rule.id, () => {
    const directory = join(FIXTURES, rule.id);
    const files = existsSync(directory) ? readdirSync(directory).filter((name) => /\.ya?ml$/.test(name) && !name.includes('.fixed.')) : [];

    it('has valid and invalid fixtures', () => {
      expect(files.some((name) => name.startsWith('valid'))).toBe(true);
      expect(files.some((name) => name.startsWith('invalid'))).toBe(true);
    });

    for (const name of files) {
      it(name, () => {
        const { expected, actual } = lintFixture(rule.id, join(directory, name));
        if (name.startsWith('valid')) expect(expected).toEqual([]);
        else expect(expected.length).toBeGreaterThan(0);
        expect(actual).toEqual(expected);
      });
    }

    if (rule.meta.fixable) {
      const fixed = files.filter((name) => existsSync(join(directory, name.replace(/\.ya?ml$/, '.fixed.yaml'))));
      it('has a <case>.fixed.yaml fixture', () => expect(fixed.length).toBeGreaterThan(0));
      for (const name of fixed) {
        it(`${name} --fix`, () => {
          const file = join(directory, name);
          const expectedFile = file.replace(/\.ya?ml$/, '.fixed.yaml');
          const text = readFileSync(file, 'utf8');
          const settings = fixtureSettings(rule.id, text);
          const [result] = fixFiles([{ filePath: file, text }], settings).results;
          const output = result!.output ?? text;
          if (process.env['UPDATE']) writeFileSync(expectedFile, output);
          expect(output).toBe(readFileSync(expectedFile, 'utf8'));
          expect(parseYaml(output).errors).toEqual([]);
          // Fixing again changes nothing, and nothing fixable is left (markdownlint's "Fixable error(s) not fixed").
          const [again] = fixFiles([{ filePath: file, text: output }], settings).results;
          expect(again!.output).toBeUndefined();
          expect(again!.fixableErrorCount + again!.fixableWarningCount).toBe(0);
        });
      }
    }
  });
}

/** Fixture directories that are not a rule's: the binding model's, migrate's, and the bad-input corpus (test/bad-input.test.ts). */
const COMMAND_FIXTURES = new Set(['bindings', 'migrate', 'bad-input']);

it('every fixture directory belongs to a rule', () => {
  const ids = new Set(rules.map((rule) => rule.id));
  for (const directory of readdirSync(FIXTURES).filter((name) => !COMMAND_FIXTURES.has(name))) expect(ids.has(directory), directory).toBe(true);
});
