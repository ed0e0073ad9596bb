import type { KubeObject, Manifest } from '../engine/types.js';
import type { JsonSchema } from './catalog.js';
import { schemasFromCrd } from './custom.js';
import type { SchemaRegistry } from './registry.js';

export const CRD_KIND = 'CustomResourceDefinition';

/** True for an object that neither the bundled schemas nor a `--schema` directory cover: a custom resource, mostly. */
export function needsRunSchema(registry: SchemaRegistry, object: KubeObject): boolean {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return false;
  return !registry.builtinDefinition(apiVersion, kind) && !registry.fromDirectory(apiVersion, kind);
}

/** The schemas declared by the CustomResourceDefinitions of a run, keyed `apiVersion/kind`. */
export function crdSchemas(manifests: readonly Manifest[]): Map<string, JsonSchema> {
  const schemas = new Map<string, JsonSchema>();
  for (const manifest of manifests) {
    if (manifest.value.kind !== CRD_KIND) continue;
    for (const [key, schema] of schemasFromCrd(manifest.value)) if (!schemas.has(key)) schemas.set(key, schema);
  }
  return schemas;
}

export function kindKey(object: KubeObject): string {
  return `${object.apiVersion}/${object.kind}`;
}
