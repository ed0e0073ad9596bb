import type { AnyRule } from '../engine/rule.js';
import containerPrestopHook from './container-prestop-hook.js';
import deprecatedStorageClassAnnotation from './deprecated-storage-class-annotation.js';
import prestopHookValid from './prestop-hook-valid.js';
import pvReclaimPolicy from './pv-reclaim-policy.js';
import pvcPinnedVolume from './pvc-pinned-volume.js';
import pvcStorageClass from './pvc-storage-class.js';
import schema from './schema.js';
import sigtermPropagation from './sigterm-propagation.js';
import storageclassReclaimPolicy from './storageclass-reclaim-policy.js';
import terminationGracePeriod from './termination-grace-period.js';
import unvalidatedKind from './unvalidated-kind.js';

/** Every rule, sorted by id. A test checks that each file name equals its rule id. */
export const rules: readonly AnyRule[] = [
  containerPrestopHook,
  deprecatedStorageClassAnnotation,
  prestopHookValid,
  pvReclaimPolicy,
  pvcPinnedVolume,
  pvcStorageClass,
  schema,
  sigtermPropagation,
  storageclassReclaimPolicy,
  terminationGracePeriod,
  unvalidatedKind,
].sort((a, b) => a.id.localeCompare(b.id));

export const rulesById: ReadonlyMap<string, AnyRule> = new Map(rules.map((rule) => [rule.id, rule]));
