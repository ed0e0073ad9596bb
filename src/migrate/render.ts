import { stringify } from 'yaml';

/**
 * New files, so the layout is ours: block style, no line folding, and YAML 1.1 quoting so that strings Kubernetes
 * would read as booleans or numbers (`yes`, `on`, `0755`) stay strings. Key order is the source object's; comments
 * of the source are not carried over (these objects are rebuilt, not edited).
 */
export function toYaml(value: unknown): string {
  return stringify(value, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}
