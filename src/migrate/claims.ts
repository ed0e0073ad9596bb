import { asArray, asObject, asString, type PlainObject } from '../model/values.js';
import { nameOf, namespaceOf } from './clean.js';
import { pushTo } from '../model/multimap.js';

/** A claim that exists or will exist in the source cluster: a PersistentVolumeClaim, or one replica's claim of a StatefulSet template. */
export interface SourceClaim {
  /** As written; undefined when the manifest leaves it to `kubectl -n`. */
  namespace: string | undefined;
  name: string;
  metadata: PlainObject;
  spec: PlainObject;
  /** The PersistentVolumeClaim object, when the claim exists as one (always in an export). */
  object?: PlainObject;
  /** Set for the claims a StatefulSet's volumeClaimTemplates create: `<template>-<set>-<ordinal>`. */
  replica?: { statefulSet: string; template: string; ordinal: number };
}

/**
 * Every claim of the input: PersistentVolumeClaim objects, and for each StatefulSet template one claim per replica
 * (stateful_set_utils.go `getPersistentVolumeClaimName`: `<template>-<set>-<ordinal>`, ordinals from `spec.ordinals.start`).
 * A replica claim that the input also holds as an object (an export) is that object, marked with its replica.
 */
export function collectClaims(objects: readonly PlainObject[]): SourceClaim[] {
  const claims: SourceClaim[] = objects
    .filter((value) => value['kind'] === 'PersistentVolumeClaim')
    .map((value) => ({
      namespace: namespaceOf(value),
      name: nameOf(value),
      metadata: asObject(value['metadata']) ?? {},
      spec: asObject(value['spec']) ?? {},
      object: value,
    }));
  // By name, in order: a StatefulSet's replicas look for their claim among thousands.
  const byName = new Map<string, SourceClaim[]>();
  for (const claim of claims) pushTo(byName, claim.name, claim);
  for (const set of objects.filter((value) => value['kind'] === 'StatefulSet')) {
    const spec = asObject(set['spec']) ?? {};
    const setName = nameOf(set);
    const namespace = namespaceOf(set);
    const start = wholeNumber(asObject(spec['ordinals'])?.['start']) ?? 0;
    const replicas = wholeNumber(spec['replicas']) ?? 1;
    for (const template of asArray(spec['volumeClaimTemplates']).map(asObject)) {
      const templateName = asString(asObject(template?.['metadata'])?.['name']);
      if (!template || !templateName) continue;
      for (let ordinal = start; ordinal < start + replicas; ordinal++) {
        const name = `${templateName}-${setName}-${ordinal}`;
        const replica = { statefulSet: setName, template: templateName, ordinal };
        const existing = byName.get(name)?.find((claim) => sameNamespace(claim.namespace, namespace));
        if (existing) {
          existing.replica = replica;
          continue;
        }
        const claim: SourceClaim = { namespace, name, metadata: { ...(asObject(template['metadata']) ?? {}), name }, spec: asObject(template['spec']) ?? {}, replica };
        claims.push(claim);
        pushTo(byName, name, claim);
      }
    }
  }
  return claims;
}

/** Manifests often leave the namespace to `kubectl -n`: only two different explicit namespaces differ. */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
