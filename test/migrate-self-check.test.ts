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
const binding = (claim: string, volume: string, diskId = `disk.csi.azure.com:${volume}`) => ({ claim, volume, disk: { id: diskId, label: diskId.split(':').pop(), field: 'csi' } }) as unknown as Binding;
const table = [binding('app/data', 'disk-a')];
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

describe('migrate self-check: one disk under two volumes', () => {
  const other = { ...claim(), metadata: { name: 'data', namespace: 'web' } };
  const objects = (accessModes: string[]) => [
    volume('disk-a', { accessModes, claimRef: { namespace: 'app', name: 'data' } }),
    volume('disk-b', { accessModes, claimRef: { namespace: 'web', name: 'data' } }),
    { ...claim({ volumeName: 'disk-a', accessModes }) },
    { ...other, spec: { ...other.spec, volumeName: 'disk-b', accessModes } },
  ];
  const shared = [binding('app/data', 'disk-a', 'disk.csi.azure.com:same'), binding('web/data', 'disk-b', 'disk.csi.azure.com:same')];
  const diskProblems = (accessModes: string[]) => checkBindings(objects(accessModes), shared).map((problem) => problem.message).filter((message) => message.includes('also under'));

  it('is an error on each binding when the disk is not shared (ReadWriteOnce): two writers corrupt it', () => {
    expect(diskProblems(['ReadWriteOnce'])).toEqual([
      'app/data → disk-a: its disk same is also under disk-b: two pods writing one disk corrupt it; keep one claim on it',
      'web/data → disk-b: its disk same is also under disk-a: two pods writing one disk corrupt it; keep one claim on it',
    ]);
  });

  it('is fine for a shared file system (ReadWriteMany), and for volumes on different disks', () => {
    expect(diskProblems(['ReadWriteMany'])).toEqual([]);
    expect(checkBindings(objects(['ReadWriteOnce']), [binding('app/data', 'disk-a'), binding('web/data', 'disk-b')]).filter((problem) => problem.message.includes('also under'))).toEqual([]);
  });
});
