import type { Severity } from '../engine/types.js';

export type SeveritySetting = 'off' | 'warn' | 'error' | 0 | 1 | 2;
export type RuleSetting = SeveritySetting | [SeveritySetting] | [SeveritySetting, Record<string, unknown>];

export function toSeverity(setting: SeveritySetting): Severity {
  if (setting === 'off' || setting === 0) return 0;
  if (setting === 'warn' || setting === 1) return 1;
  return 2;
}

export function splitRuleSetting(setting: RuleSetting): { severity: Severity; options?: Record<string, unknown> } {
  if (Array.isArray(setting)) {
    const [severity, options] = setting;
    return options === undefined ? { severity: toSeverity(severity) } : { severity: toSeverity(severity), options };
  }
  return { severity: toSeverity(setting) };
}
