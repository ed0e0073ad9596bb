import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atLeast } from '../../src/config/kubernetes-version.js';
import { lintFiles } from '../../src/engine/linter.js';
import type { KubeObject } from '../../src/engine/types.js';
import { API_LIFECYCLES, lifecycleOf, replacementFor } from '../../src/model/api-versions.js';
import { bundledVersions, loadDocument } from '../../src/schema/catalog.js';
import { rulesById } from '../../src/rules/index.js';

const object = (apiVersion: string, kind: string): KubeObject => ({ apiVersion, kind });

/**
 * Kinds the kubernetes-types schemas (up to 1.30) have and the client-node ones (1.32 on) leave out, though the API
 * still serves them: subresource bodies (Eviction, Scale, TokenRequest), read-only ComponentStatus, discovery documents.
 */
const ONLY_IN_KUBERNETES_TYPES = new Set([
  'authentication.k8s.io/v1 TokenRequest',
  'autoscaling/v1 Scale',
  'policy/v1 Eviction',
  'v1 ComponentStatus',
  'v1 APIGroup',
  'v1 APIVersions',
]);

describe('the API lifecycle table', () => {
  it('is consistent: deprecated before removed (alphas without notice), replacements served before the removal, one row per apiVersion and kind', () => {
    const keys = new Set<string>();
    for (const entry of API_LIFECYCLES) {
      if (entry.apiVersion.includes('alpha')) expect(entry.deprecatedIn, `${entry.apiVersion} ${entry.kind}`).toBe(entry.removedIn);
      else expect(entry.deprecatedIn, `${entry.apiVersion} ${entry.kind}`).toBeLessThan(entry.removedIn);
      if (entry.replacement) expect(entry.replacement.since).toBeLessThanOrEqual(entry.removedIn);
      const key = `${entry.apiVersion} ${entry.kind}`;
      expect(keys.has(key), key).toBe(false);
      keys.add(key);
    }
  });

  it('agrees with the bundled schemas: no kind a release serves is removed there, and a kind one drops has its row', () => {
    const versions = bundledVersions();
    const served = versions.map((version) => {
      const { kinds } = loadDocument(version);
      return new Set(Object.entries(kinds).flatMap(([apiVersion, byKind]) => Object.keys(byKind).filter((kind) => !kind.endsWith('List')).map((kind) => `${apiVersion} ${kind}`)));
    });
    versions.forEach((version, index) => {
      for (const key of served[index]!) {
        const entry = lifecycleOf(...(key.split(' ') as [string, string]));
        if (entry) expect(atLeast(version, 1, entry.removedIn), `${key} at ${version.join('.')}`).toBe(false);
      }
      if (index === 0) return;
      const dropped = [...served[index - 1]!].filter((key) => !served[index]!.has(key) && !ONLY_IN_KUBERNETES_TYPES.has(key));
      for (const key of dropped) {
        const entry = lifecycleOf(...(key.split(' ') as [string, string]));
        expect(entry, `${key}: dropped in ${version.join('.')}`).toBeDefined();
        expect(entry!.removedIn).toBeGreaterThan(versions[index - 1]![1]);
        expect(entry!.removedIn).toBeLessThanOrEqual(version[1]);
      }
    });
  });

  it('at any version from the removal on, the replacement offered is served there', () => {
    const entries = fc.constantFrom(...API_LIFECYCLES);
    fc.assert(
      fc.property(entries, fc.integer({ min: 0, max: 20 }), (entry, after) => {
        const version = [1, entry.removedIn + after] as const;
        const replacement = replacementFor(entry, object(entry.apiVersion, entry.kind), version);
        if (!replacement) return;
        const next = lifecycleOf(replacement.apiVersion, entry.kind);
        if (next) expect(atLeast(version, 1, next.removedIn)).toBe(false);
      }),
    );
  });

  it('follows a chain of replacements to the one the target serves, collecting what changes on the way', () => {
    const v1beta1 = lifecycleOf('flowcontrol.apiserver.k8s.io/v1beta1', 'PriorityLevelConfiguration')!;
    expect(replacementFor(v1beta1, object(v1beta1.apiVersion, v1beta1.kind), [1, 25])).toEqual({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2' });
    // In 1.26 v1beta2 is deprecated in turn and v1beta3 is served: straight there.
    expect(replacementFor(v1beta1, object(v1beta1.apiVersion, v1beta1.kind), [1, 26])?.apiVersion).toBe('flowcontrol.apiserver.k8s.io/v1beta3');
    const latest = replacementFor(v1beta1, object(v1beta1.apiVersion, v1beta1.kind), [1, 33]);
    expect(latest?.apiVersion).toBe('flowcontrol.apiserver.k8s.io/v1');
    expect(latest?.changes).toContain('assuredConcurrencyShares is renamed nominalConcurrencyShares');
    const psp = lifecycleOf('extensions/v1beta1', 'PodSecurityPolicy')!;
    expect(replacementFor(psp, object(psp.apiVersion, psp.kind), [1, 20])).toEqual({ apiVersion: 'policy/v1beta1' });
    expect(replacementFor(psp, object(psp.apiVersion, psp.kind), [1, 25])).toBeUndefined();
  });
});

describe('messages', () => {
  function messages(ruleId: string, text: string, version: [number, number]) {
    const rule = rulesById.get(ruleId)!;
    const { results } = lintFiles([{ filePath: 'x.yaml', text }], {
      rules: [{ rule, severity: 2, options: {} }],
      kubernetesVersion: version,
      reportUnusedDisableDirectives: 0,
    });
    return results[0]!.messages.map((message) => message.message);
  }

  it('name the release that removed the version and its replacement', () => {
    const text = 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec: {selector: {}}\n';
    expect(messages('removed-api', text, [1, 33])).toEqual([
      'policy/v1beta1 PodDisruptionBudget is not served since Kubernetes 1.25, so the target cluster rejects it; use policy/v1, where its empty spec.selector {} selects no pod in policy/v1beta1 but every pod of the namespace in policy/v1.',
    ]);
    expect(messages('deprecated-api', text, [1, 21])).toEqual([
      'policy/v1beta1 PodDisruptionBudget is deprecated since Kubernetes 1.21 and removed in 1.25; use policy/v1, where its empty spec.selector {} selects no pod in policy/v1beta1 but every pod of the namespace in policy/v1.',
    ]);
  });
});
