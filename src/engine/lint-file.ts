import type { Fix, Manifest, Path, PathOp } from './types.js';
import { parseYaml, type ParseError, type ParsedDocument, type ParsedFile } from '../parse/parse-yaml.js';
import { parseFast } from '../parse/fast-yaml.js';
import { PartSourceMap, parseInParts } from '../parse/document-parts.js';
import { fixFromOps } from '../fixers/index.js';
import { withoutBom } from './read-files.js';

/**
 * `fast` (js-yaml with positions, the default) and `full` (yaml's composed Documents, which fixes edit) give
 * identical manifests and positions; a test holds them to it over the shared corpus.
 */
export type ParserName = 'fast' | 'full';
export type Parse = (text: string) => ParsedFile;
export const PARSERS: Record<ParserName, Parse> = { fast: parseFast, full: parseYaml };
import { asArray, asObject } from '../model/values.js';

/** A file read from disk or stdin, parsed into manifests. */
export interface SourceFile {
  filePath: string;
  text: string;
  manifests: Manifest[];
  errors: ParseError[];
  /** Set when the file is a template (Helm, Go templates) and was not parsed. */
  templateAt?: { line: number; column: number };
}

/** Lines that only a Go template can produce: `{{- if ...}}` actions or an unquoted `key: {{ ... }}` value. */
const TEMPLATE_LINE = /^\s*\{\{-?\s*(?:if|else|end|range|with|define|template|include|block|\/\*|-|\$)|:\s+\{\{[^}]*\}\}\s*$/m;

/**
 * Characters YAML does not allow anywhere (outside its printable set: C0 controls but tab and line breaks, DEL, C1
 * controls but NEL, U+FFFE, U+FFFF, lone surrogates). Kubernetes rejects the file: go-yaml's yaml_parser_update_buffer
 * (kubernetes vendor/gopkg.in/yaml.v2/readerc.go) fails with "control characters are not allowed"; `yaml` lets them by.
 */
const NOT_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/u;

const CR_LINE_BREAKS =
  'Line breaks are carriage returns alone (classic Mac OS), which kubecarry cannot read: save the file with LF or CRLF line breaks';

/**
 * Parses a file into manifests. With `visit`, the manifests go to it instead of the result, part by part as they are
 * parsed (see parseInParts), so a large file is never in memory all parsed at once; a file that may be a template
 * (it holds `{{`) is parsed whole first, as its parse errors decide whether it is one.
 */
export function loadSourceFile(filePath: string, rawText: string, parser: ParserName | Parse = 'fast', visit?: (manifests: Manifest[]) => void): SourceFile {
  const text = withoutBom(rawText);
  const lineBreak = text.includes('\n') ? -1 : text.indexOf('\r');
  if (lineBreak >= 0 && lineBreak < text.length - 1) {
    // yaml reads a lone CR as no line break, so the file would read as one line: a comment, or nonsense.
    return { filePath, text, manifests: [], errors: [{ message: CR_LINE_BREAKS, line: 1, column: lineBreak + 1, docIndex: -1 }] };
  }
  const streaming = visit !== undefined && !text.includes('{{');
  const manifests: Manifest[] = [];
  const consume = (documents: ParsedDocument[]) => {
    const found = manifestsOf(filePath, documents);
    if (streaming) visit(found);
    else manifests.push(...found);
  };
  const parsed = parseInParts(text, typeof parser === 'string' ? PARSERS[parser] : parser, { consume });
  const unprintable = NOT_PRINTABLE.exec(text);
  if (unprintable) {
    const code = unprintable[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    const message = `Control character U+${code} is not allowed in YAML and Kubernetes rejects the file: remove it (or write it as an escape in a double-quoted string)`;
    parsed.errors.push({ message, ...parsed.position(unprintable.index), docIndex: -1 /* the file as a whole */ });
  }
  if (text.includes('{{') && (parsed.errors.length > 0 || TEMPLATE_LINE.test(text))) {
    const offset = text.indexOf('{{');
    return { filePath, text, manifests: [], errors: [], templateAt: parsed.position(offset) };
  }
  if (visit && !streaming) visit(manifests);
  return { filePath, text, manifests: visit ? [] : manifests, errors: parsed.errors };
}

function manifestsOf(filePath: string, documents: readonly ParsedDocument[]): Manifest[] {
  const manifests: Manifest[] = [];
  for (const document of documents) {
    const push = (value: unknown, base: Path) => {
      if (!isManifest(value)) return;
      manifests.push({ filePath, docIndex: document.index, base, value, source: document.source });
    };
    const value = asObject(document.value);
    if (value && isManifest(value) && /List$/.test(value.kind) && Array.isArray(value['items'])) {
      const itemKind = builtinListItemKind(value.apiVersion, value.kind);
      asArray(value['items']).forEach((item, index) => push(itemKind ? typed(item, value.apiVersion, itemKind) : item, ['items', index]));
    } else {
      push(value, []);
    }
  }
  return manifests;
}

/**
 * The kind of a built-in typed list's items (`PersistentVolumeList` holds PersistentVolumes): the API serves such a
 * list with its items' kind and apiVersion left out (`kubectl get --raw`), as they are the list's. Custom resources'
 * lists are left alone: a CRD's group has a dot and is not one of Kubernetes' own (`*.k8s.io`).
 */
function builtinListItemKind(apiVersion: string, kind: string): string | undefined {
  if (kind === 'List') return undefined;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return !group.includes('.') || group.endsWith('.k8s.io') ? kind.slice(0, -'List'.length) : undefined;
}

/** A typed list's item with the kind and apiVersion it leaves out. */
function typed(item: unknown, apiVersion: string, kind: string): unknown {
  const object = asObject(item);
  if (!object || (object['apiVersion'] !== undefined && object['kind'] !== undefined)) return item;
  return { apiVersion, kind, ...object };
}

/** A document without apiVersion and kind is not a Kubernetes object (kustomization patches, values files). */
function isManifest(value: unknown): value is Manifest['value'] {
  const object = asObject(value);
  return !!object && typeof object['apiVersion'] === 'string' && typeof object['kind'] === 'string';
}

/** The fix for ops on a manifest's document, made on the part of the file it was parsed in (see parseInParts). */
export function fixManifest(text: string, manifest: Pick<Manifest, 'docIndex' | 'source'>, ops: readonly PathOp[]): Fix | null {
  const { source } = manifest;
  if (!(source instanceof PartSourceMap)) return fixFromOps(text, manifest.docIndex, ops);
  const { part } = source;
  const fix = fixFromOps(part.text, manifest.docIndex - part.firstDocument, ops);
  return fix && { range: [fix.range[0] + part.start, fix.range[1] + part.start], text: fix.text };
}
