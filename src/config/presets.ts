import type { AnyRule } from '../engine/rule.js';
import type { RuleSetting } from './severity.js';

export const PRESETS = ['recommended', 'migration'] as const;
export type PresetName = (typeof PRESETS)[number];

/**
 * `recommended`: what keeps data safe every day and what is simply broken.
 * `migration`: adds what a move needs (every claim pinned to an existing volume), at the levels rules declare.
 */
export function presetRules(name: PresetName, rules: readonly AnyRule[]): Record<string, RuleSetting> {
  const settings: Record<string, RuleSetting> = {};
  for (const rule of rules) {
    const { recommended, migration } = rule.meta.docs;
    settings[rule.id] = name === 'migration' ? (migration ?? recommended) : recommended;
  }
  return settings;
}
