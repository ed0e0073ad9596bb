import { describe, expect, it } from 'vitest';
import { checkBindings } from '../src/migrate/self-check.js';
import type { Binding } from '../src/migrate/storage.js';

const volume = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name },
  spec: { storageClassName: '', persistentVolumeReclaimPolicy: 'Retain', accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' }, csi: { driver: 'disk.csi.azure.com', volumeHandle: name }, ...extra },
});
const claim = (spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'app' },
  spec: { storageClassName: '', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, ...spec },
});
const table = [{ claim: 'app/data', volume: 'disk-a' }] as unknown as Binding[];
const modelProblems = (objects: Record<string, unknown>[]) => checkBindings(objects, table).map((problem) => problem.message).filter((message) => message.includes('binding model'));

describe('migrate self-check: the binding model on the output', () => {
  it('accepts a claim pinned to its volume on both sides', () => {
    const objects = [volume('disk-a', { claimRef: { namespace: 'app', name: 'data' } }), volume('disk-b'), claim({ volumeName: 'disk-a' })];
    expect(checkBindings(objects, table)).toEqual([]);
  });

  it('reports a claim whose volume chance decides between equal volumes', () => {
    expect(modelProblems([volume('disk-a'), volume('disk-b'), claim()])).toEqual([
      expect.stringMatching(/^app\/data → disk-a: the binding model predicts bound "disk-[ab]" \(decided by chance\): /),
    ]);
  });

  it('reports a claim the model binds to another volume', () => {
    expect(modelProblems([volume('disk-a'), volume('disk-b', { claimRef: { namespace: 'app', name: 'data' } }), claim()])).toEqual([
      expect.stringMatching(/^app\/data → disk-a: the binding model predicts bound "disk-b": /),
    ]);
  });
});
