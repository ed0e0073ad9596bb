import { acceptsVolume, analyzeBindings, candidateVolumes, type ClaimObject, type VolumeObject } from '../binding/index.js';
import { defineRule } from '../engine/rule.js';
import type { Manifest, PathOp } from '../engine/types.js';
import type { ClaimPiece } from '../model/pieces.js';
import { claimsOf } from '../model/kinds.js';
import { bindingFields, describeClaim } from '../model/storage-class.js';
import { NAMES_SHOWN, someOf } from '../model/name-list.js';
import { asObject, asString } from '../model/values.js';
import { pushTo } from '../model/multimap.js';

/** A PersistentVolume's `spec.claimRef`: it reserves the volume for that claim, whatever the claim's selector or class. */
interface Reservation {
  name: string;
  namespace: string | undefined;
}

interface Options {
  labelKey: string;
}

/** A label value: at most 63 characters, alphanumeric at both ends (apimachinery validation.IsValidLabelValue). */
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;

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
    crossDocumentKinds: ['PersistentVolume', 'PersistentVolumeClaim', 'StatefulSet', 'StorageClass'],
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      claim:
        '{{claim}} names no existing volume: the new cluster may give it an empty disk; pin it with spec.volumeName or a selector, and the volume\'s storage class ("" for none).',
      one: '{{claim}} names no existing volume: the new cluster may give it an empty disk; pin it to "{{volume}}", the only volume that fits it, with a selector on a label of the volume.',
      several: '{{claim}} names no existing volume: the new cluster may give it an empty disk; pin it to the volume holding its data ({{volumes}} could serve it).',
      template: '{{claim}} names no existing volume, so replicas may get empty disks; pre-bind {{claims}}.',
      pinTo: 'Pin it to volume "{{volume}}" with spec.volumeName{{andClass}}.',
    },
    schema: {
      type: 'object',
      properties: {
        labelKey: {
          type: 'string',
          minLength: 1,
          description: 'The label the fix puts on the volume (its value: the volume\'s name) and selects in the claim.',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { labelKey: 'kubecarry.io/volume' } as Options,
  },
  create(context) {
    const labelKey = asString(asObject(context.options)?.['labelKey']) || 'kubecarry.io/volume';
    return {
      // At the end of the run, once every PersistentVolume (in any file) is known: a claimRef may pin a claim.
      Run(manifests) {
        const reservations = reservationIndex(manifests);
        const unpinned = manifests.flatMap(claimsOf).filter((claim) => {
          if (bindingFields(claim.spec).length > 0) return false;
          // Restored from a snapshot or cloned: the data comes with it, on purpose.
          const spec = asObject(claim.spec) ?? {};
          if (asObject(spec['dataSource']) || asObject(spec['dataSourceRef'])) return false;
          return !(reservations.get(reservationKey(claim)) ?? []).some((reservation) => reserves(reservation, claim));
        });
        if (unpinned.length === 0) return;
        const { objects } = analyzeBindings(manifests);
        // Each claim as if alone with the volumes: the volumes it would accept, in the controller's order of preference.
        const alone = { objects, state: new Map() };
        const explicit = new Map(objects.claims.filter((claim) => !claim.fromTemplate).map((claim) => [claim.manifest, claim]));
        // Pinning a claim to a volume that another claim could take is a human's choice.
        const wantedByAnother = (volume: VolumeObject, claim: ClaimObject) => objects.claims.some((other) => other !== claim && acceptsVolume(other, volume, alone));
        for (const claim of unpinned) {
          const data = { claim: describeClaim(claim), claims: replicaClaims(claim) };
          const where = { manifest: claim.manifest, path: [...claim.path, 'metadata', 'name'] };
          if (claim.fromTemplate) {
            context.report({ ...where, messageId: 'template', data });
            continue;
          }
          const object = explicit.get(claim.manifest);
          const volumes = object ? candidateVolumes(object, alone) : [];
          const only = volumes.length === 1 && !wantedByAnother(volumes[0]!, object!) ? volumes[0] : undefined;
          const fix = only && pinBySelector(object!, only, labelKey);
          if (only && fix) {
            context.report({ ...where, messageId: 'one', data: { ...data, volume: only.name }, fix });
            continue;
          }
          // The first few in the controller's order: past them a human looks the volume up (the message says so).
          const suggest = volumes.slice(0, NAMES_SHOWN).map((volume) => ({
            messageId: 'pinTo' as const,
            data: { volume: volume.name, andClass: classOp(object!, volume) ? ` and storageClassName "${volume.className}"` : '' },
            fix: pinByName(object!, volume),
          }));
          if (volumes.length === 0) context.report({ ...where, messageId: 'claim', data });
          else context.report({ ...where, messageId: 'several', data: { ...data, volumes: someOf(volumes.map((volume) => `"${volume.name}"`), 'volumes', ', ') }, suggest });
        }
      },
    };
  },
});

/**
 * The claim must name the volume's class: without one it gets the target cluster's default class, which need not be
 * the volume's (pv_controller.go checkVolumeSatisfyClaim compares the classes; the volume "" matches only "").
 */
function classOp(claim: ClaimObject, volume: VolumeObject): PathOp | undefined {
  if (claim.classSource === 'field' || claim.classSource === 'annotation') return undefined;
  return { op: 'set', path: ['spec', 'storageClassName'], value: volume.className };
}

/**
 * The fix: label the volume (in its own document or file) unless it carries the label already, select that label in
 * the claim, and name the volume's class. Undefined when the label cannot hold the volume's name.
 */
function pinBySelector(claim: ClaimObject, volume: VolumeObject, labelKey: string): PathOp[] | undefined {
  const value = volume.labels[labelKey] ?? volume.name;
  if (!LABEL_VALUE.test(value)) return undefined;
  const ops: PathOp[] = [];
  if (volume.labels[labelKey] === undefined) ops.push({ op: 'set', path: ['metadata', 'labels', labelKey], value, manifest: volume.manifest });
  ops.push({ op: 'set', path: ['spec', 'selector', 'matchLabels', labelKey], value });
  const byClass = classOp(claim, volume);
  return byClass ? [...ops, byClass] : ops;
}

/** A suggestion edits the claim only (one file): spec.volumeName and the volume's class. */
function pinByName(claim: ClaimObject, volume: VolumeObject): PathOp[] {
  const byClass = classOp(claim, volume);
  const ops: PathOp[] = [{ op: 'set', path: ['spec', 'volumeName'], value: volume.name }];
  return byClass ? [...ops, byClass] : ops;
}

function reservationOf(manifest: Manifest): Reservation[] {
  if (manifest.value.kind !== 'PersistentVolume') return [];
  const claimRef = asObject(asObject(manifest.value['spec'])?.['claimRef']);
  const name = asString(claimRef?.['name']);
  return name ? [{ name, namespace: asString(claimRef?.['namespace']) || undefined }] : [];
}

/**
 * Reservations by the claim name they hold, and by that name less its ordinal (`data-web-`), where StatefulSet
 * templates look: a large tree has thousands of claims and thousands of claimRefs.
 */
function reservationIndex(manifests: readonly Manifest[]): Map<string, Reservation[]> {
  const index = new Map<string, Reservation[]>();
  for (const reservation of manifests.flatMap(reservationOf)) {
    pushTo(index, reservation.name, reservation);
    const ordinal = /-\d+$/.exec(reservation.name);
    if (ordinal) pushTo(index, reservation.name.slice(0, ordinal.index + 1), reservation);
  }
  return index;
}

/** Where a claim's reservations are in reservationIndex: its name, or a template's `<template>-<set>-`. */
function reservationKey(claim: ClaimPiece): string {
  const name = asString(asObject(claim.metadata)?.['name']) ?? '';
  return claim.fromTemplate ? `${name}-${asString(asObject(claim.manifest.value.metadata)?.['name']) ?? ''}-` : name;
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
