import { loadAjv } from '../config/ajv.js';
import type { Ajv as AjvClass, ErrorObject, Options, ValidateFunction } from 'ajv';
import type { JsonSchema } from './catalog.js';

/** ajv compiles schemas to code, which costs tens of milliseconds: load it only when a manifest needs checking. */
export function createAjv(extra: Options = {}): AjvClass {
  const Ajv = loadAjv();
  // strict: false lets user schemas carry OpenAPI keywords (x-kubernetes-*, nullable); formats are not checked by
  // the API server for built-in kinds either (int32, date-time are documentation there). inlineRefs: false compiles
  // each definition once, shared by every kind that uses it.
  return new Ajv({ allErrors: true, strict: false, validateFormats: false, validateSchema: false, inlineRefs: false, ...extra });
}

/** The export name of a definition's precompiled validator (scripts/compile-k8s-validators.js). */
export function standaloneName(definition: string): string {
  return definition.replace(/[^A-Za-z0-9]/g, '_');
}

export type Validate = (value: unknown) => ErrorObject[];

/** Wraps an ajv validate function: the errors of one call, or none. */
export function errorsOf(validate: ValidateFunction): Validate {
  return (value) => (validate(value) ? [] : [...(validate.errors ?? [])]);
}

/**
 * A copy of `value` without null map entries: the API server decodes `field: null` as the field left unset (kubectl
 * and `creationTimestamp: null` from `--dry-run -o yaml` rely on it). Returns `value` itself when there is no null.
 */
export function withoutNulls(value: unknown): unknown {
  return holdsNullEntry(value) ? copyWithoutNulls(value) : value;
}

/** Looks for a null map entry without allocating: most objects have none, and every object is checked. */
function holdsNullEntry(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const item of value) if (holdsNullEntry(item)) return true;
    return false;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    if (item === null || holdsNullEntry(item)) return true;
  }
  return false;
}

function copyWithoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const cleaned = copyWithoutNulls(item);
      if (cleaned !== item) (copy ??= [...value])[index] = cleaned;
    });
    return copy ?? value;
  }
  if (value === null || typeof value !== 'object') return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    if (item === null) {
      copy ??= { ...value };
      delete copy[key];
      continue;
    }
    const cleaned = copyWithoutNulls(item);
    if (cleaned !== item) (copy ??= { ...value })[key] = cleaned;
  }
  return copy ?? value;
}

/** A schema with `$ref`s into `definitions`: follows references until a schema with content. */
export function deref(definitions: Record<string, JsonSchema>, schema: JsonSchema | undefined): { schema: JsonSchema | undefined; name?: string } {
  let name: string | undefined;
  for (let depth = 0; schema && typeof schema['$ref'] === 'string' && depth < 20; depth++) {
    name = (schema['$ref'] as string).replace(/^.*#\/definitions\//, '');
    schema = definitions[name];
  }
  return name === undefined ? { schema } : { schema, name };
}
