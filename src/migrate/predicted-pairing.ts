import { DEFAULT_NAMESPACE, intendedVolume, predictBindings, readObjects, type BindingEntry } from '../binding/index.js';
import type { Manifest, SourceMap } from '../engine/types.js';
import type { PlainObject } from '../model/values.js';
import { nameOf } from './clean.js';
import { sameNamespace, type SourceClaim } from './claims.js';
import type { Pairing } from './pairing.js';
import { firstBy, pushTo } from '../model/multimap.js';

/**
 * Which source volume holds the data of each claim that no export ties (src/binding decides): the volume the claim is
 * pinned to (volumeName, claimRef, or a selector matching one volume: `intendedVolume`), else the volume the PV
 * controller binds it to (`predictBindings`). Only volumes in `free` are paired, each once; a claim whose volume chance
 * decides is left without one: migrate must not guess whose data a disk holds.
 */
export function predictedPairing(claims: readonly SourceClaim[], free: readonly PlainObject[], objects: readonly PlainObject[]): Pairing[] {
  const manifests = objects.map(asManifest);
  const set = readObjects(manifests);
  const entries = new Map(predictBindings(manifests).map((entry) => [entry.claim, entry]));
  // Looked up by name and key, not scanned: an export holds thousands of volumes and claims.
  const freeByName = new Map<string, PlainObject[]>();
  for (const volume of free) pushTo(freeByName, nameOf(volume), volume);
  /** The first free volume of that name, taken once. */
  const take = (name: string | null | undefined) => (name == null ? undefined : freeByName.get(name)?.shift());
  const claimsByKey = firstBy(set.claims, (object) => object.key);
  const pairings: Pairing[] = [];
  for (const claim of claims) {
    const key = `${claim.namespace ?? DEFAULT_NAMESPACE}/${claim.name}`;
    const object = claimsByKey.get(key);
    const intended = object ? intendedVolume(object, set) : undefined;
    // A volume whose claimRef names another claim holds that claim's data, whatever this claim names.
    const ref = intended?.volume.claimRef;
    const another = !!ref && !(ref.name === claim.name && sameNamespace(ref.namespace || undefined, claim.namespace));
    const pinned = intended && !another ? take(intended.volume.name) : undefined;
    if (intended && pinned) {
      pairings.push({ claim, volume: pinned, how: intended.by === 'selector' ? 'selector' : intended.by === 'claimRef' ? 'claim-ref' : 'volume-name', reason: pinReason(intended.by, intended.volume.name) });
      continue;
    }
    if (intended) {
      // The replicas of a StatefulSet whose template selector matches one volume (the article's bug): one disk, one claim.
      pairings.push({ claim, volume: undefined, how: 'none', reason: `its ${intended.by} points at volume "${intended.volume.name}", which holds another claim's data: the input has no disk for this claim` });
      continue;
    }
    const entry = entries.get(key);
    const volume = entry?.outcome === 'bound' && !entry.undetermined ? take(entry.volume) : undefined;
    if (entry && volume) pairings.push({ claim, volume, how: howOf(entry), reason: entry.reason });
    else if (entry?.undetermined) pairings.push({ claim, volume: undefined, how: 'none', reason: `chance decides its volume in the source cluster (${entry.reason}): pin it with spec.volumeName` });
  }
  return pairings;
}

function pinReason(by: string, volume: string): string {
  if (by === 'selector') return `the claim's selector matches only volume "${volume}"`;
  if (by === 'claimRef') return `volume "${volume}" has a claimRef naming the claim`;
  return `the claim's spec.volumeName is "${volume}"`;
}

function howOf(entry: BindingEntry): Pairing['how'] {
  if (entry.how === 'selector') return 'selector';
  if (entry.how === 'best-fit') return 'best-fit';
  return entry.how === 'prebound-volume' ? 'claim-ref' : 'volume-name';
}

/** The binding model reads Manifests; migrate's objects have no text, and the model never asks for positions. */
const NO_POSITIONS: SourceMap = {
  range: () => undefined,
  keyRange: () => undefined,
  nearest: () => [0, 0],
  position: () => ({ line: 1, column: 1 }),
};

export function asManifest(value: PlainObject, index: number): Manifest {
  return { filePath: '<migrate>', docIndex: index, base: [], value: value as unknown as Manifest['value'], source: NO_POSITIONS };
}
