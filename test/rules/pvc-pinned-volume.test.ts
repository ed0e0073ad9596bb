// Suggestions and message texts are not part of the fixture format: here the `several` case of pvc-pinned-volume.
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../src/engine/linter.js';
import { rulesById } from '../../src/rules/index.js';

const rule = rulesById.get('pvc-pinned-volume')!;
const settings = { rules: [{ rule, severity: 2 as const, options: rule.meta.defaultOptions }], kubernetesVersion: [1, 34] as const, reportUnusedDisableDirectives: 0 as const };

/** A claim of class "" and `count` free volumes of class "" that fit it, disk-1 the smallest. */
function claimAndVolumes(count: number): string {
  const volumes = Array.from({ length: count }, (_, i) => `apiVersion: v1
kind: PersistentVolume
metadata: {name: disk-${i + 1}}
spec:
  capacity: {storage: ${10 + i}Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: ""
  nfs: {server: nfs, path: /disk-${i + 1}}
`);
  const claim = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  storageClassName: ""
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 10Gi}}
`;
  return [...volumes, claim].join('---\n');
}

function pinnedVolumeMessage(text: string) {
  const { results, internalErrors } = lintFiles([{ filePath: 'claims.yaml', text }], { ...settings, computeFixes: true });
  expect(internalErrors).toEqual([]);
  const messages = results[0]!.messages.filter((message) => message.ruleId === 'pvc-pinned-volume');
  expect(messages).toHaveLength(1);
  return messages[0]!;
}

describe('pvc-pinned-volume with several volumes that fit', () => {
  it('names each volume and offers to pin each, in the order the controller prefers them', () => {
    const message = pinnedVolumeMessage(claimAndVolumes(3));
    expect(message.message).toBe(
      'PersistentVolumeClaim "data" names no existing volume: the new cluster may give it an empty disk; pin it to the volume holding its data ("disk-1", "disk-2", "disk-3" could serve it).',
    );
    expect(message.suggestions?.map((suggestion) => suggestion.desc)).toEqual(['disk-1', 'disk-2', 'disk-3'].map((name) => `Pin it to volume "${name}" with spec.volumeName.`));
  });

  it('names five and counts the rest of many, and offers to pin the first five', () => {
    const message = pinnedVolumeMessage(claimAndVolumes(40));
    expect(message.message).toBe(
      'PersistentVolumeClaim "data" names no existing volume: the new cluster may give it an empty disk; pin it to the volume holding its data ("disk-1", "disk-2", "disk-3", "disk-4", "disk-5" and 35 other volumes could serve it).',
    );
    expect(message.suggestions?.map((suggestion) => suggestion.desc)).toEqual([1, 2, 3, 4, 5].map((i) => `Pin it to volume "disk-${i}" with spec.volumeName.`));
    expect(message.suggestions?.every((suggestion) => suggestion.fix.text.includes('volumeName: disk-'))).toBe(true);
  });
});
