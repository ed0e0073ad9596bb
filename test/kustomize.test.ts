import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from './helpers/run-cli.js';
import type { LintResult } from '../src/engine/types.js';

// test/inputs/kustomize: a base (a volume that deletes its disk, a StatefulSet) and a prod overlay with three patches.
const KUSTOMIZE = join(import.meta.dirname, 'inputs', 'kustomize');

function findings(stdout: string): Record<string, string[]> {
  return Object.fromEntries(
    (JSON.parse(stdout) as LintResult[]).map((result) => [
      result.filePath.startsWith(KUSTOMIZE) ? result.filePath.slice(KUSTOMIZE.length + 1) : result.filePath,
      result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`),
    ]),
  );
}

describe('a kustomization directory as an argument', () => {
  it('is linted as its files, without the patches (partial manifests) its kustomization.yaml names', () => {
    const run = runCli(['lint', '.', '-f', 'json'], { cwd: KUSTOMIZE });
    expect(findings(run.stdout)).toEqual({
      'base/kustomization.yaml': [],
      'base/pv.yaml': ['10:34 pv-reclaim-policy'],
      'base/statefulset.yaml': [],
      'overlays/prod/kustomization.yaml': [],
    });
    expect(run.status).toBe(1);
  });

  it('leaves a patch out when it is named, as pre-commit names every staged file', () => {
    const run = runCli(['lint', 'overlays/prod/sts-patch.yaml', 'base/statefulset.yaml', '-f', 'json'], { cwd: KUSTOMIZE });
    expect(findings(run.stdout)).toEqual({ 'base/statefulset.yaml': [] });
    expect(run.status).toBe(0);
  });

  it('finds patches named by a kustomization in a parent directory, kustomization.yml and Kustomization too', () => {
    const partial = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:2\n';
    const cwd = makeTree({
      'a/kustomization.yml': 'patches:\n  - path: patches/web.yaml\n',
      'a/patches/web.yaml': partial,
      'b/Kustomization': 'patchesStrategicMerge:\n  - web.yaml\n  - |-\n    apiVersion: v1\n    kind: Service\n',
      'b/web.yaml': partial,
      'c/kustomization.yaml': 'resources: [web.yaml]\n',
      'c/web.yaml': partial,
    });
    const run = runCli(['lint', '.', '-f', 'json'], { cwd });
    // Only c/web.yaml is a resource: linted whole, its container lacks a preStop hook.
    expect(Object.keys(findings(run.stdout)).map((path) => path.slice(cwd.length + 1))).toEqual(['a/kustomization.yml', 'c/kustomization.yaml', 'c/web.yaml']);
  });

  it('a broken kustomization names no patches and does not stop the run', () => {
    const cwd = makeTree({ 'kustomization.yaml': 'patches: [\n', 'pv.yaml': 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: a\nspec:\n  persistentVolumeReclaimPolicy: Delete\n  hostPath: {path: /data}\n' });
    const run = runCli(['lint', 'pv.yaml', '-f', 'json'], { cwd });
    expect(Object.values(findings(run.stdout))).toEqual([['6:34 pv-reclaim-policy']]);
  });
});

// Registered only where kubectl is installed (it bundles kustomize); decided when the tests are collected.
const kubectl = spawnSync('which', ['kubectl'], { encoding: 'utf8' }).status === 0;
if (kubectl) {
  describe('kubectl kustomize | kubecarry lint --stdin', () => {
    it('lints the rendered overlay: the patched volume keeps its Delete policy', () => {
      const rendered = execFileSync('kubectl', ['kustomize', join(KUSTOMIZE, 'overlays', 'prod')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      expect(rendered).toContain('storage: 100Gi');
      const run = runCli(['lint', '--stdin', '--stdin-filename', 'prod.yaml', '-f', 'json'], { cwd: KUSTOMIZE, input: rendered });
      const line = rendered.split('\n').findIndex((text) => text.includes('persistentVolumeReclaimPolicy: Delete')) + 1;
      expect(findings(run.stdout)).toEqual({ 'prod.yaml': [`${line}:34 pv-reclaim-policy`] });
      expect(run.status).toBe(1);
    });
  });
}
