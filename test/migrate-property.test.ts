import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { migrate, type SourceObject } from '../src/migrate/index.js';
import { diskOf } from '../src/migrate/disk.js';
import { toYaml } from '../src/migrate/render.js';
import { parseYaml } from '../src/parse/parse-yaml.js';
import { PREBIND_MODES } from '../src/migrate/types.js';
import { runs } from './fuzz/runs.js';

/** The volume sources a cluster export holds, in-tree and CSI, for disk number `i`. */
const SOURCES = {
  azureCsi: (i: number) => ({ csi: { driver: 'disk.csi.azure.com', volumeHandle: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d${i}` } }),
  azureInTree: (i: number) => ({ azureDisk: { kind: 'Managed', diskName: `d${i}`, diskURI: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d${i}` } }),
  ebsCsi: (i: number) => ({ csi: { driver: 'ebs.csi.aws.com', volumeHandle: `vol-0${i}` } }),
  ebsInTree: (i: number) => ({ awsElasticBlockStore: { volumeID: `aws://eu-west-1a/vol-0${i}`, fsType: 'ext4' } }),
  gceCsi: (i: number) => ({ csi: { driver: 'pd.csi.storage.gke.io', volumeHandle: `projects/p/zones/europe-west1-b/disks/pd-${i}` } }),
  gceInTree: (i: number) => ({ gcePersistentDisk: { pdName: `pd-${i}` } }),
};

const claimArbitrary = fc.record({
  source: fc.constantFrom(...(Object.keys(SOURCES) as (keyof typeof SOURCES)[])),
  namespace: fc.constantFrom('shop', 'billing', undefined),
  size: fc.constantFrom('1Gi', '5Gi', '10G', '500Mi'),
  policy: fc.constantFrom('Delete', 'Retain', undefined),
  mode: fc.constantFrom('Filesystem', 'Block', undefined),
  /** How the export ties the pair: both sides (a bound pair), only the claim's volumeName, only the volume's claimRef. */
  tie: fc.constantFrom('both', 'volumeName', 'claimRef'),
  zoneLabel: fc.boolean(),
});

/** A random export: every claim bound to its own volume, items shuffled, StatefulSet replicas among them. */
const exportArbitrary = fc
  .record({
    claims: fc.array(claimArbitrary, { minLength: 1, maxLength: 8 }),
    replicas: fc.integer({ min: 0, max: 3 }),
    order: fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
  })
  .map(({ claims, replicas, order }) => {
    const items: Record<string, unknown>[] = [];
    const expected: { claim: string; diskId: string }[] = [];
    claims.forEach((claim, i) => {
      const isReplica = i < replicas;
      const name = isReplica ? `data-db-${i}` : `claim-${i}`;
      const namespace = isReplica ? 'shop' : claim.namespace;
      const volumeName = `pvc-${i}`;
      const spec = {
        capacity: { storage: claim.size },
        accessModes: ['ReadWriteOnce'],
        ...(claim.policy ? { persistentVolumeReclaimPolicy: claim.policy } : {}),
        ...(claim.mode ? { volumeMode: claim.mode } : {}),
        storageClassName: 'fast',
        ...SOURCES[claim.source](i),
        ...(claim.tie !== 'volumeName' ? { claimRef: { kind: 'PersistentVolumeClaim', namespace: namespace ?? 'default', name, uid: `uid-${i}` } } : {}),
      };
      const labels = claim.zoneLabel ? { 'topology.kubernetes.io/zone': 'z1' } : undefined;
      items.push({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: volumeName, uid: `pv-uid-${i}`, ...(labels ? { labels } : {}) }, spec, status: { phase: 'Bound' } });
      items.push({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name, ...(namespace ? { namespace } : {}), uid: `uid-${i}`, annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
          storageClassName: 'fast',
          ...(claim.mode ? { volumeMode: claim.mode } : {}),
          ...(claim.tie !== 'claimRef' ? { volumeName } : {}),
        },
      });
      expected.push({ claim: `${namespace ?? 'default'}/${name}`, diskId: diskOf(spec)!.id });
    });
    if (replicas > 0) {
      items.push({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db', namespace: 'shop', uid: 'sts' },
        spec: {
          replicas: Math.min(replicas, claims.length),
          selector: { matchLabels: { app: 'db' } },
          template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres' }] } },
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'fast' } }],
        },
      });
    }
    const shuffled = items.map((item, index) => ({ item, key: order[index % order.length]! * 100 + index })).sort((a, b) => a.key - b.key).map(({ item }) => item);
    const sources: SourceObject[] = shuffled.map((value, index) => ({ value: value as SourceObject['value'], filePath: 'export.yaml', origin: `export.yaml#1/items/${index}` }));
    return { sources, expected };
  });

describe('migrate, property: every data-holding claim keeps its own disk', () => {
  it('maps each source claim to exactly one output volume on the same disk, and the bindings self-check passes', () => {
    fc.assert(
      fc.property(
        exportArbitrary,
        fc.constantFrom(...PREBIND_MODES),
        fc.constantFrom<[number, number]>([1, 25], [1, 28], [1, 34]),
        fc.boolean(),
        ({ sources, expected }, prebind, kubernetesVersion, csi) => {
          const { files, plan } = migrate(sources, {
            kubernetesVersion, prebind, csi, namespaceMap: new Map(), storageClassMap: new Map(), labelKey: 'kubecarry.io/volume', keepNodePorts: false, applySuggestions: false,
          });
          const volumes = files.filter((file) => file.path.startsWith('01-persistentvolumes/')).map((file) => parse(file.text, { version: '1.1' }));
          for (const { claim, diskId } of expected) {
            const rows = plan.bindings.filter((binding) => binding.claim === claim);
            expect(rows, claim).toHaveLength(1);
            const written = volumes.filter((volume) => volume.metadata.name === rows[0]!.volume);
            expect(written, claim).toHaveLength(1);
            expect(diskOf(written[0].spec)?.id, claim).toBe(diskId);
            expect(written[0].spec.persistentVolumeReclaimPolicy).toBe('Retain');
          }
          expect(new Set(volumes.map((volume) => diskOf(volume.spec)?.id)).size).toBe(volumes.length);
          expect(plan.selfCheck.problems.filter((problem) => problem.file === 'bindings')).toEqual([]);
        },
      ),
      runs(50),
    );
  });
});

describe('migrate, property: any shape of input', () => {
  const KINDS = ['PersistentVolume', 'PersistentVolumeClaim', 'StatefulSet', 'Deployment', 'Service', 'Pod', 'Endpoints', 'StorageClass', 'Namespace'];
  const shaped = fc.record({
    kind: fc.constantFrom(...KINDS),
    metadata: fc.oneof(fc.jsonValue(), fc.record({ name: fc.oneof(fc.string(), fc.jsonValue()), namespace: fc.jsonValue(), annotations: fc.jsonValue(), labels: fc.jsonValue(), ownerReferences: fc.jsonValue() }, { requiredKeys: [] })),
    spec: fc.oneof(
      fc.jsonValue(),
      fc.record({
        claimRef: fc.jsonValue(), volumeName: fc.jsonValue(), selector: fc.jsonValue(), capacity: fc.jsonValue(), resources: fc.jsonValue(), accessModes: fc.jsonValue(),
        csi: fc.jsonValue(), azureDisk: fc.jsonValue(), gcePersistentDisk: fc.jsonValue(), ports: fc.jsonValue(), volumeClaimTemplates: fc.jsonValue(), replicas: fc.jsonValue(),
        nodeAffinity: fc.jsonValue(), storageClassName: fc.jsonValue(),
      }, { requiredKeys: [] }),
    ),
  });
  it('never throws, and writes parseable YAML', () => {
    fc.assert(
      fc.property(fc.array(shaped, { maxLength: 6 }), fc.constantFrom(...PREBIND_MODES), (objects, prebind) => {
        const sources: SourceObject[] = objects.map((object, index) => ({ value: { apiVersion: 'v1', ...object } as SourceObject['value'], filePath: 'x.yaml', origin: `x.yaml#${index + 1}` }));
        const { files } = migrate(sources, {
          kubernetesVersion: [1, 34], prebind, csi: true, namespaceMap: new Map([['a', 'b']]), storageClassMap: new Map(), labelKey: 'kubecarry.io/volume', keepNodePorts: false, applySuggestions: true,
        });
        for (const file of files.filter((candidate) => candidate.path.endsWith('.yaml'))) expect(() => parse(file.text, { version: '1.1' }), file.path).not.toThrow();
      }),
      runs(60),
    );
  });
});

describe('toYaml', () => {
  it('quotes what YAML 1.1 would read as another type, and writes JSON where a key would read as a merge', () => {
    expect(toYaml({ data: { FEATURE: 'on', MODE: '0755', COUNT: 3 } })).toBe('data:\n  FEATURE: "on"\n  MODE: "0755"\n  COUNT: 3\n');
    expect(toYaml({ data: { '<<': 'x' } })).toBe('{\n  "data": {\n    "<<": "x"\n  }\n}\n');
  });

  it('writes text that the full parser reads back as the same object', () => {
    // Strings YAML 1.1 reads as other types, keys that read as merges, odd characters: where the fast read-back and the
    // full parser could part ways. Mappings have Object's prototype, as parsed manifests do.
    const tricky = fc.constantFrom('on', 'yes', 'No', '0755', '1e3', '0x1F', '1:20', '.inf', '~', 'null', '<<', '=', '- a', '#x', 'a: b', ' lead', 'trail ', '"q"', "'", '\t', '2001-12-14');
    const text = fc.oneof(tricky, fc.string(), fc.string({ unit: 'binary', maxLength: 8 }));
    const leaf = fc.oneof(text, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(text, tie('tree'), { maxKeys: 3, noNullPrototype: true })),
    }));
    fc.assert(
      fc.property(fc.dictionary(text, tree, { maxKeys: 4, noNullPrototype: true }), (value) => {
        const read = parseYaml(toYaml(value));
        expect(read.errors).toEqual([]);
        expect(read.documents.map((document) => document.value)).toEqual([value]);
      }),
      runs(300),
    );
  });
});
