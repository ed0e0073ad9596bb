import type { Ajv as AjvClass } from 'ajv';
import { chooseVersion, loadDocument, type JsonSchema, type Minor, type SchemaDocument } from './catalog.js';
import { readSchemaFromDirectories } from './custom.js';
import { toFindings, type Finding } from './findings.js';
import { createAjv, withoutNulls } from './validator.js';

/** Checks one object against one schema: its findings, empty when it is valid. */
export type Checker = (value: unknown) => Finding[];

/**
 * The schemas of one run: the bundled ones of the chosen Kubernetes version, and those of `--schema` directories.
 * Each schema is compiled once, on first use, and kept for the rest of the process (tests and workers share it).
 */
export class SchemaRegistry {
  readonly version: Minor;
  readonly exact: boolean;
  private readonly document: SchemaDocument;
  private ajv: AjvClass | undefined;
  private readonly builtins = new Map<string, Checker>();
  private readonly fromDirectories = new Map<string, Checker | undefined>();

  constructor(
    target: Minor,
    private readonly directories: readonly string[],
  ) {
    ({ version: this.version, exact: this.exact } = chooseVersion(target));
    this.document = loadDocument(this.version);
  }

  /** The definition name of a built-in kind, or undefined for kinds the bundled schema does not have. */
  builtinDefinition(apiVersion: string, kind: string): string | undefined {
    return Object.hasOwn(this.document.kinds, apiVersion) ? this.document.kinds[apiVersion]![kind] : undefined;
  }

  builtin(apiVersion: string, kind: string): Checker | undefined {
    const definition = this.builtinDefinition(apiVersion, kind);
    if (!definition) return undefined;
    let checker = this.builtins.get(definition);
    if (!checker) {
      const ajv = this.ajvWithDefinitions();
      const root = { $ref: `k8s#/definitions/${definition}` };
      checker = this.checker(ajv, root, { root: { $ref: `#/definitions/${definition}` }, definitions: this.document.definitions });
      this.builtins.set(definition, checker);
    }
    return checker;
  }

  /** The schema of a `--schema` directory for this kind (kubeconform's file names), compiled on first use. */
  fromDirectory(apiVersion: string, kind: string): Checker | undefined {
    const key = `${apiVersion}/${kind}`;
    if (!this.fromDirectories.has(key)) {
      const found = readSchemaFromDirectories(this.directories, apiVersion, kind);
      this.fromDirectories.set(key, found ? this.compile(found.schema) : undefined);
    }
    return this.fromDirectories.get(key);
  }

  /** A standalone schema (a user's file or one derived from a CRD). */
  compile(schema: JsonSchema): Checker {
    const definitions = (schema['definitions'] as Record<string, JsonSchema> | undefined) ?? {};
    return this.checker(createAjv(), schema, { root: schema, definitions });
  }

  private checker(ajv: AjvClass, schema: JsonSchema, scope: Parameters<typeof toFindings>[2]): Checker {
    const validate = ajv.compile(schema);
    return (value) => {
      const cleaned = withoutNulls(value);
      return validate(cleaned) ? [] : toFindings(validate.errors ?? [], cleaned, scope);
    };
  }

  private ajvWithDefinitions(): AjvClass {
    if (!this.ajv) {
      this.ajv = createAjv();
      this.ajv.addSchema({ definitions: this.document.definitions }, 'k8s');
    }
    return this.ajv;
  }
}

const registries = new Map<string, SchemaRegistry>();

/** One registry per version and directories for the whole process. */
export function schemaRegistry(target: Minor, directories: readonly string[]): SchemaRegistry {
  const key = `${target.join('.')}\0${directories.join('\0')}`;
  let registry = registries.get(key);
  if (!registry) {
    registry = new SchemaRegistry(target, directories);
    registries.set(key, registry);
  }
  return registry;
}
