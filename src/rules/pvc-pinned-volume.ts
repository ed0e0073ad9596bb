import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import type { Manifest } from '../engine/types.js';
import type { ClaimPiece } from '../model/pieces.js';
import { claimsOf } from '../model/kinds.js';
import { bindingFields, describeClaim } from '../model/storage-class.js';
import { asObject, asString } from '../model/values.js';

/** A PersistentVolume's `spec.claimRef`: it reserves the volume for that claim, whatever the claim's selector or class. */
interface Reservation {
  name: string;
  namespace: string | undefined;
}

export default defineRule({
  id: 'pvc-pinned-volume',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every claim to be tied to an existing volume (`spec.volumeName`, `spec.selector`, or a PersistentVolume `claimRef`)',
      recommended: 'off',
      migration: 'error',
      kinds: ['PersistentVolumeClaim', 'StatefulSet'],
    },
    crossDocumentKinds: ['PersistentVolume', 'PersistentVolumeClaim', 'StatefulSet'],
    messages: {
      claim: '{{claim}} names no existing volume: the new cluster may give it an empty disk; set spec.volumeName and storageClassName: "".',
      template: '{{claim}} names no existing volume, so replicas may get empty disks; pre-bind {{claims}}.',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    return {
      // At the end of the run, once every PersistentVolume (in any file) is known: a claimRef may pin a claim.
      Run(manifests) {
        const reservations = manifests.flatMap(reservationOf);
        for (const claim of manifests.flatMap(claimsOf)) {
          if (bindingFields(claim.spec).length > 0) continue;
          // Restored from a snapshot or cloned: the data comes with it, on purpose.
          const spec = asObject(claim.spec) ?? {};
          if (asObject(spec['dataSource']) || asObject(spec['dataSourceRef'])) continue;
          if (reservations.some((reservation) => reserves(reservation, claim))) continue;
          context.report({
            manifest: claim.manifest,
            path: [...claim.path, 'metadata', 'name'],
            messageId: claim.fromTemplate ? 'template' : 'claim',
            data: { claim: describeClaim(claim), claims: replicaClaims(claim) },
          });
        }
      },
    };
  },
});

function reservationOf(manifest: Manifest): Reservation[] {
  if (manifest.value.kind !== 'PersistentVolume') return [];
  const claimRef = asObject(asObject(manifest.value['spec'])?.['claimRef']);
  const name = asString(claimRef?.['name']);
  return name ? [{ name, namespace: asString(claimRef?.['namespace']) || undefined }] : [];
}

/** Does the claimRef name this claim (or, for a template, one of the claims `<template>-<set>-<ordinal>`)? */
function reserves(reservation: Reservation, claim: ClaimPiece): boolean {
  const namespace = namespaceOf(claim.manifest);
  // Manifests often leave the namespace to `kubectl -n`: only two different explicit namespaces rule a match out.
  if (reservation.namespace && namespace && reservation.namespace !== namespace) return false;
  const name = asString(asObject(claim.metadata)?.['name']);
  if (!name) return false;
  if (!claim.fromTemplate) return reservation.name === name;
  const prefix = `${name}-${asString(asObject(claim.manifest.value.metadata)?.['name']) ?? ''}-`;
  return reservation.name.startsWith(prefix) && /^\d+$/.test(reservation.name.slice(prefix.length));
}

/** The claims a template creates, for the message: "data-web-0", "data-web-1", … (from spec.ordinals.start). */
function replicaClaims(claim: ClaimPiece): string {
  const template = asString(asObject(claim.metadata)?.['name']);
  const set = asString(asObject(claim.manifest.value.metadata)?.['name']);
  if (!template || !set) return '"<template>-<statefulset>-<ordinal>"';
  const start = asObject(asObject(claim.manifest.value['spec'])?.['ordinals'])?.['start'];
  const first = typeof start === 'number' && Number.isInteger(start) && start >= 0 ? start : 0;
  return `"${template}-${set}-${first}", "${template}-${set}-${first + 1}", …`;
}

function namespaceOf(manifest: Manifest): string | undefined {
  return asString(asObject(manifest.value.metadata)?.['namespace']) || undefined;
}
