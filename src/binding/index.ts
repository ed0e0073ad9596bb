import type { Manifest, Path } from '../engine/types.js';
import { predict } from './predict.js';
import { readObjects as readObjectsOnce, type ObjectSet } from './objects.js';

/**
 * The binding model: which PersistentVolume each claim gets in the target cluster, predicted from the manifests
 * alone, as the Kubernetes PV controller decides it. Pure (no rules, no text); used by `kubecarry bindings`, the
 * binding rules and `kubecarry migrate`. This file is the stable public API of src/binding.
 *
 * Assumptions, where manifests do not say:
 * - Every object in the set exists before the claims are processed (StorageClasses first): a claim without a class
 *   gets the default class at creation (DefaultStorageClass admission).
 * - Objects without `metadata.namespace` are in namespace "default" (`kubectl apply` without `-n`).
 * - A claim without `metadata.uid` gets a fresh uid, so a volume whose `claimRef.uid` is set never matches it.
 * - A volume's `status.phase` is honoured when written; without one it is Available (or Released/Bound by its claimRef).
 */

export type BindingHow = 'prebound-volume' | 'prebound-claim' | 'prebound-both' | 'selector' | 'best-fit';

/**
 * - `bound`: binds `volume`;
 * - `provisioned`: no existing volume fits; a provisioner creates a new (empty) disk;
 * - `pending`: stays Pending;
 * - `lost`: marked Lost (a claim exported with bind-completed whose volume is not bound to it);
 * - `not-created`: a StatefulSet claim the controller never creates (OrderedReady, an earlier pod never Ready);
 * - `rejected`: the API server refuses the claim itself (invalid size, selector, access modes...).
 */
export type BindingOutcome = 'bound' | 'provisioned' | 'pending' | 'lost' | 'not-created' | 'rejected';

export interface BindingEntry {
  /** "namespace/name". */
  claim: string;
  namespace: string;
  name: string;
  /** For claims of a StatefulSet (from its volumeClaimTemplates, or written explicitly under that name). */
  statefulSet?: string;
  template?: string;
  ordinal?: number;
  /** The volume it binds, or null. */
  volume: string | null;
  /** How the volume was chosen: the volume's claimRef, the claim's volumeName, both, a selector, or the smallest fit. */
  how: BindingHow | null;
  outcome: BindingOutcome;
  /** Human text: why this volume, or why none. Mentions it when chance decides. */
  reason: string;
  /** Every volume the claim would accept if it were alone, in the controller's order of preference. */
  candidates: string[];
  /** Chance decides the result: equally good volumes, or the order in which the controller takes the claims. */
  undetermined: boolean;
  /** The PersistentVolumeClaim, or the StatefulSet for a claim created from a template. */
  claimManifest: Manifest;
  /** [] for a PersistentVolumeClaim, ['spec', 'volumeClaimTemplates', i] for a template. */
  claimPath: Path;
  /** The StatefulSet creates this claim (no explicit claim of that name exists). */
  fromTemplate: boolean;
  volumeManifest?: Manifest;
}

/** One entry per claim (explicit claims and StatefulSet claims, ordinal by ordinal), in the manifests' order. */
export function predictBindings(manifests: readonly Manifest[]): BindingEntry[] {
  return predict(manifests);
}

/** Is every claim bound to an existing volume, with no room for chance? */
export function allBoundDeterministically(entries: readonly BindingEntry[]): boolean {
  return entries.every((entry) => entry.outcome === 'bound' && !entry.undetermined);
}

export { BINDING_KINDS, DEFAULT_NAMESPACE } from './objects.js';
export { acceptsVolume, candidateVolumes } from './match.js';
export type { ClaimObject, VolumeObject } from './objects.js';
export type { ObjectSet };
export { intendedVolume, type Intended, type PinnedBy } from './intended.js';

export interface BindingAnalysis {
  objects: ObjectSet;
  entries: BindingEntry[];
}

/**
 * Several rules of a run ask in a row with the same manifests: the last answer is kept (the input and the result are
 * never mutated), so the objects are read and the bindings predicted once per run. It is kept by the first manifest,
 * weakly: once the caller lets go of the manifests (a linted file is finished) the answer goes too, instead of
 * holding every manifest of the run until the process ends.
 */
function rememberLast<T>(compute: (manifests: readonly Manifest[]) => T): (manifests: readonly Manifest[]) => T {
  const last = new WeakMap<Manifest, { manifests: readonly Manifest[]; result: T }>();
  return (manifests) => {
    const first = manifests[0];
    if (!first) return compute(manifests);
    const known = last.get(first);
    if (known && known.manifests.length === manifests.length && known.manifests.every((manifest, index) => manifest === manifests[index])) return known.result;
    const result = compute(manifests);
    last.set(first, { manifests: [...manifests], result });
    return result;
  };
}

/** The claims, volumes and classes of a set of manifests, as the binding model reads them. */
export const readObjects: (manifests: readonly Manifest[]) => ObjectSet = rememberLast(readObjectsOnce);

/** The objects and the predicted entries together, for rules that relate a claim's spec to its prediction. */
export const analyzeBindings: (manifests: readonly Manifest[]) => BindingAnalysis = rememberLast((manifests) => {
  const objects = readObjects(manifests);
  return { objects, entries: predict(manifests, objects) };
});
export { describeClaimObject, oncePerPlace } from './describe.js';
