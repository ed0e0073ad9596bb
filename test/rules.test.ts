import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe as group, expect, it } from 'vitest';
import { lintFiles } from '../src/engine/linter.js';
import { rules } from '../src/rules/index.js';
import { parseKubernetesVersion } from '../src/config/kubernetes-version.js';
import { describe, readMarkers, type Expected } from './helpers/fixture-markers.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

function lintFixture(ruleId: string, file: string): { expected: string[]; actual: string[] } {
  const text = readFileSync(file, 'utf8');
  const { expected, header } = readMarkers(text);
  const rule = rules.find((candidate) => candidate.id === ruleId)!;
  const options = { ...(rule.meta.defaultOptions as object), ...(header.options as object | undefined) };
  const { results, internalErrors } = lintFiles([{ filePath: file, text }], {
    rules: [{ rule, severity: 2, options }],
    kubernetesVersion: parseKubernetesVersion(header.kubernetesVersion ?? '1.34'),
    reportUnusedDisableDirectives: 0,
  });
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
  });
}

it('every fixture directory belongs to a rule', () => {
  const ids = new Set(rules.map((rule) => rule.id));
  for (const directory of readdirSync(FIXTURES)) expect(ids.has(directory), directory).toBe(true);
});
