import { selectorMatches } from '../model/label-selector.js';
import type { ClaimObject, ObjectSet, VolumeObject } from './objects.js';

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
  const volumes = objects.volumes.filter((volume) => !volume.rejected && volume.capacity);
  const reserved = volumes.find((volume) => volume.claimRef?.namespace === claim.namespace && volume.claimRef.name === claim.name);
  if (claim.volumeName) {
    const named = volumes.find((volume) => volume.name === claim.volumeName);
    if (!named) return undefined;
    return { volume: named, by: named === reserved ? 'both' : 'volumeName' };
  }
  if (reserved) return { volume: reserved, by: 'claimRef' };
  if (!claim.selector) return undefined;
  const selected = volumes.filter((volume) => !volume.claimRef && selectorMatches(claim.selector!, volume.labels));
  return selected.length === 1 ? { volume: selected[0]!, by: 'selector' } : undefined;
}
