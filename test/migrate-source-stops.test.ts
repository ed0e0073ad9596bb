import { describe, expect, it } from 'vitest';
import { collectClaims } from '../src/migrate/claims.js';
import { pairClaims } from '../src/migrate/pairing.js';
import { sourceStops } from '../src/migrate/source-stops.js';
import type { PlainObject } from '../src/model/values.js';

const volume = (name: string, claim: string): PlainObject => ({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name },
  spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], claimRef: { namespace: 'shop', name: claim }, csi: { driver: 'disk.csi.azure.com', volumeHandle: name } },
});
const claim = (name: string): PlainObject => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'shop' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeName: `pv-${name}` },
});
const mounting = (kind: string, name: string, claimName: string, podSpecAt: (podSpec: PlainObject) => PlainObject): PlainObject => ({
  apiVersion: 'apps/v1', kind, metadata: { name, namespace: 'shop' },
  spec: podSpecAt({ containers: [{ name: 'app', image: 'app' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] }),
});
const template = (podSpec: PlainObject) => ({ template: { spec: podSpec } });

function stopsFor(objects: PlainObject[]) {
  return sourceStops(objects, pairClaims(collectClaims(objects), objects).filter((pairing) => pairing.volume));
}

describe('the source workloads to stop before the disks move', () => {
  it('scales the workloads that mount a moved claim, suspends a CronJob, and leaves the others alone', () => {
    const objects = [
      volume('pv-orders', 'orders'), claim('orders'),
      volume('pv-reports', 'reports'), claim('reports'),
      mounting('Deployment', 'api', 'orders', template),
      mounting('Deployment', 'web', 'no-such-claim', template),
      mounting('CronJob', 'nightly', 'reports', (podSpec) => ({ jobTemplate: { spec: template(podSpec) } })),
      mounting('DaemonSet', 'agent', 'orders', template),
    ];
    expect(stopsFor(objects)).toEqual([
      { workload: 'Deployment shop/api', command: 'kubectl scale deployment/api -n shop --replicas=0' },
      { workload: 'CronJob shop/nightly', command: 'kubectl patch cronjob/nightly -n shop -p \'{"spec":{"suspend":true}}\'' },
      { workload: 'DaemonSet shop/agent', command: '' },
    ]);
  });

  it('scales a StatefulSet whose replica claims hold the moved disks', () => {
    const set: PlainObject = {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' },
      spec: { replicas: 1, template: { spec: { containers: [{ name: 'db', image: 'db' }] } }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] },
    };
    expect(stopsFor([set, volume('pv-data-db-0', 'data-db-0')])).toEqual([
      { workload: 'StatefulSet shop/db', command: 'kubectl scale statefulset/db -n shop --replicas=0' },
    ]);
  });
});
