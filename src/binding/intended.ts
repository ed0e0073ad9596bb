import type { ClaimObject, ObjectSet, VolumeObject } from './objects.js';
import { volumesSelectedBy } from './selected.js';

/** How a claim names the volume meant for it. */
export type PinnedBy = 'volumeName' | 'claimRef' | 'both' | 'selector';

export interface Intended {
  volume: VolumeObject;
  by: PinnedBy;
}

/**
 * The volume a claim is meant for, whether or not it would bind it: the one its spec.volumeName names, the one whose
 * claimRef names it, or the only volume (not reserved for another claim) whose labels its selector matches.
 */
export function intendedVolume(claim: ClaimObject, objects: ObjectSet): Intended | undefined {
  // Several rules ask for every claim: each claim's answer is worked out once per object set.
  const known = volumeIndex(objects).intended;
  if (!known.has(claim)) known.set(claim, findIntended(claim, objects));
  return known.get(claim);
}

function findIntended(claim: ClaimObject, objects: ObjectSet): Intended | undefined {
  const { byName, byClaimRef } = volumeIndex(objects);
  const reserved = byClaimRef.get(`${claim.namespace}/${claim.name}`);
  if (claim.volumeName) {
    const named = byName.get(claim.volumeName);
    if (!named) return undefined;
    return { volume: named, by: named === reserved ? 'both' : 'volumeName' };
  }
  if (reserved) return { volume: reserved, by: 'claimRef' };
  if (!claim.selector) return undefined;
  // Selected volumes are the accepted ones; those with a claimRef or without a capacity are not candidates here.
  const selected = [...volumesSelectedBy(claim.selector, objects)].filter((volume) => !volume.claimRef && volume.capacity);
  return selected.length === 1 ? { volume: selected[0]!, by: 'selector' } : undefined;
}

interface VolumeIndex {
  /** Existing volumes with a capacity, by name and by the claim their claimRef names (the first of each wins). */
  byName: Map<string, VolumeObject>;
  byClaimRef: Map<string, VolumeObject>;
  /** Each claim's intended volume, once asked. */
  intended: Map<ClaimObject, Intended | undefined>;
}

/** Built once per object set: rules ask for every claim, and a large set has thousands of volumes. */
const INDEXES = new WeakMap<ObjectSet, VolumeIndex>();

function volumeIndex(objects: ObjectSet): VolumeIndex {
  let index = INDEXES.get(objects);
  if (index) return index;
  index = { byName: new Map(), byClaimRef: new Map(), intended: new Map() };
  for (const volume of objects.volumes) {
    if (volume.rejected || !volume.capacity) continue;
    if (!index.byName.has(volume.name)) index.byName.set(volume.name, volume);
    if (volume.claimRef && !index.byClaimRef.has(`${volume.claimRef.namespace}/${volume.claimRef.name}`)) index.byClaimRef.set(`${volume.claimRef.namespace}/${volume.claimRef.name}`, volume);
  }
  INDEXES.set(objects, index);
  return index;
}
