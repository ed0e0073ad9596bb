#!/usr/bin/env node
// Generates schemas/kubernetes/v<minor>.json: JSON Schemas of the built-in kinds of several Kubernetes minors, read
// from the TypeScript declarations of `kubernetes-types` (its versions follow Kubernetes minors; each one is a
// devDependency under an npm alias). Nothing is downloaded: `npm ci` pins the sources, so the output is reproducible.
// `--check` writes nothing and fails when a committed file is stale (test/schema-generated.test.ts does the same).
//
// kubernetes-types is generated from the API server's OpenAPI document, so its declarations are a small regular subset
// of TypeScript: interfaces, `Array<T>`, index signatures for maps, `number | string` for int-or-string, literal
// apiVersion/kind. The TypeScript compiler's own parser reads them; anything else fails loudly here.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Kubernetes minor -> npm alias of the kubernetes-types release for it (see package.json devDependencies). */
export const SOURCES = {
  '1.25': 'kubernetes-types-1.25',
  '1.26': 'kubernetes-types-1.26',
  '1.29': 'kubernetes-types-1.29',
  '1.30': 'kubernetes-types-1.30',
};

/**
 * Values the API server accepts for string fields that the OpenAPI document leaves as plain strings. Each list is the
 * set of constants checked by validation in kubernetes/pkg/apis/core/validation/validation.go (validateRestartPolicy,
 * validatePullPolicy, validateDNSPolicy, ValidateService, validatePersistentVolumeSpec, validateTolerations ...),
 * pkg/apis/apps/validation/validation.go, pkg/apis/batch/validation/validation.go and
 * pkg/apis/storage/validation/validation.go. The empty string is always allowed: defaulting treats it as unset.
 */
const ENUMS = {
  'core.v1.PodSpec.restartPolicy': ['Always', 'OnFailure', 'Never'],
  'core.v1.PodSpec.dnsPolicy': ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'],
  'core.v1.PodSpec.preemptionPolicy': ['PreemptLowerPriority', 'Never'],
  'core.v1.Container.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'core.v1.EphemeralContainer.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'core.v1.Container.terminationMessagePolicy': ['File', 'FallbackToLogsOnError'],
  'core.v1.Container.restartPolicy': ['Always'],
  'core.v1.ContainerPort.protocol': ['TCP', 'UDP', 'SCTP'],
  'core.v1.ServicePort.protocol': ['TCP', 'UDP', 'SCTP'],
  'core.v1.ServiceSpec.type': ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
  'core.v1.ServiceSpec.sessionAffinity': ['None', 'ClientIP'],
  'core.v1.ServiceSpec.externalTrafficPolicy': ['Cluster', 'Local'],
  'core.v1.ServiceSpec.internalTrafficPolicy': ['Cluster', 'Local'],
  'core.v1.ServiceSpec.ipFamilyPolicy': ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
  'core.v1.PersistentVolumeSpec.persistentVolumeReclaimPolicy': ['Retain', 'Delete', 'Recycle'],
  'core.v1.PersistentVolumeSpec.volumeMode': ['Block', 'Filesystem'],
  'core.v1.PersistentVolumeClaimSpec.volumeMode': ['Block', 'Filesystem'],
  'core.v1.PersistentVolumeSpec.accessModes[]': ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
  'core.v1.PersistentVolumeClaimSpec.accessModes[]': ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
  'core.v1.Toleration.operator': ['Exists', 'Equal'],
  'core.v1.Toleration.effect': ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  'core.v1.NodeSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
  'meta.v1.LabelSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  'apps.v1.DeploymentStrategy.type': ['Recreate', 'RollingUpdate'],
  'apps.v1.StatefulSetSpec.podManagementPolicy': ['OrderedReady', 'Parallel'],
  'apps.v1.StatefulSetUpdateStrategy.type': ['RollingUpdate', 'OnDelete'],
  'apps.v1.DaemonSetUpdateStrategy.type': ['RollingUpdate', 'OnDelete'],
  'batch.v1.CronJobSpec.concurrencyPolicy': ['Allow', 'Forbid', 'Replace'],
  'storage.v1.StorageClass.reclaimPolicy': ['Retain', 'Delete'],
  'storage.v1.StorageClass.volumeBindingMode': ['Immediate', 'WaitForFirstConsumer'],
};

/**
 * Named types whose schema is not what their TypeScript declaration says. Quantity is declared `string`, but the API
 * decodes a bare YAML number too (resource.Quantity.UnmarshalJSON); RawExtension is an empty interface that holds any
 * embedded object.
 */
const OVERRIDES = {
  'api.resource.Quantity': { type: ['string', 'number'] },
  'runtime.RawExtension': {},
};

/**
 * Fields the API has but kubernetes-types leaves out: the ones of structs embedded with `json:",inline"` into
 * RuleWithOperations (k8s.io/api/admissionregistration/VERSION/types.go: Rule's resources and scope), and the `x-kubernetes-*`
 * extensions of JSONSchemaProps (k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1/types_jsonschema.go), whose
 * names are not TypeScript identifiers. Keyed by definition name without the module, so every group version gets them.
 */
const STRINGS = { type: 'array', items: { type: 'string' } };
const ADDED_FIELDS = {
  RuleWithOperations: { resources: STRINGS, scope: { type: 'string' } },
  NamedRuleWithOperations: { resources: STRINGS, scope: { type: 'string' } },
  JSONSchemaProps: {
    'x-kubernetes-embedded-resource': { type: 'boolean' },
    'x-kubernetes-int-or-string': { type: 'boolean' },
    'x-kubernetes-list-map-keys': STRINGS,
    'x-kubernetes-list-type': { type: 'string' },
    'x-kubernetes-map-type': { type: 'string' },
    'x-kubernetes-preserve-unknown-fields': { type: 'boolean' },
    'x-kubernetes-validations': { type: 'array', items: { type: 'object' } },
  },
};

/**
 * Fields the OpenAPI document marks required (no `omitempty`) that API validation does not require: StatefulSet's
 * serviceName (ValidateStatefulSetSpec in pkg/apis/apps/validation/validation.go never checks it; the field is
 * optional in later releases).
 */
const NOT_REQUIRED = new Set(['apps.v1.StatefulSetSpec.serviceName']);
/** `items` of a list kind (ConfigMapList...): kubectl applies the items one by one and no validation looks at the list. */
const isListItems = (name, key) => key === 'items' && name.endsWith('List');

/** Every generated file, as { path, content }, without writing anything. */
export function generatedSchemaFiles() {
  const files = [];
  for (const [minor, alias] of Object.entries(SOURCES)) {
    const packageDir = join(root, 'node_modules', alias);
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    const schema = versionSchema(packageDir);
    const document = {
      $comment: `Generated by scripts/generate-k8s-schemas.js from kubernetes-types@${version} (npm); do not edit.`,
      kubernetesVersion: minor,
      source: `kubernetes-types@${version}`,
      ...schema,
    };
    files.push({ path: `schemas/kubernetes/v${minor}.json`, content: `${JSON.stringify(document)}\n` });
  }
  files.push({ path: 'schemas/kubernetes/README.md', content: readme() });
  return files;
}

function readme() {
  const rows = Object.entries(SOURCES).map(([minor, alias]) => {
    const { version } = JSON.parse(readFileSync(join(root, 'node_modules', alias, 'package.json'), 'utf8'));
    return `| ${minor} | \`v${minor}.json\` | kubernetes-types@${version} |`;
  });
  return [
    '# Kubernetes JSON Schemas',
    '',
    'Generated by `npm run generate:schemas` (scripts/generate-k8s-schemas.js); do not edit. A test fails when they are stale.',
    '',
    'Each file holds the built-in kinds of one Kubernetes minor: `kinds` maps apiVersion and kind to a definition,',
    '`definitions` holds every type once (descriptions stripped). The source is the `kubernetes-types` npm package,',
    'whose releases follow Kubernetes minors and are generated from the API server\'s OpenAPI document.',
    'The script adds the enumerations the API server validates and lets `Quantity` be a number.',
    '',
    '| Kubernetes | file | source |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** Walks every .d.ts of one kubernetes-types release. */
function versionSchema(packageDir) {
  const definitions = {};
  const kinds = {};
  for (const file of declarationFiles(packageDir)) {
    const module = relative(packageDir, file).replace(/\.d\.ts$/, '').split('/').join('.');
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const imports = importedModules(source, relative(packageDir, dirname(file)));
    const nameOf = (typeName) => imports.get(typeName) ?? `${module}.${typeName}`;
    for (const statement of source.statements) {
      if (ts.isInterfaceDeclaration(statement)) {
        const name = `${module}.${statement.name.text}`;
        definitions[name] = OVERRIDES[name] ?? interfaceSchema(statement, name, nameOf);
        const kind = literalMember(statement, 'kind');
        const apiVersion = literalMember(statement, 'apiVersion');
        if (kind && apiVersion) (kinds[apiVersion] ??= {})[kind] = name;
      } else if (ts.isTypeAliasDeclaration(statement)) {
        const name = `${module}.${statement.name.text}`;
        definitions[name] = OVERRIDES[name] ?? typeSchema(statement.type, nameOf);
      }
    }
  }
  return { kinds: sortKeys(kinds), definitions: sortKeys(definitions) };
}

function declarationFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return declarationFiles(path);
      return entry.endsWith('.d.ts') && entry !== 'version.d.ts' ? [path] : [];
    });
}

/** `import { A, B } from "../meta/v1"` -> A => meta.v1.A. */
function importedModules(source, fromDir) {
  const names = new Map();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const target = join(fromDir, statement.moduleSpecifier.text).split('/').join('.');
    for (const element of statement.importClause?.namedBindings?.elements ?? []) names.set(element.name.text, `${target}.${element.name.text}`);
  }
  return names;
}

function literalMember(declaration, key) {
  const member = declaration.members.find((m) => m.name?.text === key);
  return member?.type && ts.isLiteralTypeNode(member.type) && ts.isStringLiteral(member.type.literal) ? member.type.literal.text : undefined;
}

function interfaceSchema(declaration, name, nameOf) {
  const properties = {};
  const required = [];
  for (const member of declaration.members) {
    if (!ts.isPropertySignature(member)) throw new Error(`${name}: unexpected member ${member.getText()}`);
    const key = member.name.text;
    properties[key] = withEnum(typeSchema(member.type, nameOf), `${name}.${key}`);
    if (!member.questionToken && !NOT_REQUIRED.has(`${name}.${key}`) && !isListItems(name, key)) required.push(key);
  }
  Object.assign(properties, ADDED_FIELDS[name.split('.').at(-1)] ?? {});
  // An empty interface (RawExtension and the like) stands for arbitrary content.
  if (declaration.members.length === 0) return {};
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}

function withEnum(schema, key) {
  const values = ENUMS[key];
  if (values) return { ...schema, enum: ['', ...values] };
  const itemValues = ENUMS[`${key}[]`];
  if (itemValues) return { ...schema, items: { ...schema.items, enum: ['', ...itemValues] } };
  return schema;
}

function typeSchema(node, nameOf) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { type: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return {};
    case ts.SyntaxKind.LiteralType:
      if (ts.isStringLiteral(node.literal)) return { const: node.literal.text };
      break;
    case ts.SyntaxKind.ArrayType:
      return { type: 'array', items: typeSchema(node.elementType, nameOf) };
    case ts.SyntaxKind.TypeReference: {
      const typeName = node.typeName.getText();
      if (typeName === 'Array' && node.typeArguments?.length === 1) return { type: 'array', items: typeSchema(node.typeArguments[0], nameOf) };
      if (!node.typeArguments) return { $ref: `#/definitions/${nameOf(typeName)}` };
      break;
    }
    case ts.SyntaxKind.UnionType: {
      const parts = node.types.map((part) => typeSchema(part, nameOf));
      // int-or-string (x-kubernetes-int-or-string) is declared `number | string`.
      if (parts.every((part) => typeof part.type === 'string' && Object.keys(part).length === 1)) return { type: parts.map((part) => part.type) };
      return { anyOf: parts };
    }
    case ts.SyntaxKind.TypeLiteral: {
      const [member] = node.members;
      if (node.members.length === 1 && ts.isIndexSignatureDeclaration(member)) return { type: 'object', additionalProperties: typeSchema(member.type, nameOf) };
      break;
    }
  }
  throw new Error(`unsupported type in kubernetes-types: ${node.getText()}`);
}

function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { path, content } of generatedSchemaFiles()) {
    const target = join(root, path);
    if (existsSync(target) && readFileSync(target, 'utf8') === content) continue;
    stale++;
    if (check) console.error(`stale: ${path}`);
    else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
      console.log(`wrote ${path} (${content.length} bytes)`);
    }
  }
  if (check && stale > 0) {
    console.error('Run `npm run generate:schemas` and commit the result.');
    process.exit(1);
  }
}
