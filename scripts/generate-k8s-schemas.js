#!/usr/bin/env node
// Generates schemas/kubernetes/v<minor>.json: JSON Schemas of the built-in kinds of several Kubernetes minors, read
// from TypeScript declarations generated from the API server's OpenAPI document and published on npm per minor:
// `kubernetes-types` up to 1.30, the models of `@kubernetes/client-node` after it (kubernetes-types has no later
// release). Each source is a devDependency under an npm alias. Nothing is downloaded: `npm ci` pins the sources, so the
// output is reproducible. `--check` writes nothing and fails when a committed file is stale (test/schema-generated.test.ts
// does the same).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientNodeSchema } from './k8s-schemas/client-node.js';
import { kubernetesTypesSchema } from './k8s-schemas/kubernetes-types.js';
import { sortKeys } from './k8s-schemas/ts-types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Kubernetes minor -> npm alias of its source (see package.json devDependencies) and the day it was pinned.
 * @kubernetes/client-node's README maps its releases to minors: 1.1.x -> 1.32, 1.3.x -> 1.33, 1.4.x -> 1.34, and its
 * generated files name the OpenAPI document (v1.32.0 ...), which the reader checks. No release is generated from 1.31:
 * 0.22.x, which the README lists for 1.31, is generated from release-1.30, and 1.0.x from v1.32.0.
 */
export const SOURCES = {
  '1.30': { alias: 'kubernetes-types-1.30', pinned: '2026-11-28' },
  '1.32': { alias: 'kubernetes-client-node-1.32', pinned: '2026-11-28' },
  '1.33': { alias: 'kubernetes-client-node-1.33', pinned: '2026-11-28' },
  '1.34': { alias: 'kubernetes-client-node-1.34', pinned: '2026-11-28' },
};

/** The kubernetes-types release whose definition names the client-node models take (see k8s-schemas/client-node.js). */
const NAMING_SOURCE = 'kubernetes-types-1.30';

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

/**
 * Fields that are `resource.Quantity` in resource.k8s.io definitions newer than NAMING_SOURCE, by type and field in
 * every version of the group: the client-node models declare every Quantity a plain string, so they lose what
 * kubernetes-types keeps (the fields of older definitions come back from NAMING_SOURCE). From
 * k8s.io/api/resource/{v1alpha3,v1beta1,v1beta2,v1}/types.go: BasicDevice.Capacity (v1alpha3 only, a map of
 * Quantity), Counter.Value, DeviceCapacity.Value, CapacityRequestPolicy, CapacityRequestPolicyRange,
 * CapacityRequirements.Requests and DeviceRequestAllocationResult.ConsumedCapacity.
 */
const QUANTITY_FIELDS = new Set([
  'v1alpha3.BasicDevice.capacity',
  'Counter.value',
  'DeviceCapacity.value',
  'CapacityRequestPolicy.default',
  'CapacityRequestPolicy.validValues',
  'CapacityRequestPolicyRange.min',
  'CapacityRequestPolicyRange.max',
  'CapacityRequestPolicyRange.step',
  'CapacityRequirements.requests',
  'DeviceRequestAllocationResult.consumedCapacity',
]);
const isNewQuantity = (name, key) => {
  const [group, version, type] = name.split('.');
  return group === 'resource' && (QUANTITY_FIELDS.has(`${type}.${key}`) || QUANTITY_FIELDS.has(`${version}.${type}.${key}`));
};

/** Every generated file, as { path, content }, without writing anything. */
export function generatedSchemaFiles() {
  const files = [];
  for (const [minor, { alias, pinned }] of Object.entries(SOURCES)) {
    const { name, version } = JSON.parse(readFileSync(join(packageDir(alias), 'package.json'), 'utf8'));
    const document = {
      $comment: `Generated by scripts/generate-k8s-schemas.js from ${name}@${version} (npm, pinned ${pinned}); do not edit.`,
      kubernetesVersion: minor,
      source: `${name}@${version}`,
      ...sourceSchema(packageDir(alias), minor),
    };
    files.push({ path: `schemas/kubernetes/v${minor}.json`, content: `${JSON.stringify(document)}\n` });
  }
  files.push({ path: 'schemas/kubernetes/README.md', content: readme() });
  return files;
}

/** The kinds and definitions of one unpacked source package (kubernetes-types or @kubernetes/client-node). */
export function sourceSchema(dir, minor) {
  const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  let raw;
  if (name === 'kubernetes-types') raw = kubernetesTypesSchema(dir);
  else {
    const naming = kubernetesTypesSchema(packageDir(NAMING_SOURCE));
    raw = restoreQuantities(clientNodeSchema(dir, minor, modelNames(Object.keys(naming.definitions))), naming.definitions);
  }
  return { kinds: sortKeys(raw.kinds), definitions: adjusted(raw.definitions) };
}

const packageDir = (alias) => join(root, 'node_modules', alias);

function readme() {
  const rows = Object.entries(SOURCES).map(([minor, { alias, pinned }]) => {
    const { name, version } = JSON.parse(readFileSync(join(packageDir(alias), 'package.json'), 'utf8'));
    return `| ${minor} | \`v${minor}.json\` | ${name}@${version} | ${pinned} |`;
  });
  return [
    '# Kubernetes JSON Schemas',
    '',
    'Generated by `npm run generate:schemas` (scripts/generate-k8s-schemas.js); do not edit. A test fails when they are stale.',
    '',
    'Each file holds the built-in kinds of one Kubernetes minor: `kinds` maps apiVersion and kind to a definition,',
    '`definitions` holds every type once (descriptions stripped). The sources are npm packages generated from the API',
    "server's OpenAPI document: `kubernetes-types` (releases follow Kubernetes minors, the last is 1.30) and the models",
    'of `@kubernetes/client-node` (its README maps releases to minors; each generated file names its OpenAPI version).',
    'The script adds the enumerations the API server validates and lets `Quantity` be a number.',
    '',
    'A target version without its own file is checked against the newest older one (1.31 against 1.30).',
    '',
    '| Kubernetes | file | source | pinned |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/**
 * client-node model name -> definition name, from the definitions of a kubernetes-types release: core.v1.PodSpec is
 * V1PodSpec, or CoreV1EndpointPort when several groups have a v1 EndpointPort (the OpenAPI generator then prefixes the
 * group); a short name two groups share is left out.
 */
function modelNames(definitionNames) {
  const names = new Map();
  const shared = new Set();
  const capital = (text) => text[0].toUpperCase() + text.slice(1);
  for (const name of definitionNames) {
    const [group, version, type, extra] = name.split('.');
    if (!type || extra || !/^v\d/.test(version)) continue;
    const short = `${capital(version)}${type}`;
    if (names.has(short)) shared.add(short);
    names.set(short, name);
    names.set(`${capital(group)}${capital(version)}${type}`, name);
  }
  for (const short of shared) names.delete(short);
  return names;
}

const QUANTITY_REF = '{"$ref":"#/definitions/api.resource.Quantity"}';

/** Puts `resource.Quantity` back where NAMING_SOURCE or QUANTITY_FIELDS has it; fails where the field changed shape. */
function restoreQuantities({ kinds, definitions }, reference) {
  for (const [name, schema] of Object.entries(definitions)) {
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      const old = reference[name]?.properties?.[key];
      const asString = JSON.stringify(property);
      const known = old ? JSON.stringify(old) : isNewQuantity(name, key) ? asString.replaceAll('{"type":"string"}', QUANTITY_REF) : '';
      if (!known.includes(QUANTITY_REF)) continue;
      if (known.replaceAll(QUANTITY_REF, '{"type":"string"}') !== asString) {
        throw new Error(`${name}.${key}: a Quantity in ${NAMING_SOURCE}, now ${JSON.stringify(property)}; update QUANTITY_FIELDS`);
      }
      schema.properties[key] = JSON.parse(known);
    }
  }
  return { kinds, definitions: { ...definitions, 'api.resource.Quantity': {} } };
}

/** The source's definitions with OVERRIDES, ENUMS, ADDED_FIELDS and NOT_REQUIRED applied, sorted by name. */
function adjusted(definitions) {
  const result = {};
  for (const [name, schema] of Object.entries(definitions)) {
    if (OVERRIDES[name]) {
      result[name] = OVERRIDES[name];
      continue;
    }
    if (!schema.properties) {
      result[name] = schema;
      continue;
    }
    const properties = Object.fromEntries(Object.entries(schema.properties).map(([key, property]) => [key, withEnum(property, `${name}.${key}`)]));
    for (const [key, added] of Object.entries(ADDED_FIELDS[name.split('.').at(-1)] ?? {})) properties[key] ??= added;
    const required = (schema.required ?? []).filter((key) => !NOT_REQUIRED.has(`${name}.${key}`) && !isListItems(name, key));
    result[name] = { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
  }
  return sortKeys(result);
}

function withEnum(schema, key) {
  const values = ENUMS[key];
  if (values) return { ...schema, enum: ['', ...values] };
  const itemValues = ENUMS[`${key}[]`];
  if (itemValues) return { ...schema, items: { ...schema.items, enum: ['', ...itemValues] } };
  return schema;
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
