import type { EnabledRule } from '../../src/engine/linter.js';

/**
 * The fault-tolerance tests (bad input, file system, crashing rules, kill test) watch what happens to broken files
 * through the recommended rules they were written with, `pv-reclaim-policy` first. Rules that judge the manifests'
 * shape (the schema, volume sources) would add findings on their deliberately incomplete volumes that say nothing about
 * fault tolerance, so these tests leave them out.
 */
const SHAPE_RULES = ['schema', 'unvalidated-kind', 'pv-volume-source'];

/** For CLI runs: `--rule 'id: off'` for each shape rule. */
export const WITHOUT_SHAPE_RULES: string[] = SHAPE_RULES.flatMap((id) => ['--rule', `${id}: off`]);

/** For in-process runs: the enabled rules minus the shape rules. */
export function withoutShapeRules<T extends Pick<EnabledRule, 'rule'>>(enabled: readonly T[]): T[] {
  return enabled.filter(({ rule }) => !SHAPE_RULES.includes(rule.id));
}
