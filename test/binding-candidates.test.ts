import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptsVolume, candidateVolumes } from '../src/binding/match.js';
import { readObjects } from '../src/binding/objects.js';
import { loadSourceFile } from '../src/engine/lint-file.js';
import { runs } from './fuzz/runs.js';

/** Mostly `undefined`: pins and claimRefs are the exception, or few claims would compete for volumes. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary, weight: 1 });

const volumeArbitrary = fc.record({
  className: fc.constantFrom('', '', 'slow', 'local'),
  size: fc.constantFrom('1Gi', '5Gi', '5Gi', '10Gi'),
  modes: fc.constantFrom(['ReadWriteOnce'], ['ReadWriteOnce'], ['ReadWriteOnce', 'ReadOnlyMany'], ['ReadWriteMany'], []),
  volumeMode: sometimes(fc.constantFrom('Block', 'Filesystem')),
  claimRef: sometimes(fc.record({ name: fc.constantFrom('c0', 'c1', 'data-db-0'), namespace: fc.constantFrom('default', 'other'), uid: fc.constantFrom('', '', 'u1') })),
  phase: sometimes(fc.constantFrom('Available', 'Released', 'Failed')),
  tier: fc.constantFrom('a', 'b'),
});

const claimArbitrary = fc.record({
  className: fc.constantFrom(undefined, '', '', 'slow', 'local'),
  size: fc.constantFrom('1Gi', '5Gi', '10Gi', '0'),
  modes: fc.constantFrom(['ReadWriteOnce'], ['ReadWriteOnce'], ['ReadOnlyMany'], ['ReadWriteMany']),
  volumeMode: sometimes(fc.constantFrom('Block', 'Filesystem')),
  volumeName: sometimes(fc.integer({ min: 0, max: 6 })),
  bindCompleted: fc.boolean(),
  tier: sometimes(fc.constantFrom('a', 'b')),
});

/** A StorageClass `fast` (the default, provisioning) and `local` (no provisioner, WaitForFirstConsumer). */
const CLASSES = [
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'ebs.csi.aws.com' },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' },
];

type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

function manifestsText(volumes: Generated<typeof volumeArbitrary>[], claims: Generated<typeof claimArbitrary>[]): string {
  const objects: unknown[] = [...CLASSES];
  volumes.forEach((volume, i) => {
    objects.push({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: `pv${i}`, labels: { tier: volume.tier } },
      spec: {
        capacity: { storage: volume.size },
        accessModes: volume.modes,
        storageClassName: volume.className,
        nfs: { server: 'nfs', path: `/${i}` },
        ...(volume.volumeMode ? { volumeMode: volume.volumeMode } : {}),
        ...(volume.claimRef ? { claimRef: volume.claimRef } : {}),
      },
      ...(volume.phase ? { status: { phase: volume.phase } } : {}),
    });
  });
  claims.forEach((claim, i) => {
    objects.push({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: `c${i}`, ...(claim.bindCompleted ? { annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } } : {}) },
      spec: {
        accessModes: claim.modes,
        resources: { requests: { storage: claim.size } },
        ...(claim.className === undefined ? {} : { storageClassName: claim.className }),
        ...(claim.volumeMode ? { volumeMode: claim.volumeMode } : {}),
        ...(claim.volumeName === undefined ? {} : { volumeName: `pv${claim.volumeName}` }),
        ...(claim.tier ? { selector: { matchLabels: { tier: claim.tier } } } : {}),
      },
    });
  });
  return objects.map((object) => JSON.stringify(object)).join('\n---\n');
}

describe('acceptsVolume', () => {
  it('accepts exactly the volumes candidateVolumes lists', () => {
    fc.assert(
      fc.property(fc.array(volumeArbitrary, { maxLength: 7 }), fc.array(claimArbitrary, { maxLength: 5 }), (volumes, claims) => {
        const objects = readObjects(loadSourceFile('/virtual/set.yaml', manifestsText(volumes, claims)).manifests);
        const context = { objects, state: new Map() };
        for (const claim of objects.claims) {
          const candidates = candidateVolumes(claim, context);
          for (const volume of objects.volumes) expect(acceptsVolume(claim, volume, context), `${claim.key} and ${volume.name}`).toBe(candidates.includes(volume));
        }
      }),
      runs(300),
    );
  });
});
