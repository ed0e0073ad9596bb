import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LintMessage, LintResult } from '../../src/engine/types.js';
import { escapeData, escapeProperty, github } from '../../src/formatters/github.js';
import { toLintResult } from '../../src/engine/results.js';
import { BROKEN_YAML, DELETE_PV, formatterContext, lintTexts } from '../helpers/lint-texts.js';

afterEach(() => vi.unstubAllEnvs());

/**
 * How the runner reads a workflow command back (actions/runner src/Runner.Common/ActionCommand.cs, TryParseV2):
 * properties split on `,`, each on its first `=`, unescaped `%0D %0A %3A %2C` then `%25`; the data after the first
 * `::` unescaped `%0D %0A` then `%25`.
 */
function parseCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
  const trimmed = line.trimStart();
  const end = trimmed.indexOf('::', 2);
  const info = trimmed.slice(2, end);
  const space = info.indexOf(' ');
  const unescape = (text: string, tokens: [string, string][]) => tokens.reduce((value, [escaped, token]) => value.split(escaped).join(token), text);
  const properties: Record<string, string> = {};
  for (const pair of info.slice(space + 1).split(',').filter(Boolean)) {
    const equals = pair.indexOf('=');
    properties[pair.slice(0, equals)] = unescape(pair.slice(equals + 1), [['%0D', '\r'], ['%0A', '\n'], ['%3A', ':'], ['%2C', ','], ['%25', '%']]);
  }
  return { command: info.slice(0, space), properties, message: unescape(trimmed.slice(end + 2), [['%0D', '\r'], ['%0A', '\n'], ['%25', '%']]) };
}

function result(filePath: string, messages: Partial<LintMessage>[]): LintResult {
  const full = messages.map((message) => ({ ruleId: 'pv-reclaim-policy', severity: 2, message: 'm', line: 1, column: 1, nodeType: null, ...message }) as LintMessage);
  return toLintResult({ filePath, text: '' }, full, []);
}

describe('github formatter', () => {
  it('one annotation per finding, with the file relative to the workspace and exact lines and columns', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '/repo');
    const output = github(lintTexts({ 'k8s/pv.yaml': DELETE_PV, 'k8s/broken.yaml': BROKEN_YAML }, '/repo'), formatterContext('/repo/k8s'));
    const lines = output.trimEnd().split('\n').sort();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      '::error file=k8s/pv.yaml,line=8,endLine=8,col=34,endColumn=40,title=pv-reclaim-policy::PersistentVolume "data" has persistentVolumeReclaimPolicy Delete: deleting it or its claim deletes the disk; set it to Retain.',
    );
    expect(lines[0]).toMatch(/^::error file=k8s\/broken\.yaml,line=4,endLine=4,col=1,title=kubecarry%3A fatal error::Parsing error: /);
  });

  it('warnings are ::warning; a finding over several lines has no columns; a file-level message has no lines', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '');
    const output = github(
      [
        result('/repo/a.yaml', [
          { severity: 1, line: 3, column: 5, endLine: 6, endColumn: 2 },
          { ruleId: null, fatal: true, line: 0, column: 0, message: 'Cannot read file' },
        ]),
      ],
      formatterContext('/repo'),
    );
    expect(output).toBe('::warning file=a.yaml,line=3,endLine=6,title=pv-reclaim-policy::m\n::error file=a.yaml,title=kubecarry%3A fatal error::Cannot read file\n');
  });

  it('escapes data and properties as the runner unescapes them', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('dir,1/a:b%.yaml')).toBe('dir%2C1/a%3Ab%25.yaml');
    vi.stubEnv('GITHUB_WORKSPACE', '');
    const output = github([result('/repo/odd,name:%.yaml', [{ message: 'two\nlines: 100%', ruleId: 'x,y' }])], formatterContext('/repo'));
    expect(parseCommand(output.trimEnd())).toEqual({
      command: 'error',
      properties: { file: 'odd,name:%.yaml', line: '1', endLine: '1', col: '1', title: 'x,y' },
      message: 'two\nlines: 100%',
    });
  });

  it('any file name and message survive the round trip through the runner', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1 }).filter((name) => !name.includes('/') && name !== '.' && name !== '..'), fc.string({ unit: 'binary' }), (name, message) => {
        const line = github([result(`/repo/${name}`, [{ message }])], formatterContext('/repo')).replace(/\n$/, '');
        expect(line).not.toMatch(/[\r\n]/);
        const parsed = parseCommand(line);
        expect(parsed.properties['file']).toBe(name);
        expect(parsed.message).toBe(message);
      }),
    );
  });

  it('prints nothing for clean results', () => {
    expect(github([result('/repo/a.yaml', [])], formatterContext('/repo'))).toBe('');
  });
});
