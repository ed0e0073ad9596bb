import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { WITHOUT_SHAPE_RULES } from './helpers/witness-rules.js';
import { main } from '../src/cli/main.js';
import type { LintResult } from '../src/engine/types.js';
import { makeTree } from './helpers/run-cli.js';

/** Two rules with bugs, next to the real ones: one throws on a volume named "bad", one throws across files. */
vi.mock('../src/rules/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/rules/index.js')>();
  const { defineRule, NO_OPTIONS } = await import('../src/engine/rule.js');
  const meta = (description: string) => ({ type: 'problem' as const, docs: { description, recommended: 'off' as const, kinds: [] }, messages: {}, ...NO_OPTIONS });
  const onVolume = defineRule({
    id: 'crashes-on-volume',
    meta: meta('throws on a volume named "bad"'),
    create: () => ({
      PersistentVolume(_manifest, volume) {
        if (volume.metadata?.name === 'bad') throw new TypeError("Cannot read properties of undefined (reading 'size')");
      },
    }),
  });
  const acrossFiles = defineRule({
    id: 'crashes-across-files',
    meta: { ...meta('throws in Run'), crossDocumentKinds: ['PersistentVolume'] },
    create: () => ({
      Run() {
        throw new Error('binding exploded');
      },
    }),
  });
  const rules = [...original.rules, onVolume, acrossFiles];
  return { rules, rulesById: new Map(rules.map((rule) => [rule.id, rule])) };
});

const PV = (name: string) => `apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: ${name}\nspec:\n  persistentVolumeReclaimPolicy: Delete\n`;

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(['lint', '--no-config-lookup', ...WITHOUT_SHAPE_RULES, '-f', 'json', ...args], {
    cwd,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: false,
    readStdin: async () => '',
  });
  return { code, results: JSON.parse(stdout) as LintResult[], stderr };
}

it('a rule that throws is reported on the object it crashed on, names the rule and file, exits 2; the run and the other rules go on', async () => {
  const cwd = makeTree({ 'a.yaml': `${PV('good')}---\n${PV('bad')}`, 'b.yaml': PV('other') });
  const { code, results, stderr } = await run(['--rule', 'crashes-on-volume: error', '.'], cwd);
  expect(code).toBe(2);
  const [a, b] = results;
  expect(a!.messages.map(({ ruleId, line, column, fatal, message }) => ({ ruleId, line, column, fatal, message }))).toEqual([
    { ruleId: 'pv-reclaim-policy', line: 6, column: 34, fatal: undefined, message: expect.any(String) },
    {
      ruleId: null,
      line: 8,
      column: 1,
      fatal: true,
      message: `Rule "crashes-on-volume" crashed on this object (Cannot read properties of undefined (reading 'size')): this is a kubecarry bug, please report it; the other rules still ran`,
    },
    { ruleId: 'pv-reclaim-policy', line: 13, column: 34, fatal: undefined, message: expect.any(String) },
  ]);
  expect(b!.messages.map((message) => message.ruleId)).toEqual(['pv-reclaim-policy']);
  expect(stderr).toContain(`kubecarry: internal error, please report it: Rule "crashes-on-volume" failed on ${join(cwd, 'a.yaml')} (document 2): TypeError`);
});

it('--fix leaves a file where a rule crashed untouched and fixes the others; --cache stores nothing from such a run', async () => {
  const cwd = makeTree({ 'a.yaml': PV('bad'), 'b.yaml': PV('other') });
  const { code } = await run(['--rule', 'crashes-on-volume: error', '--fix', '.'], cwd);
  expect(code).toBe(2);
  expect(readFileSync(join(cwd, 'a.yaml'), 'utf8')).toBe(PV('bad'));
  expect(readFileSync(join(cwd, 'b.yaml'), 'utf8')).toBe(PV('other').replace('Delete', 'Retain'));
  const cached = await run(['--rule', 'crashes-on-volume: error', '--cache', '.'], cwd);
  expect(cached.code).toBe(2);
  expect(existsSync(join(cwd, '.kubecarrycache'))).toBe(false);
});

it('a cross-document rule that throws is an internal error across files; every file is still linted', async () => {
  const cwd = makeTree({ 'a.yaml': PV('a'), 'b.yaml': PV('b') });
  const { code, results, stderr } = await run(['--rule', 'crashes-across-files: error', '.'], cwd);
  expect(code).toBe(2);
  expect(results.map((result) => result.messages.map((message) => message.ruleId))).toEqual([['pv-reclaim-policy'], ['pv-reclaim-policy']]);
  expect(stderr).toContain('Rule "crashes-across-files" failed across files: Error: binding exploded');
});
