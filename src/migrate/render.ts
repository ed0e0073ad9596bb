import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { parseFast } from '../parse/fast-yaml.js';

/**
 * New files, so the layout is ours: block style, no line folding, and YAML 1.1 quoting so that strings Kubernetes
 * would read as booleans or numbers (`yes`, `on`, `0755`) stay strings. Key order is the source object's; comments
 * of the source are not carried over (these objects are rebuilt, not edited).
 * The text is read back as the linter (and Kubernetes) reads YAML 1.1; where it would not give the same object (a key
 * that is literally `<<` reads as a merge), the object is written as JSON, which YAML reads exactly.
 */
export function toYaml(value: unknown): string {
  const text = stringify(value, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
  // The linter's own reading (the fast path reads as `yaml` does, and several times faster: migrate writes thousands).
  const read = parseFast(text);
  if (read.errors.length === 0 && read.documents.length === 1 && isDeepStrictEqual(read.documents[0]!.value, value)) return text;
  return `${JSON.stringify(value, null, 2)}\n`;
}
