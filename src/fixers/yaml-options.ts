import { parseAllDocuments, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/**
 * The options src/parse/parse-yaml.ts reads manifests with (YAML 1.1 as go-yaml v2, merge keys, unique keys, no
 * timestamps). Fixers must read a file exactly as the linter did, or a path could name another node; keep in step.
 */
export const KUBERNETES_YAML: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  merge: true,
  uniqueKeys: true,
  customTags: (tags) =>
    tags.filter((tag) => typeof tag === 'string' || (!tag.tag.endsWith(':timestamp') && (tag as { format?: string }).format !== 'TIME')),
};

/** Aliases may expand to at most this many nodes per document (as the linter). */
export const MAX_ALIAS_COUNT = 1000;

/** Every document of a file, parsed as the linter parses it. */
export function parseDocuments(text: string): Document.Parsed[] {
  const parsed = parseAllDocuments(text, KUBERNETES_YAML);
  return Array.isArray(parsed) ? parsed : [];
}
