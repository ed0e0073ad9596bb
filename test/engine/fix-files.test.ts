import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../src/config/load.js';
import { fixFiles, keptParses } from '../../src/engine/fix-files.js';
import { lintFiles } from '../../src/engine/linter.js';
import { PARSERS } from '../../src/engine/lint-file.js';
import type { LintMessage } from '../../src/engine/types.js';
import { rules } from '../../src/rules/index.js';
import { DELETE_PV } from '../helpers/lint-texts.js';

const settings = { rules: resolveRules(rules, 'recommended'), kubernetesVersion: [1, 34] as const, reportUnusedDisableDirectives: 0 as const };

// A container without preStop hook gets a suggestion (never applied by --fix); the directive suppresses the second one.
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
        # kubecarry-disable-next-line container-prestop-hook -- batch sidecar
        - name: sidecar
          image: busybox:1.36
`;

describe('fixFiles', () => {
  it('renders the suggestions of its last pass only, exactly as a lint of the fixed text does', () => {
    const inputs = [{ filePath: '/k8s/all.yaml', text: `${DELETE_PV}---\n${DEPLOYMENT}` }];
    const [fixed] = fixFiles(inputs, settings).results;
    expect(fixed!.output).toContain('persistentVolumeReclaimPolicy: Retain');

    const [linted] = lintFiles([{ filePath: '/k8s/all.yaml', text: fixed!.output! }], { ...settings, computeFixes: true }).results;
    const suggestionsOf = (messages: LintMessage[]) => messages.map(({ line, column, suggestions }) => ({ line, column, suggestions }));
    expect(suggestionsOf(fixed!.messages)).toEqual(suggestionsOf(linted!.messages));
    expect(suggestionsOf(fixed!.suppressedMessages)).toEqual(suggestionsOf(linted!.suppressedMessages));
    // Both the reported and the suppressed container (their names) got a rendered suggestion, at the fixed text's offsets.
    const rendered = [...fixed!.messages, ...fixed!.suppressedMessages].filter((message) => message.ruleId === 'container-prestop-hook');
    expect(rendered.map(({ line, column }) => `${line}:${column}`)).toEqual(['21:17', '24:17']);
    for (const message of rendered) expect(message.suggestions?.[0]?.fix?.range[0]).toBeGreaterThan(fixed!.output!.indexOf('kind: Deployment'));
  });

  it('leaves suggestions as descriptions when asked, as a lint without computed fixes gives them, and fixes the same', () => {
    const inputs = [{ filePath: '/k8s/all.yaml', text: `${DELETE_PV}---\n${DEPLOYMENT}` }];
    const [rendered] = fixFiles(inputs, settings).results;
    const [described] = fixFiles(inputs, settings, { suggestions: 'describe' }).results;
    expect(described!.output).toBe(rendered!.output);

    const [linted] = lintFiles([{ filePath: '/k8s/all.yaml', text: described!.output! }], settings).results;
    const suggestionsOf = (messages: LintMessage[]) => messages.map(({ line, column, suggestions }) => ({ line, column, suggestions }));
    expect(suggestionsOf(described!.messages)).toEqual(suggestionsOf(linted!.messages));
    expect(described!.messages.some((message) => message.suggestions?.length)).toBe(true);
    for (const message of described!.messages) for (const suggestion of message.suggestions ?? []) expect(suggestion.fix).toBeUndefined();
  });

  it('gives every file, changed or not, the results a lint of the fixed texts gives, cross-document findings included', () => {
    // Two claims name one volume: their files are never edited, but their findings come from the volume's file.
    const claim = (name: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: ""
  volumeName: data
  resources: {requests: {storage: 1Gi}}
`;
    const inputs = [
      { filePath: '/k8s/claim.yaml', text: claim('data') },
      { filePath: '/k8s/volume.yaml', text: DELETE_PV },
      { filePath: '/k8s/web.yaml', text: DEPLOYMENT },
      { filePath: '/k8s/other.yaml', text: claim('other') },
    ];
    const { results } = fixFiles(inputs, settings);
    expect(results.map((result) => result.output !== undefined)).toEqual([false, true, false, false]);
    const fixedTexts = inputs.map((input, i) => ({ filePath: input.filePath, text: results[i]!.output ?? input.text }));
    const linted = lintFiles(fixedTexts, { ...settings, computeFixes: true }).results;
    const withoutOutput = results.map(({ output: _, source: __, ...rest }) => rest);
    expect(JSON.parse(JSON.stringify(withoutOutput))).toEqual(JSON.parse(JSON.stringify(linted.map(({ source: _, ...rest }) => rest))));
    expect(results[0]!.messages.map((message) => message.ruleId)).toEqual(['pvc-binding']);
  });

  it('parses a fixed text once: the parse that checked it is the one the next pass lints', () => {
    const parse = PARSERS.fast;
    const parsed: string[] = [];
    PARSERS.fast = (text) => (parsed.push(text), parse(text));
    try {
      const [result] = fixFiles([{ filePath: 'pv.yaml', text: DELETE_PV }], settings).results;
      expect(result!.output).toContain('persistentVolumeReclaimPolicy: Retain');
      expect(parsed.filter((text) => text === result!.output)).toHaveLength(1);
    } finally {
      PARSERS.fast = parse;
    }
  });

  it('keeps no checking parse past its budget of text: the next pass parses the fixed text again, with the same result', () => {
    const parse = PARSERS.fast;
    const budget = keptParses.budget;
    const parsed: string[] = [];
    PARSERS.fast = (text) => (parsed.push(text), parse(text));
    try {
      const kept = fixFiles([{ filePath: 'pv.yaml', text: DELETE_PV }], settings).results;
      keptParses.budget = 0;
      parsed.length = 0;
      const [result] = fixFiles([{ filePath: 'pv.yaml', text: DELETE_PV }], settings).results;
      expect(parsed.filter((text) => text === result!.output)).toHaveLength(2);
      expect([result]).toEqual(kept);
    } finally {
      PARSERS.fast = parse;
      keptParses.budget = budget;
    }
  });
});
