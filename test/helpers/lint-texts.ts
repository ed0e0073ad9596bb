import { join } from 'node:path';
import { resolveRules } from '../../src/config/load.js';
import { lintFiles } from '../../src/engine/linter.js';
import type { LintResult } from '../../src/engine/types.js';
import type { FormatterContext } from '../../src/formatters/load-formatter.js';
import { ruleDocsUrl } from '../../src/rules/docs-url.js';
import { rules } from '../../src/rules/index.js';

/** The formatter context the CLI builds, for a given cwd. */
export function formatterContext(cwd: string): FormatterContext {
  return {
    cwd,
    color: false,
    rulesMeta: Object.fromEntries(rules.map((rule) => [rule.id, { ...rule.meta, docs: { ...rule.meta.docs, url: ruleDocsUrl(rule.id) } }])),
  };
}

/** Lints in-memory files (`{ 'k8s/pv.yaml': text }`, placed under `cwd`) with the recommended preset, as the CLI would. */
export function lintTexts(files: Record<string, string>, cwd: string, reportUnusedDisableDirectives: 0 | 1 | 2 = 0): LintResult[] {
  const inputs = Object.entries(files).map(([path, text]) => ({ filePath: path.startsWith('<') ? path : join(cwd, path), text }));
  const settings = { rules: resolveRules(rules, 'recommended'), kubernetesVersion: [1, 34] as const, reportUnusedDisableDirectives, computeFixes: true };
  return lintFiles(inputs, settings).results;
}

export const DELETE_PV = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: data
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Delete
  hostPath: {path: /data}
`;

export const BROKEN_YAML = `apiVersion: v1
kind: ConfigMap
metadata: {name: x
`;
