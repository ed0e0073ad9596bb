import { parseAllDocuments, type Document } from 'yaml';
import { KUBERNETES_YAML } from '../parse/parse-yaml.js';

/** Fixers read a file exactly as the linter did, or a path could name another node. */
export { KUBERNETES_YAML, MAX_ALIAS_COUNT } from '../parse/parse-yaml.js';

/** Every document of a file, parsed as the linter parses it. */
export function parseDocuments(text: string): Document.Parsed[] {
  const parsed = parseAllDocuments(text, KUBERNETES_YAML);
  return Array.isArray(parsed) ? parsed : [];
}
