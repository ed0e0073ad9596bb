import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedSchemaFiles, SOURCES } from '../scripts/generate-k8s-schemas.js';
import { parseKubernetesVersion } from '../src/config/kubernetes-version.js';
import { bundledVersions, loadDocument } from '../src/schema/catalog.js';

const root = join(import.meta.dirname, '..');

it.each(generatedSchemaFiles().map((file) => [file.path, file.content]))('%s is up to date (npm run generate:schemas)', (path, content) => {
  expect(existsSync(join(root, path))).toBe(true);
  expect(readFileSync(join(root, path), 'utf8')).toBe(content);
});

it('bundles at least four Kubernetes minors, one per devDependency pinned to an exact release', () => {
  const versions = bundledVersions().map((version) => version.join('.'));
  expect(versions).toEqual(Object.keys(SOURCES));
  expect(versions.length).toBeGreaterThanOrEqual(4);
  const devDependencies = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies as Record<string, string>;
  for (const { alias } of Object.values(SOURCES)) expect(devDependencies[alias]).toMatch(/^npm:(kubernetes-types|@kubernetes\/client-node)@\d+\.\d+\.\d+$/);
});

it('records the source package, its version and the day it was pinned in every schema', () => {
  for (const [minor, { alias, pinned }] of Object.entries(SOURCES)) {
    const document = JSON.parse(readFileSync(join(root, 'schemas', 'kubernetes', `v${minor}.json`), 'utf8')) as { source: string; $comment: string };
    const { name, version } = JSON.parse(readFileSync(join(root, 'node_modules', alias, 'package.json'), 'utf8')) as { name: string; version: string };
    expect(document.source).toBe(`${name}@${version}`);
    expect(document.$comment).toContain(`pinned ${pinned}`);
  }
});

describe('the schemas read from @kubernetes/client-node models (1.32 on)', () => {
  const versions = Object.keys(SOURCES).filter((minor) => SOURCES[minor]!.alias.startsWith('kubernetes-client-node'));
  const QUANTITY = { $ref: '#/definitions/api.resource.Quantity' };
  it.each(versions)('%s keeps what the API accepts: int-or-string, Quantity, required fields, JSON field names, literal kinds', (minor) => {
    const { kinds, definitions } = loadDocument(parseKubernetesVersion(minor));
    const property = (definition: string, key: string) => (definitions[definition]!['properties'] as Record<string, unknown>)[key];
    expect(property('core.v1.ServicePort', 'targetPort')).toEqual({ type: ['number', 'string'] });
    expect(property('core.v1.ResourceRequirements', 'limits')).toEqual({ type: 'object', additionalProperties: QUANTITY });
    expect(property('core.v1.EmptyDirVolumeSource', 'sizeLimit')).toEqual(QUANTITY);
    expect(definitions['api.resource.Quantity']).toEqual({ type: ['string', 'number'] });
    expect(definitions['core.v1.PodSpec']!['required']).toEqual(['containers']);
    // `default` and `x-kubernetes-*` are declared `_default` and `x_kubernetes_*`; the JSON names come from baseName.
    expect(Object.keys(definitions['apiextensions.v1.JSONSchemaProps']!['properties'] as object)).toEqual(
      expect.arrayContaining(['default', 'enum', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string']),
    );
    expect(property('apps.v1.Deployment', 'apiVersion')).toEqual({ const: 'apps/v1' });
    expect(kinds['v1']!['PersistentVolume']).toBe('core.v1.PersistentVolume');
    expect(kinds['resource.k8s.io/v1beta1']!['ResourceSlice']).toBe('resource.v1beta1.ResourceSlice');
    expect(property('resource.v1beta1.DeviceCapacity', 'value')).toEqual(QUANTITY);
    // Definition names follow kubernetes-types (core.v1.PodSpec), never the generator's (V1PodSpec).
    expect(Object.keys(definitions).filter((name) => !/^[a-z]+\.([a-z0-9]+\.)?[A-Z]\w*$/.test(name))).toEqual([]);
  });

  it('1.34 serves resource.k8s.io/v1 and no longer admissionregistration.k8s.io/v1beta1 ValidatingAdmissionPolicy', () => {
    const { kinds } = loadDocument([1, 34]);
    expect(kinds['resource.k8s.io/v1']!['ResourceClaim']).toBe('resource.v1.ResourceClaim');
    expect(kinds['admissionregistration.k8s.io/v1beta1']!['ValidatingAdmissionPolicy']).toBeUndefined();
  });
});
