import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv as AjvClass, ValidateFunction } from 'ajv';
import { chooseVersion, loadDocument, type JsonSchema, type Minor, type SchemaDocument } from './catalog.js';
import { readSchemaFromDirectories, splitApiVersion } from './custom.js';
import { toFindings, type Finding, type SchemaScope } from './findings.js';
import { createAjv, standaloneName, withoutNulls } from './validator.js';

/** Built-in groups whose last versions are gone from recent releases (extensions/v1beta1 until 1.22). */
const FORMER_GROUPS = ['extensions'];

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
  private standalone: Record<string, ValidateFunction> | null | undefined;
  private groups: Set<string> | undefined;
  private readonly builtins = new Map<string, Checker>();
  private readonly fromDirectories = new Map<string, Checker | undefined>();

  constructor(
    target: Minor,
    private readonly directories: readonly string[],
  ) {
    ({ version: this.version, exact: this.exact } = chooseVersion(target));
    this.document = loadDocument(this.version);
  }

  /** True for an API group of the built-in kinds (`apps`, `batch`, `` for core, `storage.k8s.io`...), served or not. */
  isBuiltinGroup(apiVersion: string): boolean {
    this.groups ??= new Set([...Object.keys(this.document.kinds).map((v) => splitApiVersion(v).group), ...FORMER_GROUPS]);
    return this.groups.has(splitApiVersion(apiVersion).group);
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
      const scope = { root: { $ref: `#/definitions/${definition}` }, definitions: this.document.definitions };
      const validate = this.precompiled()?.[standaloneName(definition)] ?? this.ajvWithDefinitions().compile({ $ref: `k8s#/definitions/${definition}` });
      checker = toChecker(validate, scope);
      this.builtins.set(definition, checker);
    }
    return checker;
  }

  /** The schema of a `--schema` directory for this kind (kubeconform's file names), compiled on first use. */
  fromDirectory(apiVersion: string, kind: string): Checker | undefined {
    const key = `${apiVersion}/${kind}`;
    if (!this.fromDirectories.has(key)) {
      const found = readSchemaFromDirectories(this.directories, apiVersion, kind);
      this.fromDirectories.set(key, found && ('problem' in found ? unusable(found.file, found.problem) : this.compileFile(found.schema, found.file)));
    }
    return this.fromDirectories.get(key);
  }

  /** A standalone schema (a user's file or one derived from a CRD). */
  compile(schema: JsonSchema): Checker {
    const definitions = (schema['definitions'] as Record<string, JsonSchema> | undefined) ?? {};
    return toChecker(createAjv().compile(schema), { root: schema, definitions });
  }

  /** A user's schema file: one that ajv cannot compile is reported on the objects it was meant for. */
  private compileFile(schema: JsonSchema, file: string): Checker {
    try {
      return this.compile(schema);
    } catch (error) {
      return unusable(file, `is not a schema ajv can compile: ${(error as Error).message}`);
    }
  }

  /** The validators `npm run build` precompiled for this version, absent when running from the sources. */
  private precompiled(): Record<string, ValidateFunction> | undefined {
    if (this.standalone === undefined) {
      const file = fileURLToPath(new URL(`./validators/v${this.version[0]}.${this.version[1]}.cjs`, import.meta.url));
      this.standalone = existsSync(file) ? (createRequire(import.meta.url)(file) as Record<string, ValidateFunction>) : null;
    }
    return this.standalone ?? undefined;
  }

  private ajvWithDefinitions(): AjvClass {
    if (!this.ajv) {
      this.ajv = createAjv();
      this.ajv.addSchema({ definitions: this.document.definitions }, 'k8s');
    }
    return this.ajv;
  }
}

function toChecker(validate: ValidateFunction, scope: SchemaScope): Checker {
  return (value) => {
    const cleaned = withoutNulls(value);
    return validate(cleaned) ? [] : toFindings(validate.errors ?? [], cleaned, scope);
  };
}

/** A `--schema` file that cannot check anything: every object of its kind says so, at its `kind`. */
function unusable(file: string, problem: string): Checker {
  return () => [{ path: ['kind'], messageId: 'invalid', data: { path: 'kind', detail: `the schema file ${file} ${problem}; fix the file or remove it from the --schema directory` } }];
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
