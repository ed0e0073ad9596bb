import type { AnyRule } from '../engine/rule.js';
import commandTypographicQuotes from './command-typographic-quotes.js';
import containerPrestopHook from './container-prestop-hook.js';
import deprecatedApi from './deprecated-api.js';
import deprecatedStorageClassAnnotation from './deprecated-storage-class-annotation.js';
import placeholderValue from './placeholder-value.js';
import prestopHookValid from './prestop-hook-valid.js';
import pvClaimrefUid from './pv-claimref-uid.js';
import pvcBindAnnotations from './pvc-bind-annotations.js';
import pvVolumeSource from './pv-volume-source.js';
import pvPvcAccessModes from './pv-pvc-access-modes.js';
import pvPvcCapacity from './pv-pvc-capacity.js';
import pvReclaimPolicy from './pv-reclaim-policy.js';
import pvcBinding from './pvc-binding.js';
import pvcPinnedVolume from './pvc-pinned-volume.js';
import pvcStorageClass from './pvc-storage-class.js';
import removedApi from './removed-api.js';
import schema from './schema.js';
import sigtermPropagation from './sigterm-propagation.js';
import statefulsetVolumeCount from './statefulset-volume-count.js';
import storageclassReclaimPolicy from './storageclass-reclaim-policy.js';
import terminationGracePeriod from './termination-grace-period.js';
import volumeMountReference from './volume-mount-reference.js';
import unvalidatedKind from './unvalidated-kind.js';

/**
 * Every rule, sorted by id. A test checks that each file name equals its rule id. Ids are lower-case ASCII, so code
 * point order is alphabetical, without the collator `localeCompare` would load at start (7 ms).
 */
export const rules: readonly AnyRule[] = [
  commandTypographicQuotes,
  containerPrestopHook,
  deprecatedApi,
  deprecatedStorageClassAnnotation,
  placeholderValue,
  prestopHookValid,
  pvClaimrefUid,
  pvcBindAnnotations,
  pvVolumeSource,
  pvPvcAccessModes,
  pvPvcCapacity,
  pvReclaimPolicy,
  pvcBinding,
  pvcPinnedVolume,
  pvcStorageClass,
  removedApi,
  schema,
  sigtermPropagation,
  statefulsetVolumeCount,
  storageclassReclaimPolicy,
  terminationGracePeriod,
  volumeMountReference,
  unvalidatedKind,
].sort((a, b) => (a.id < b.id ? -1 : 1));

export const rulesById: ReadonlyMap<string, AnyRule> = new Map(rules.map((rule) => [rule.id, rule]));
