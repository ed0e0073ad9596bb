import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allBoundDeterministically, predictBindings } from '../src/binding/index.js';
import { toJson } from '../src/cli/bindings.js';
import { loadSourceFile } from '../src/engine/lint-file.js';
import type { Manifest } from '../src/engine/types.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'bindings');

function manifestsIn(directory: string): Manifest[] {
  return readdirSync(directory)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .flatMap((name) => {
      const file = join(directory, name);
      const loaded = loadSourceFile(file, readFileSync(file, 'utf8'));
      expect(loaded.errors).toEqual([]);
      return loaded.manifests;
    });
}

/**
 * One directory per branch of the model: manifests plus `expected.json`, the table `kubecarry bindings --format json`
 * prints. `UPDATE=1` rewrites expected.json (review the diff: it is the specification).
 */
describe('binding fixtures', () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    it(name, () => {
      const directory = join(FIXTURES, name);
      const actual = predictBindings(manifestsIn(directory)).map(toJson);
      const expectedFile = join(directory, 'expected.json');
      if (process.env['UPDATE'] || !existsSync(expectedFile)) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
    });
  }
});

describe('predictBindings', () => {
  it('the bundled example: the claims bind, the StatefulSet does not', () => {
    const entries = predictBindings(manifestsIn(join(import.meta.dirname, '..', 'examples', 'myservice')));
    expect(entries.map((entry) => [entry.claim, entry.ordinal ?? null, entry.volume, entry.outcome])).toEqual([
      ['default/myservice-pvc', null, 'myservice-pv', 'bound'],
      ['default/myservice-cache', null, 'pvc-3f6c2b1e-7d0a-4d8e-9a55-1c2f0e9b7a10', 'bound'],
      ['default/www-web-0', 0, null, 'pending'],
      ['default/www-web-1', 1, null, 'not-created'],
    ]);
    // Its exported volume keeps the uid of the source cluster's claim; the default class refuses a claim with a selector.
    expect(entries[2]!.reason).toContain('"pvc-5d1e8a2c-0b4f-4c7e-9f21-6a3b8c0d4e11": has claimRef.uid 5d1e8a2c-0b4f-4c7e-9f21-6a3b8c0d4e11 of a claim that does not exist in the target');
    expect(entries[2]!.reason).toContain('provisioners refuse claims with a selector: stays Pending');
    expect(allBoundDeterministically(entries)).toBe(false);
  });

  it('never throws on odd shapes, and reports them as rejected', () => {
    const manifests = manifestsFromText(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: odd}
spec: {accessModes: ReadWriteOnce, resources: {requests: {storage: [1]}}, selector: x, volumeMode: Raw}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: odd-pv}
spec: "x"
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec: {replicas: "2", volumeClaimTemplates: [null, {metadata: {}}, {metadata: {name: t}, spec: null}]}
`);
    const entries = predictBindings(manifests);
    expect(entries.map((entry) => [entry.claim, entry.outcome])).toEqual([
      ['default/odd', 'rejected'],
      ['default/t-s-0', 'rejected'],
    ]);
    expect(entries[0]!.reason).toBe(
      'the API server refuses this claim: spec.resources.requests.storage: expected a quantity such as "5Gi", got object; spec.accessModes must be a list; spec.selector: the selector must be a mapping with matchLabels and/or matchExpressions; spec.volumeMode "Raw" must be Filesystem or Block',
    );
  });

  it('entries point back at their manifests', () => {
    const [entry] = predictBindings(manifestsIn(join(FIXTURES, 'statefulset-article')));
    expect(entry!.claimManifest.value.kind).toBe('StatefulSet');
    expect(entry!.claimPath).toEqual(['spec', 'volumeClaimTemplates', 0]);
    expect(entry!.volumeManifest?.value.metadata?.name).toBe('myservice-pv');
  });
});

function manifestsFromText(text: string): Manifest[] {
  return loadSourceFile('/virtual/input.yaml', text).manifests;
}
