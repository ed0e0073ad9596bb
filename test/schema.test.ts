import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../src/engine/linter.js';
import { rulesById } from '../src/rules/index.js';
import { chooseVersion, loadDocument, type JsonSchema } from '../src/schema/catalog.js';
import { fromStructural, kubeconformFileNames, schemasFromCrd } from '../src/schema/custom.js';
import { editDistance, schemaAt, showPath } from '../src/schema/findings.js';
import { schemaRegistry } from '../src/schema/registry.js';
import { standaloneName, withoutNulls } from '../src/schema/validator.js';
import type { KubeObject, Path } from '../src/engine/types.js';

const V130 = [1, 30] as const;
const registry = schemaRegistry(V130, []);

function lintSchema(text: string, version: readonly [number, number] = V130): string[] {
  const settings = { rules: [{ rule: rulesById.get('schema')!, severity: 2 as const, options: {} }], kubernetesVersion: version, reportUnusedDisableDirectives: 0 as const };
  const { results, internalErrors } = lintFiles([{ filePath: 'test.yaml', text }], settings);
  expect(internalErrors).toEqual([]);
  return results[0]!.messages.map((m) => `${m.line}:${m.column} ${m.message}`);
}

const POD = (containerExtra: string, specExtra = '') => `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: web
      image: nginx
${containerExtra}${specExtra}`;

describe('messages', () => {
  it('says where a misplaced field belongs', () => {
    expect(lintSchema(POD('      terminationGracePeriodSeconds: 30\n'))).toEqual([
      '8:7 spec.containers[0].terminationGracePeriodSeconds: unknown field; it belongs to the pod spec (spec)',
    ]);
  });

  it('suggests the field a typo or a wrong case meant', () => {
    expect(lintSchema(POD('      imagePullpolicy: Always\n      comand: [sh]\n'))).toEqual([
      '8:7 spec.containers[0].imagePullpolicy: unknown field; did you mean "imagePullPolicy"?',
      '9:7 spec.containers[0].comand: unknown field; did you mean "command"?',
    ]);
  });

  it('points a field of a child object to the child', () => {
    expect(lintSchema(POD('', '  imagePullPolicy: Always\n'))).toEqual(['8:3 spec.imagePullPolicy: unknown field; it belongs under "containers"']);
  });

  it('names the expected type and the value found, the allowed values, the missing field', () => {
    expect(lintSchema(POD('      ports: [{containerPort: "80", protocol: tcp}]\n      env: [{value: x}]\n'))).toEqual([
      '8:31 spec.containers[0].ports[0].containerPort: must be a number, not a string ("80")',
      '8:47 spec.containers[0].ports[0].protocol: "tcp" is not allowed; use one of "TCP", "UDP", "SCTP"',
      '9:14 spec.containers[0].env[0].name: required field is missing',
    ]);
  });

  it('asks to quote a number or boolean YAML read where a string belongs, showing it as read', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ids\n  labels: {volume-id: 12e45, debug: true}\n';
    expect(lintSchema(text)).toEqual([
      '5:23 metadata.labels.volume-id: must be a string, not a number (1.2e+46); quote the value',
      '5:37 metadata.labels.debug: must be a string, not a boolean (true); quote the value',
    ]);
  });

  it('takes for strings what go-yaml v2 reads as strings: no digit before the exponent, or too large for a float', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ids\n  labels: {a: e5339438, b: 5e812345, c: .}\n';
    expect(lintSchema(text)).toEqual([]);
  });

  it('notes the schema version used when the target has none bundled: the newest not newer than the target', () => {
    expect(lintSchema(POD('      foo: 1\n'), [1, 31])).toEqual(['8:7 spec.containers[0].foo: unknown field (checked against the Kubernetes 1.30 schema)']);
    expect(lintSchema(POD('      foo: 1\n'), [1, 36])).toEqual(['8:7 spec.containers[0].foo: unknown field (checked against the Kubernetes 1.34 schema)']);
    expect(lintSchema(POD('      foo: 1\n'), [1, 33])).toEqual(['8:7 spec.containers[0].foo: unknown field']);
  });
});

describe('custom resources of a broken CustomResourceDefinition', () => {
  // Found by test/fuzz/wrong-shapes.test.ts: ajv refused to compile the schema and the rule crashed the run.
  it('a CRD schema that is no JSON Schema (minProperties: null) leaves its objects unchecked, without an internal error', () => {
    const text = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          minProperties: null
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
`;
    expect(lintSchema(text)).toEqual([]);
    expect(lintSchema(text.replace('minProperties: null', 'required: [spec]'))).toEqual([expect.stringMatching(/^17:1 .*spec/)]);
  });
});

describe('chooseVersion', () => {
  const available = [[1, 29], [1, 30], [1, 32], [1, 33], [1, 34]] as const;
  it.each([
    [[1, 29], '1.29', true],
    [[1, 31], '1.30', false],
    [[1, 33], '1.33', true],
    [[1, 35], '1.34', false],
    [[1, 20], '1.29', false],
    [[2, 0], '1.34', false],
  ] as const)('%j -> %s', (target, version, exact) => {
    const chosen = chooseVersion(target, available);
    expect(chosen.version.join('.')).toBe(version);
    expect(chosen.exact).toBe(exact);
  });
});

describe('kubeconform file names', () => {
  it('uses the first label of the group, then the full group, lowercase; core kinds have no group', () => {
    expect(kubeconformFileNames('cert-manager.io/v1', 'Certificate')).toEqual(['certificate-cert-manager-v1.json', 'certificate-cert-manager.io-v1.json']);
    expect(kubeconformFileNames('v1', 'ConfigMap')).toEqual(['configmap-v1.json']);
  });
});

describe('CRD schemas', () => {
  it('keeps the API server semantics of the Kubernetes extensions', () => {
    const schema = fromStructural({
      type: 'object',
      properties: {
        port: { 'x-kubernetes-int-or-string': true },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'string' } } },
        closed: { type: 'object', properties: { a: { type: 'string', nullable: true, pattern: '(?i)^a$' } } },
        either: { type: 'object', properties: { a: { type: 'string' } }, anyOf: [{ properties: { a: { minLength: 1 } } }] },
        pod: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
      },
    } as JsonSchema);
    expect(schema).toEqual({
      type: 'object',
      properties: {
        port: { type: ['integer', 'string'] },
        free: { type: 'object', properties: { a: { type: 'string' } } },
        closed: { type: 'object', properties: { a: { type: ['string', 'null'] } }, additionalProperties: false },
        either: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false, anyOf: [{ properties: { a: { minLength: 1 } } }] },
        pod: { type: 'object', properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } } },
      },
      additionalProperties: false,
    });
  });

  it('reads every served version of a CRD, keyed by apiVersion and kind', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      spec: { group: 'x.io', names: { kind: 'Thing' }, versions: [{ name: 'v1', schema: { openAPIV3Schema: { type: 'object' } } }, { name: 'v2' }] },
    } as KubeObject;
    expect([...schemasFromCrd(crd).keys()]).toEqual(['x.io/v1/Thing']);
    expect(schemasFromCrd({ apiVersion: 'x', kind: 'y', spec: 'nonsense' }).size).toBe(0);
  });
});

describe('withoutNulls', () => {
  const json = fc.jsonValue();
  const hasNullEntry = (value: unknown): boolean =>
    Array.isArray(value) ? value.some(hasNullEntry) : value !== null && typeof value === 'object' ? Object.values(value).some((v) => v === null || hasNullEntry(v)) : false;

  it('drops every null map entry, changes nothing else, and never mutates its input', () => {
    fc.assert(
      fc.property(json, (value) => {
        const before = JSON.stringify(value);
        const cleaned = withoutNulls(value);
        expect(JSON.stringify(value)).toBe(before);
        expect(hasNullEntry(cleaned)).toBe(false);
        if (!hasNullEntry(value)) expect(cleaned).toBe(value);
      }),
    );
  });
});

it('editDistance is a metric on short strings', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
      expect(editDistance(a, b)).toBe(editDistance(b, a));
      expect(editDistance(a, b) === 0).toBe(a === b);
      expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
    }),
  );
});

/** Valid objects of the kinds a migration moves, to seed mistakes into. */
const SEEDS: KubeObject[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', labels: { app: 'db' } },
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: {
          terminationGracePeriodSeconds: 60,
          containers: [
            {
              name: 'db',
              image: 'postgres:16',
              ports: [{ containerPort: 5432, name: 'pg' }],
              resources: { requests: { cpu: '500m', memory: 1 } },
              lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 5'] } } },
              volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql' }],
            },
          ],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'disk' },
    spec: {
      capacity: { storage: '10Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: '',
      claimRef: { namespace: 'db', name: 'data-db-0' },
      csi: { driver: 'disk.csi.azure.com', volumeHandle: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/disks/d', fsType: 'ext4' },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'db' },
    spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432, targetPort: 'pg', protocol: 'TCP' }] },
  },
];

/** Every path to a map or a scalar inside a value. */
function nodes(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const here = { path, value };
  if (Array.isArray(value)) return [here, ...value.flatMap((item, index) => nodes(item, [...path, index]))];
  if (value !== null && typeof value === 'object') return [here, ...Object.entries(value).flatMap(([key, item]) => nodes(item, [...path, key]))];
  return [here];
}

function setIn(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head!] = setIn(copy[head!], rest, replacement);
  return copy;
}

const definitions = (object: KubeObject) => {
  const document = loadDocument(V130);
  return { root: { $ref: `#/definitions/${document.kinds[object.apiVersion]![object.kind]}` }, definitions: document.definitions };
};

describe('seeded mistakes in valid objects', () => {
  it('the seeds are valid', () => {
    for (const seed of SEEDS) expect(registry.builtin(seed.apiVersion, seed.kind)!(seed)).toEqual([]);
  });

  it('an unknown key in a typed map is reported at that key; in a free-form map (labels, requests) it is not', () => {
    const maps = SEEDS.flatMap((seed) => nodes(seed).filter((node) => node.value !== null && typeof node.value === 'object' && !Array.isArray(node.value)).map((node) => ({ seed, path: node.path })));
    fc.assert(
      fc.property(fc.constantFrom(...maps), fc.constantFrom('zzUnknown', 'replicaz', 'x-extra'), ({ seed, path }, key) => {
        const mutated = setIn(seed, [...path, key], 'x') as KubeObject;
        const typed = schemaAt(definitions(seed), path).schema?.['additionalProperties'] === false;
        const findings = registry.builtin(seed.apiVersion, seed.kind)!(mutated);
        if (typed) expect(findings.map((f) => [f.messageId, showPath(f.path), f.at])).toEqual([['unknownField', showPath([...path, key]), 'key']]);
        else expect(findings).toEqual([]);
      }),
    );
  });

  it('a map where the schema wants a string, number or boolean is reported at that value as a wrong type', () => {
    const scalars = SEEDS.flatMap((seed) => nodes(seed).filter((node) => node.path.length > 0 && ['string', 'number', 'boolean'].includes(typeof node.value)).map((node) => ({ seed, path: node.path })));
    fc.assert(
      fc.property(fc.constantFrom(...scalars), ({ seed, path }) => {
        const mutated = setIn(seed, path, { nested: true }) as KubeObject;
        const findings = registry.builtin(seed.apiVersion, seed.kind)!(mutated);
        // apiVersion and kind select the schema; every other scalar is typed.
        if (path[0] === 'apiVersion' || path[0] === 'kind') return;
        expect(findings.map((f) => [f.messageId, showPath(f.path)])).toEqual([['wrongType', showPath(path)]]);
      }),
    );
  });

  it('a removed required field is reported once, naming it', () => {
    const required: { seed: KubeObject; path: Path }[] = [];
    for (const seed of SEEDS) {
      for (const node of nodes(seed)) {
        const schema = schemaAt(definitions(seed), node.path).schema;
        for (const key of (schema?.['required'] as string[] | undefined) ?? []) required.push({ seed, path: [...node.path, key] });
      }
    }
    expect(required.length).toBeGreaterThan(5);
    for (const { seed, path } of required) {
      const parent = path.slice(0, -1);
      const parentValue = parent.reduce<unknown>((value, step) => (value as Record<string | number, unknown>)[step], seed) as Record<string, unknown>;
      const { [path.at(-1) as string]: _, ...rest } = parentValue;
      const findings = registry.builtin(seed.apiVersion, seed.kind)!(setIn(seed, parent, rest));
      expect(findings.map((f) => [f.messageId, showPath(f.path)])).toEqual([['missingField', showPath(path)]]);
    }
  });
});

it('the precompiled validators of the build find exactly what compiling at run time finds', () => {
  const document = loadDocument(V130);
  const precompiled = createRequire(import.meta.url)(join(import.meta.dirname, '..', 'dist', 'schema', 'validators', 'v1.30.cjs')) as Record<string, (v: unknown) => boolean>;
  for (const seed of SEEDS) {
    const name = document.kinds[seed.apiVersion]![seed.kind]!;
    const broken = setIn(seed, ['spec', 'bogus'], 1);
    const validate = precompiled[standaloneName(name)] as ((v: unknown) => boolean) & { errors?: unknown[] };
    expect(validate(broken)).toBe(false);
    const runtime = registry.builtin(seed.apiVersion, seed.kind)!(broken);
    expect(validate.errors?.length).toBe(runtime.length);
  }
});
