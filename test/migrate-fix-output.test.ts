import { describe, expect, it } from 'vitest';
import { defineRule, NO_OPTIONS } from '../src/engine/rule.js';
import { fixOutput } from '../src/migrate/fix-output.js';

/** A rule with a fix: a ConfigMap's `mode` must be "safe". */
const fixable = defineRule({
  id: 'test-fixable',
  meta: {
    type: 'problem',
    fixable: 'code',
    docs: { description: 'x', recommended: 'error', kinds: ['ConfigMap'] },
    messages: { unsafe: 'mode is "{{mode}}"; set it to "safe".' },
    ...NO_OPTIONS,
  },
  create: (context) => ({
    Manifest(manifest) {
      const mode = (manifest.value as { data?: { mode?: unknown } }).data?.mode;
      if (mode === undefined || mode === 'safe') return;
      context.report({ manifest, path: ['data', 'mode'], messageId: 'unsafe', data: { mode: String(mode) }, fix: [{ op: 'set', path: ['data', 'mode'], value: 'safe' }] });
    },
  }),
});

/** A rule with two suggestions and no fix: a ConfigMap needs an `owner`, which a person should choose. */
const suggesting = defineRule({
  id: 'test-suggesting',
  meta: {
    type: 'suggestion',
    hasSuggestions: true,
    docs: { description: 'x', recommended: 'warn', kinds: ['ConfigMap'] },
    messages: { noOwner: 'no owner.', team: 'Set owner to "{{team}}".' },
    ...NO_OPTIONS,
  },
  create: (context) => ({
    Manifest(manifest) {
      if ((manifest.value as { data?: { owner?: unknown } }).data?.owner !== undefined) return;
      context.report({
        manifest,
        path: ['data'],
        messageId: 'noOwner',
        suggest: ['storage', 'web'].map((team) => ({ messageId: 'team' as const, data: { team }, fix: [{ op: 'set' as const, path: ['data', 'owner'], value: team }] })),
      });
    },
  }),
});

const files = [
  { path: '03-config/configmap_a.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  mode: wild # kept\n' },
  { path: '03-config/configmap_b.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  mode: safe\n  owner: web\n' },
];
const settings = { kubernetesVersion: [1, 34] as const, rules: [fixable, suggesting] };

describe('fixOutput: the lint fix loop on migrate\'s output', () => {
  it('applies every fix a rule offers, not its suggestions, and lists what it applied', () => {
    const fixed = fixOutput(files, { ...settings, applySuggestions: false });
    expect(fixed.texts).toEqual([files[0]!.text.replace('wild', 'safe'), files[1]!.text]);
    expect(fixed.applied).toEqual([{ file: '03-config/configmap_a.yaml', ruleId: 'test-fixable', problem: 'mode is "wild"; set it to "safe".' }]);
    expect(fixed.results[0]!.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.suggestions?.[0]?.desc}`)).toEqual([
      '6:3 test-suggesting Set owner to "storage".',
    ]);
  });

  it('with applySuggestions applies the first suggestion of a report that has no fix', () => {
    const fixed = fixOutput(files, { ...settings, applySuggestions: true });
    expect(fixed.texts[0]).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  mode: safe # kept\n  owner: storage\n');
    expect(fixed.applied.map(({ ruleId, suggestion }) => [ruleId, suggestion])).toEqual([
      ['test-fixable', undefined],
      ['test-suggesting', 'Set owner to "storage".'],
    ]);
    expect(fixed.results.flatMap((result) => result.messages)).toEqual([]);
  });

  it('a fix that does not remove its report is not listed as applied', () => {
    const stubborn = defineRule({ ...fixable, id: 'test-stubborn', create: (context) => ({
      Manifest(manifest) {
        context.report({ manifest, path: ['metadata', 'name'], messageId: 'unsafe', data: { mode: 'x' }, fix: [{ op: 'set', path: ['metadata', 'name'], value: 'same' }] });
      },
    }) });
    const fixed = fixOutput([files[1]!], { kubernetesVersion: [1, 34], rules: [stubborn], applySuggestions: false });
    expect(fixed.texts[0]).toBe(files[1]!.text.replace('name: b', 'name: same'));
    expect(fixed.applied).toEqual([]);
    expect(fixed.results[0]!.messages.map((message) => message.ruleId)).toEqual(['test-stubborn']);
  });
});
