import { analyzeBindings, describeClaimObject, intendedVolume, oncePerPlace, type BindingEntry, type ClaimObject, type ObjectSet, type VolumeObject } from '../binding/index.js';
import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import type { PathOp } from '../engine/types.js';
import { compareQuantities } from '../model/quantity.js';
import { pushTo } from '../model/multimap.js';

export default defineRule({
  id: 'pvc-binding',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every claim meant for an existing volume to bind it, and bind it for certain',
      recommended: 'error',
      kinds: ['PersistentVolumeClaim', 'StatefulSet', 'PersistentVolume'],
    },
    crossDocumentKinds: ['PersistentVolume', 'PersistentVolumeClaim', 'StatefulSet', 'StorageClass'],
    fixable: 'code',
    messages: {
      unbound: '{{claim}} binds no existing volume in the target cluster: {{reason}}.',
      mismatch: '{{claim}} names volume "{{volume}}" but will not bind it: {{reason}}.',
      shared: '{{claim}} names volume "{{volume}}", which {{others}} also {{verb}}: only one claim can bind it.',
      chance: '{{claim}} may bind a different volume on each try: {{reason}}; pin it with spec.volumeName and the volume\'s claimRef.',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    return {
      Run(manifests) {
        const { objects, entries } = analyzeBindings(manifests);
        const byKey = new Map(objects.claims.map((claim) => [claim.key, claim]));
        const byVolumeName = groupBy(objects.claims, (claim) => claim.volumeName);
        const reservedClaims = new Set(objects.volumes.flatMap(({ claimRef }) => (claimRef ? [`${claimRef.namespace}/${claimRef.name}`] : [])));
        const findings: { claim: ClaimObject; messageId: 'unbound' | 'mismatch' | 'shared' | 'chance'; data: Record<string, string>; fix?: PathOp[] }[] = [];
        let intending: Map<VolumeObject, number> | undefined;
        const claimsIntending = (volume: VolumeObject) => (intending ??= countIntending(objects)).get(volume) ?? 0;
        for (const entry of entries) {
          const claim = byKey.get(entry.claim);
          if (!claim || !meantForExistingVolume(claim, reservedClaims) || reportedElsewhere(claim, objects)) continue;
          const name = describeClaimObject(claim);
          const sharers = claim.volumeName ? byVolumeName.get(claim.volumeName)!.filter((other) => other !== claim) : [];
          if (sharers.length > 0) {
            const others = sharers.map((other) => other.key).join(', ');
            findings.push({ claim, messageId: 'shared', data: { claim: name, volume: claim.volumeName, others, verb: sharers.length === 1 ? 'names' : 'name' } });
          } else if (entry.outcome === 'pending' && claim.volumeName && entry.reason.includes('VolumeMismatch')) {
            findings.push({ claim, messageId: 'mismatch', data: { claim: name, volume: claim.volumeName, reason: stripVolume(entry.reason) } });
          } else if (entry.outcome === 'pending' || entry.outcome === 'provisioned' || entry.outcome === 'lost') {
            findings.push({ claim, messageId: 'unbound', data: { claim: name, reason: entry.reason } });
          } else if (entry.undetermined && entry.outcome === 'bound') {
            const volume = certainVolume(claim, entry, objects, claimsIntending);
            const fix = volume && pinBothSides(claim, volume);
            findings.push({ claim, messageId: 'chance', data: { claim: name, reason: chanceReason(entry) }, ...(fix ? { fix } : {}) });
          }
        }
        for (const { claim, messageId, data, fix } of oncePerPlace(findings)) {
          context.report({ manifest: claim.manifest, path: [...claim.path, 'metadata', 'name'], messageId, data, ...(fix ? { fix } : {}) });
        }
      },
    };
  },
});

/**
 * Claims that say they want an existing volume: spec.volumeName, a selector, a volume's claimRef naming them, or the
 * explicit class "". Other claims are dynamic by design (pvc-pinned-volume asks to pin them); claims a StatefulSet
 * template creates with a shared selector are statefulset-volume-count's.
 */
function meantForExistingVolume(claim: ClaimObject, reservedClaims: ReadonlySet<string>): boolean {
  if (claim.rejected) return false;
  if (claim.fromTemplate && claim.selector) return false;
  const reserved = reservedClaims.has(claim.key);
  return !!claim.volumeName || !!claim.selector || reserved || (claim.classSource !== 'default' && claim.classSource !== 'none' && claim.className === '');
}

/** What sibling rules already report with a fix: size (pv-pvc-capacity), modes (pv-pvc-access-modes), unset class (pvc-storage-class). */
function reportedElsewhere(claim: ClaimObject, objects: ObjectSet): boolean {
  if ((claim.volumeName || claim.selector) && claim.classSource === 'default' && !claim.bindCompleted) return true;
  const intended = intendedVolume(claim, objects);
  if (!intended || intended.by === 'both' || !claim.request) return false;
  const { volume } = intended;
  return compareQuantities(volume.capacity!, claim.request) < 0 || claim.accessModes.some((mode) => !volume.accessModes.includes(mode));
}

/**
 * The volume a claim that chance decides is certainly meant for: the only volume its selector matches, which it would
 * bind if it came first, and which no other claim of its own names (a StatefulSet template's claims, sharing one
 * selector, cannot name it). Undefined otherwise: then a human picks.
 */
function certainVolume(
  claim: ClaimObject,
  entry: BindingEntry,
  objects: ObjectSet,
  claimsIntending: (volume: VolumeObject) => number,
): VolumeObject | undefined {
  if (claim.fromTemplate) return undefined;
  const intended = intendedVolume(claim, objects);
  if (intended?.by !== 'selector' || !entry.candidates.includes(intended.volume.name)) return undefined;
  // The claim itself is one of the claims meant for the volume: any other is a rival.
  return claimsIntending(intended.volume) > 1 ? undefined : intended.volume;
}

/** For each volume, how many claims not made from a template are meant for it: counted once, not once per claim. */
function countIntending(objects: ObjectSet): Map<VolumeObject, number> {
  const counts = new Map<VolumeObject, number>();
  for (const claim of objects.claims) {
    const volume = claim.fromTemplate ? undefined : intendedVolume(claim, objects)?.volume;
    if (volume) counts.set(volume, (counts.get(volume) ?? 0) + 1);
  }
  return counts;
}

/**
 * spec.volumeName alone does not keep a competitor off the volume (the controller's findMatchingVolume skips only
 * volumes whose claimRef names another claim), so the volume gets a claimRef too: pv_controller.go syncUnboundClaim
 * then binds the two directly. The claim's namespace is the binding model's (its own, else "default").
 */
function pinBothSides(claim: ClaimObject, volume: VolumeObject): PathOp[] {
  return [
    { op: 'set', path: ['spec', 'claimRef'], value: { namespace: claim.namespace, name: claim.name }, manifest: volume.manifest },
    { op: 'set', path: [...claim.path, 'spec', 'volumeName'], value: volume.name },
  ];
}

function stripVolume(reason: string): string {
  return reason.replace(/^volume "[^"]*" does not satisfy the claim \(VolumeMismatch\): /, '');
}

function chanceReason(entry: BindingEntry): string {
  const index = entry.reason.indexOf('; ');
  return index === -1 ? entry.reason : entry.reason.slice(index + 2);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) pushTo(groups, keyOf(item), item);
  return groups;
}
