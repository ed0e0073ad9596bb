import { readFileSync, readdirSync } from 'node:fs';
import { SCHEMA_DIR } from './schema-dir.js';

/** A JSON Schema as plain data. */
export type JsonSchema = { [key: string]: unknown };

/** One generated file of schemas/kubernetes/ (see scripts/generate-k8s-schemas.js). */
export interface SchemaDocument {
  kubernetesVersion: string;
  source: string;
  /** apiVersion -> kind -> definition name. */
  kinds: Record<string, Record<string, string>>;
  definitions: Record<string, JsonSchema>;
}


export type Minor = readonly [number, number];

/** The Kubernetes minors with a bundled schema, oldest first. */
export function bundledVersions(): Minor[] {
  return readdirSync(SCHEMA_DIR)
    .flatMap((name) => {
      const match = /^v(\d+)\.(\d+)\.json$/.exec(name);
      return match ? [[Number(match[1]), Number(match[2])] as const] : [];
    })
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/**
 * The bundled schema to check a target version against: the same minor, else the newest older one (the API grows
 * mostly by additions, so fields an older schema lacks are the likelier gap), else the oldest bundled.
 */
export function chooseVersion(target: Minor, available: readonly Minor[] = bundledVersions()): { version: Minor; exact: boolean } {
  const older = available.filter((v) => v[0] < target[0] || (v[0] === target[0] && v[1] <= target[1]));
  const version = older.at(-1) ?? available[0];
  if (!version) throw new Error(`no Kubernetes schemas found in ${SCHEMA_DIR.pathname}`);
  return { version, exact: version[0] === target[0] && version[1] === target[1] };
}

const documents = new Map<string, SchemaDocument>();

export function loadDocument(version: Minor): SchemaDocument {
  const name = `v${version[0]}.${version[1]}.json`;
  let document = documents.get(name);
  if (!document) {
    document = JSON.parse(readFileSync(new URL(name, SCHEMA_DIR), 'utf8')) as SchemaDocument;
    documents.set(name, document);
  }
  return document;
}
