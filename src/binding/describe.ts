import type { ClaimObject } from './objects.js';

/** `PersistentVolumeClaim "data"`, or `volumeClaimTemplate "data" of StatefulSet "web" (claim data-web-0)`, for messages. */
export function describeClaimObject(claim: ClaimObject): string {
  if (claim.fromTemplate) return `volumeClaimTemplate "${claim.template}" of StatefulSet "${claim.statefulSet}" (claim ${claim.name})`;
  return `PersistentVolumeClaim "${claim.name}"`;
}

/** Claims of one template share its text: report once per place in the manifests. */
export function oncePerPlace<T extends { claim: ClaimObject }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter(({ claim }) => {
    const place = `${claim.manifest.filePath}\0${claim.manifest.docIndex}\0${claim.manifest.base.join('\0')}\0${claim.path.join('\0')}`;
    if (seen.has(place)) return false;
    seen.add(place);
    return true;
  });
}
