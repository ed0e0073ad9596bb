import type { AnyRule } from '../engine/rule.js';
import pvReclaimPolicy from './pv-reclaim-policy.js';

/** Every rule, sorted by id. A test checks that each file name equals its rule id. */
export const rules: readonly AnyRule[] = [pvReclaimPolicy].sort((a, b) => a.id.localeCompare(b.id));

export const rulesById: ReadonlyMap<string, AnyRule> = new Map(rules.map((rule) => [rule.id, rule]));
