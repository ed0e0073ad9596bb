import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../src/config/load.js';
import { fixFiles } from '../../src/engine/fix-files.js';
import { lintFiles } from '../../src/engine/linter.js';
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
});
