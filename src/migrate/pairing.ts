import { asObject, asString, type PlainObject } from '../model/values.js';
import { nameOf } from './clean.js';
import { sameNamespace, type SourceClaim } from './claims.js';
import { predictedPairing } from './predicted-pairing.js';

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
  const taken = new Set<PlainObject>();
  const pairings = new Map<SourceClaim, Pairing>();
  for (const claim of claims) {
    const direct = directPairing(claim, volumes);
    if (direct && !taken.has(direct.volume)) {
      taken.add(direct.volume);
      pairings.set(claim, { claim, ...direct });
    }
  }
  const rest = claims.filter((claim) => !pairings.has(claim));
  for (const pairing of predictedPairing(rest, volumes.filter((volume) => !taken.has(volume)), objects)) pairings.set(pairing.claim, pairing);
  return claims.map((claim) => pairings.get(claim) ?? { claim, volume: undefined, how: 'none', reason: 'no volume in the input names, reserves or matches this claim' });
}

function directPairing(claim: SourceClaim, volumes: readonly PlainObject[]): Omit<Pairing, 'claim'> & { volume: PlainObject } | undefined {
  const volumeName = asString(claim.spec['volumeName']);
  const named = volumeName ? volumes.find((volume) => nameOf(volume) === volumeName) : undefined;
  if (named) return { volume: named, how: 'volume-name', reason: `the claim's spec.volumeName is "${volumeName}"` };
  const reserved = volumes.find((volume) => reserves(volume, claim));
  if (reserved) return { volume: reserved, how: 'claim-ref', reason: `the volume's spec.claimRef names ${claim.name}` };
  return undefined;
}

/** Whether the volume's claimRef names the claim (pv_helpers.go `IsVolumeBoundToClaim`, without the uid: it changes on export). */
export function reserves(volume: PlainObject, claim: SourceClaim): boolean {
  const claimRef = asObject(asObject(volume['spec'])?.['claimRef']);
  if (!claimRef || asString(claimRef['name']) !== claim.name) return false;
  return sameNamespace(asString(claimRef['namespace']) || undefined, claim.namespace);
}
