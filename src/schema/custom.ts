import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonSchema } from './catalog.js';
import { asArray, asObject, asString } from '../model/values.js';
import type { KubeObject } from '../engine/types.js';

/** `apps/v1` -> { group: 'apps', version: 'v1' }; `v1` -> core group ''. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * kubeconform's file names, so users can point `--schema` at schemas they already have:
 * `{kind}-{group}-{version}.json` (`certificate-cert-manager-v1.json`: the group's first label only, as
 * openapi2jsonschema writes it), the full group (`certificate-cert-manager.io-v1.json`), `{kind}-{version}.json` for core.
 */
export function kubeconformFileNames(apiVersion: string, kind: string): string[] {
  const { group, version } = splitApiVersion(apiVersion);
  const k = kind.toLowerCase();
  const v = version.toLowerCase();
  if (group === '') return [`${k}-${v}.json`];
  const g = group.toLowerCase();
  const short = g.split('.')[0]!;
  return [...new Set([`${k}-${short}-${v}.json`, `${k}-${g}-${v}.json`])];
}

/**
 * Reads the schema for a kind from the first directory that has one. A file that is no JSON object comes back as
 * `problem` (what is wrong, where): the objects of that kind are reported, the run goes on.
 */
export function readSchemaFromDirectories(
  directories: readonly string[],
  apiVersion: string,
  kind: string,
): { schema: JsonSchema; file: string } | { problem: string; file: string } | undefined {
  for (const directory of directories) {
    for (const name of kubeconformFileNames(apiVersion, kind)) {
      const file = join(directory, name);
      if (!existsSync(file)) continue;
      let text: string;
      let parsed: unknown;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        return { problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, file };
      }
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        return { problem: `is not valid JSON${jsonErrorPlace(text, (error as Error).message)}: ${(error as Error).message}`, file };
      }
      const schema = asObject(parsed);
      if (!schema) return { problem: 'is not a JSON object', file };
      // ajv refuses a meta-schema it does not know (openapi2jsonschema writes "http://json-schema.org/schema#").
      const { $schema: _, id: __, $id: ___, ...rest } = schema;
      return { schema: rest, file };
    }
  }
  return undefined;
}

/** ` at line L, column C`, from the offset in V8's JSON error (Node 20 names only the offset). */
function jsonErrorPlace(text: string, message: string): string {
  const offset = /at position (\d+)/.exec(message)?.[1];
  if (offset === undefined || /\bline \d+/.test(message)) return '';
  const before = text.slice(0, Number(offset));
  const line = before.split('\n').length;
  return ` at line ${line}, column ${Number(offset) - before.lastIndexOf('\n')}`;
}

/** The schemas a CustomResourceDefinition declares, keyed by `apiVersion/kind`. */
export function schemasFromCrd(crd: KubeObject): Map<string, JsonSchema> {
  const schemas = new Map<string, JsonSchema>();
  const spec = asObject(crd['spec']);
  const group = asString(spec?.['group']);
  const kind = asString(asObject(spec?.['names'])?.['kind']);
  if (!group || !kind) return schemas;
  for (const entry of asArray(spec?.['versions'])) {
    const version = asObject(entry);
    const name = asString(version?.['name']);
    const openApi = asObject(asObject(version?.['schema'])?.['openAPIV3Schema']);
    if (!name || !openApi) continue;
    schemas.set(`${group}/${name}/${kind}`, rootSchema(fromStructural(openApi)));
  }
  return schemas;
}

/** Every object carries apiVersion, kind and metadata, whether or not the CRD's schema lists them. */
function rootSchema(schema: JsonSchema): JsonSchema {
  const properties = { ...(asObject(schema['properties']) ?? {}) };
  properties['apiVersion'] ??= { type: 'string' };
  properties['kind'] ??= { type: 'string' };
  properties['metadata'] = { type: 'object' };
  return { ...schema, properties };
}

const PLAIN_KEYWORDS = ['type', 'enum', 'required', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'multipleOf'];

/**
 * A CRD's structural schema (OpenAPI v3 with Kubernetes extensions) as plain JSON Schema with the API server's
 * semantics: unknown fields are errors unless x-kubernetes-preserve-unknown-fields (strict field validation,
 * apiextensions-apiserver pkg/apiserver/schema/pruning), int-or-string takes both, embedded resources carry
 * apiVersion/kind/metadata.
 */
export function fromStructural(input: JsonSchema, inBranch = false): JsonSchema {
  if (input['x-kubernetes-int-or-string'] === true) return { type: ['integer', 'string'] };
  const out: JsonSchema = {};
  for (const keyword of PLAIN_KEYWORDS) if (input[keyword] !== undefined) out[keyword] = input[keyword];
  // Go's RE2 syntax is not JavaScript's ((?i) flags, \z): a pattern JavaScript cannot compile is left unchecked.
  if (typeof input['pattern'] === 'string' && !compiles(input['pattern'])) delete out['pattern'];
  const properties = asObject(input['properties']);
  if (properties) {
    out['properties'] = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, fromStructural(asObject(value) ?? {}, inBranch)]));
  }
  if (input['x-kubernetes-embedded-resource'] === true) {
    const embedded = asObject(out['properties']) ?? {};
    out['properties'] = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...embedded };
  }
  const items = asObject(input['items']);
  if (items) out['items'] = fromStructural(items, inBranch);
  const additional = input['additionalProperties'];
  if (typeof additional === 'boolean') out['additionalProperties'] = additional;
  else if (asObject(additional)) out['additionalProperties'] = fromStructural(asObject(additional)!, inBranch);
  // Branches of anyOf/oneOf/allOf only repeat value validations of fields declared outside them.
  else if (out['properties'] && !inBranch && input['x-kubernetes-preserve-unknown-fields'] !== true) out['additionalProperties'] = false;
  for (const combinator of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = input[combinator];
    if (Array.isArray(branches)) out[combinator] = branches.map((branch) => fromStructural(asObject(branch) ?? {}, true));
  }
  if (input['nullable'] === true && typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
  return out;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
