import type { ErrorObject } from 'ajv';
import type { Path } from '../engine/types.js';
import type { JsonSchema } from './catalog.js';
import { deref } from './validator.js';

export type FindingId = 'unknownField' | 'wrongType' | 'missingField' | 'badValue' | 'invalid';

/** One schema violation, said the way a person reads it and placed at the node to change. */
export interface Finding {
  path: Path;
  at?: 'key';
  messageId: FindingId;
  data: Record<string, string>;
}

/** The schemas a finding can look around in for hints: the root schema and the definitions its `$ref`s name. */
export interface SchemaScope {
  root: JsonSchema;
  definitions: Record<string, JsonSchema>;
}

/** Turns ajv's errors into findings, one per node and problem, in document order of the paths. */
export function toFindings(errors: readonly ErrorObject[], value: unknown, scope: SchemaScope): Finding[] {
  const branchRoots = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath);
  // A value of the wrong type fails its enum too: the type says it better.
  const wrongTypes = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const error of errors) {
    // A failed anyOf also lists every branch's complaints: only the anyOf itself says something true.
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf' && branchRoots.some((root) => isWithin(error.instancePath, root))) continue;
    if (error.keyword !== 'type' && wrongTypes.has(error.instancePath)) continue;
    const finding = toFinding(error, value, scope);
    if (!finding) continue;
    const key = `${finding.messageId}\0${finding.path.join('\0')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings;
}

function toFinding(error: ErrorObject, value: unknown, scope: SchemaScope): Finding | undefined {
  const path = toPath(error.instancePath, value);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params['additionalProperty']);
      const full = [...path, key];
      return { path: full, at: 'key', messageId: 'unknownField', data: { path: showPath(full), hint: hintFor(key, path, scope) } };
    }
    case 'required': {
      const full = [...path, String(error.params['missingProperty'])];
      // The missing field has no node: the engine points at its nearest existing parent.
      return { path: full, messageId: 'missingField', data: { path: showPath(full) } };
    }
    case 'type': {
      const found = valueAt(value, path);
      // YAML reads 1, true, 1e3 or 5e812345 (a hex id) as numbers and booleans: quoting keeps them strings.
      const quote = error.params['type'] === 'string' && (typeof found === 'number' || typeof found === 'boolean') ? '; quote the value' : '';
      return {
        path,
        messageId: 'wrongType',
        data: { path: showPath(path), expected: showTypes(error.params['type']), actual: `${describeValue(found)}${quote}` },
      };
    }
    case 'enum': {
      const allowed = (error.params['allowedValues'] as unknown[]).filter((v) => v !== '');
      return {
        path,
        messageId: 'badValue',
        data: { path: showPath(path), value: JSON.stringify(valueAt(value, path)), allowed: allowed.map((v) => JSON.stringify(v)).join(', ') },
      };
    }
    case 'const':
      return {
        path,
        messageId: 'badValue',
        data: { path: showPath(path), value: JSON.stringify(valueAt(value, path)), allowed: JSON.stringify(error.params['allowedValue']) },
      };
    case 'if':
    case 'not':
      return undefined;
    default:
      // Keywords that only user schemas (--schema, CRDs) carry: pattern, minimum, maxLength, anyOf...
      return { path, messageId: 'invalid', data: { path: showPath(path), detail: error.message ?? error.keyword } };
  }
}

function isWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}

/** ajv's JSON pointer as a manifest path: numeric segments become indexes where the value is a sequence. */
function toPath(pointer: string, value: unknown): Path {
  const path: (string | number)[] = [];
  let current = value;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step = Array.isArray(current) ? Number(segment) : segment;
    path.push(step);
    current = (current as Record<string | number, unknown> | undefined)?.[step];
  }
  return path;
}

function valueAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const step of path) current = (current as Record<string | number, unknown> | undefined)?.[step];
  return current;
}

/** `spec.template.spec.containers[0].image`, as kubectl prints field paths. */
export function showPath(path: Path): string {
  let text = '';
  for (const step of path) text += typeof step === 'number' ? `[${step}]` : text === '' ? step : `.${step}`;
  return text || '(root)';
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'a map',
  array: 'a list',
  null: 'null',
};

function showTypes(type: unknown): string {
  const types = (Array.isArray(type) ? type : String(type).split(',')) as string[];
  return types.map((t) => TYPE_NAMES[t] ?? t).join(' or ');
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a map';
  const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
  const short = shown.length > 40 ? `${shown.slice(0, 37)}...` : shown;
  return `${TYPE_NAMES[typeof value] ?? typeof value} (${short})`;
}

/** The schema of the node at `path`, with the name of the definition it came from. */
export function schemaAt(scope: SchemaScope, path: Path): { schema: JsonSchema | undefined; name?: string } {
  let current = deref(scope.definitions, scope.root);
  for (const step of path) {
    const schema = current.schema;
    if (!schema) return { schema: undefined };
    let next: JsonSchema | undefined;
    if (typeof step === 'number') next = schema['items'] as JsonSchema | undefined;
    else {
      const properties = schema['properties'] as Record<string, JsonSchema> | undefined;
      next = properties?.[step] ?? (typeof schema['additionalProperties'] === 'object' ? (schema['additionalProperties'] as JsonSchema) : undefined);
    }
    current = deref(scope.definitions, next);
  }
  return current;
}

function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  return (schema?.['properties'] as Record<string, JsonSchema> | undefined) ?? {};
}

/**
 * Why a key is unknown, when the schema knows better: a near spelling of a field here, the same field a few levels up
 * (a pod spec field put into a container), or one level down.
 */
function hintFor(key: string, objectPath: Path, scope: SchemaScope): string {
  const here = schemaAt(scope, objectPath).schema;
  const fields = Object.keys(propertiesOf(here));
  const typo = fields.find((field) => field.toLowerCase() === key.toLowerCase()) ?? fields.find((field) => editDistance(field, key) <= 2 && key.length > 3);
  if (typo) return `; did you mean "${typo}"?`;
  for (let depth = objectPath.length - 1; depth >= Math.max(0, objectPath.length - 4); depth--) {
    const ancestorPath = objectPath.slice(0, depth);
    if (typeof objectPath[depth] === 'number' && depth === objectPath.length - 1) continue;
    const ancestor = schemaAt(scope, ancestorPath);
    if (Object.hasOwn(propertiesOf(ancestor.schema), key)) return `; it belongs to ${describe(ancestor.name, ancestorPath)}`;
  }
  for (const [field, fieldSchema] of Object.entries(propertiesOf(here))) {
    let child = deref(scope.definitions, fieldSchema).schema;
    if (child?.['type'] === 'array') child = deref(scope.definitions, child['items'] as JsonSchema).schema;
    if (Object.hasOwn(propertiesOf(child), key)) return `; it belongs under "${field}"`;
  }
  return '';
}

/** `core.v1.PodSpec` at spec.template.spec -> "the pod spec (spec.template.spec)". */
function describe(definition: string | undefined, path: Path): string {
  const where = path.length > 0 ? ` (${showPath(path)})` : '';
  if (!definition) return `the enclosing object${where}`;
  const type = definition.split('.').at(-1)!;
  const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `the ${words}${where}`;
}

/** Levenshtein distance, for spelling hints on short field names. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
