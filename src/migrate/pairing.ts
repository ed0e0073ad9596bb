import { asObject, asString, type PlainObject } from '../model/values.js';
import { nameOf } from './clean.js';
import { sameNamespace, type SourceClaim } from './claims.js';
import { predictedPairing } from './predicted-pairing.js';
import { firstBy, pushTo } from '../model/multimap.js';
import { DEFAULT_NAMESPACE } from '../binding/index.js';

/** Which source volume holds a claim's data, and how that was determined. */
export interface Pairing {
  claim: SourceClaim;
  volume: PlainObject | undefined;
  how: 'volume-name' | 'claim-ref' | 'selector' | 'best-fit' | 'none';
  reason: string;
}

/**
 * Pairs every claim with the source volume that holds its data. An export says it directly: the claim's
 * `spec.volumeName` and the volume's `spec.claimRef` (pv_controller.go `bind` writes both). Manifests from git may pin
 * neither; then the binding model decides (`predictedPairing`). A volume is paired once.
 */
export function pairClaims(claims: readonly SourceClaim[], objects: readonly PlainObject[]): Pairing[] {
  const volumes = objects.filter((value) => value['kind'] === 'PersistentVolume');
  const index = indexVolumes(volumes);
  const taken = new Set<PlainObject>();
  const pairings = new Map<SourceClaim, Pairing>();
  for (const claim of claims) {
    const direct = directPairing(claim, index);
    if (direct && !(direct.volume && taken.has(direct.volume))) {
      if (direct.volume) taken.add(direct.volume);
      pairings.set(claim, { claim, ...direct });
    }
  }
  const rest = claims.filter((claim) => !pairings.has(claim));
  for (const pairing of predictedPairing(rest, volumes.filter((volume) => !taken.has(volume)), objects)) pairings.set(pairing.claim, pairing);
  return claims.map((claim) => pairings.get(claim) ?? { claim, volume: undefined, how: 'none', reason: 'no volume in the input names, reserves or matches this claim' });
}

/** Volumes by name (the first of a name) and by the claim name their claimRef holds (in order). */
interface VolumeIndex {
  byName: Map<string, PlainObject>;
  byClaimRef: Map<string, PlainObject[]>;
}

/** An export holds thousands of volumes and claims: each claim looks its volume up instead of scanning them all. */
function indexVolumes(volumes: readonly PlainObject[]): VolumeIndex {
  const byClaimRef = new Map<string, PlainObject[]>();
  for (const volume of volumes) {
    const claimName = asString(claimRefOf(volume)?.['name']);
    if (claimName !== undefined) pushTo(byClaimRef, claimName, volume);
  }
  return { byName: firstBy(volumes, nameOf), byClaimRef };
}

function directPairing(claim: SourceClaim, { byName, byClaimRef }: VolumeIndex): Omit<Pairing, 'claim'> | undefined {
  const volumeName = asString(claim.spec['volumeName']);
  const named = volumeName ? byName.get(volumeName) : undefined;
  // A volume reserved for another claim is not this one's, whatever it names: the claim stays Pending (pv_controller.go
  // syncUnboundClaim binds a named volume only when its claimRef is unset or IsVolumeBoundToClaim).
  if (named && !reservedForAnother(named, claim)) return { volume: named, how: 'volume-name', reason: `the claim's spec.volumeName is "${volumeName}"` };
  let reserving = (byClaimRef.get(claim.name) ?? []).filter((volume) => reserves(volume, claim));
  const namespaces = [...new Set(reserving.map(claimRefNamespace))];
  if (claim.namespace === undefined && namespaces.length > 1) {
    // A claim without a namespace goes to the default one: the volumes reserving claims of its name elsewhere are others'.
    reserving = reserving.filter((volume) => claimRefNamespace(volume) === DEFAULT_NAMESPACE);
    if (reserving.length === 0) {
      return { volume: undefined, how: 'none', reason: `volumes reserve a claim named ${claim.name} in namespaces ${namespaces.join(', ')}: set the claim's namespace` };
    }
  }
  const reserved = bestReservation(reserving, claim);
  if (reserved) return { volume: reserved, how: 'claim-ref', reason: `the volume's spec.claimRef names ${claim.name}` };
  return undefined;
}

function claimRefNamespace(volume: PlainObject): string {
  return asString(claimRefOf(volume)?.['namespace']) || DEFAULT_NAMESPACE;
}

/**
 * Of the volumes whose claimRef names the claim, the one holding its data: the one whose claimRef.uid is the claim's
 * (an export carries both), else a Bound one. The others are Released: their claimRef.uid names a claim of the same
 * name that was deleted, and pv_controller never binds them again.
 */
function bestReservation(volumes: readonly PlainObject[], claim: SourceClaim): PlainObject | undefined {
  const uid = asString(claim.metadata['uid']);
  const rank = (volume: PlainObject) => {
    const refUid = asString(claimRefOf(volume)?.['uid']);
    if (uid && refUid === uid) return 0;
    return asString(asObject(volume['status'])?.['phase']) === 'Bound' && !(uid && refUid) ? 1 : 2;
  };
  return [...volumes].sort((a, b) => rank(a) - rank(b))[0];
}

/** Whether the volume's claimRef names a claim other than this one. */
function reservedForAnother(volume: PlainObject, claim: SourceClaim): boolean {
  return claimRefOf(volume) !== undefined && !reserves(volume, claim);
}

/** Whether the volume's claimRef names the claim (pv_helpers.go `IsVolumeBoundToClaim`, without the uid: it changes on export). */
export function reserves(volume: PlainObject, claim: SourceClaim): boolean {
  const claimRef = claimRefOf(volume);
  if (!claimRef || asString(claimRef['name']) !== claim.name) return false;
  return sameNamespace(asString(claimRef['namespace']) || undefined, claim.namespace);
}

function claimRefOf(volume: PlainObject): PlainObject | undefined {
  return asObject(asObject(volume['spec'])?.['claimRef']);
}
