import { asArray, asObject, asString, type PlainObject } from '../model/values.js';
import { BETA_STORAGE_CLASS_ANNOTATION } from '../model/storage-class.js';
import { describe, isExported, removeAnnotations, stripServerState } from './clean.js';
import type { Change, MigrateOptions } from './types.js';

type Note = (what: string, why: string) => void;

/**
 * A copy of a non-volume object fit for the target cluster: cluster-owned state removed, namespace mapped, and the
 * kind-specific changes below. Changes are reported through `changes`.
 */
export function migrateObject(source: PlainObject, options: MigrateOptions, changes: Change[], defaultNamespace: string | undefined): PlainObject {
  const exported = isExported(source);
  const { value, removed } = stripServerState(source);
  const note: Note = (what, why) => changes.push({ object: describe(value), what, why });
  mapNamespace(value, options, note);
  const metadata = asObject(value['metadata']);
  if (metadata && defaultNamespace !== undefined && !asString(metadata['namespace'])) {
    metadata['namespace'] = defaultNamespace;
    note(`namespace → ${defaultNamespace}`, 'the input leaves it to kubectl -n; written out so that claims, volumes and workloads agree on it');
  }
  if (removed.length > 0) note(`${removed.join(', ')} removed`, 'written by the source cluster; the target writes its own');
  const kind = value['kind'];
  if (kind === 'Service') migrateService(value, source, exported, options, note);
  if (kind === 'Pod') removeField(asObject(value['spec']), 'nodeName', note, 'the scheduler of the target cluster places the pod');
  if (kind === 'StatefulSet') migrateStatefulSet(value, options, note);
  if (kind === 'PersistentVolumeClaim') migrateDynamicClaim(value, options, note);
  if (kind === 'Namespace') {
    const spec = asObject(value['spec']);
    if (spec && 'finalizers' in spec) removeField(spec, 'finalizers', note, 'the target cluster sets its own');
    if (spec && Object.keys(spec).length === 0) delete value['spec'];
  }
  return value;
}

/** `--namespace-map old=new`: the object's namespace, and a Namespace's own name. */
export function mapNamespace(value: PlainObject, options: MigrateOptions, note: Note): void {
  const metadata = asObject(value['metadata']);
  if (!metadata) return;
  const key = value['kind'] === 'Namespace' ? 'name' : 'namespace';
  const current = asString(metadata[key]);
  const mapped = current === undefined ? undefined : options.namespaceMap.get(current);
  if (mapped !== undefined && mapped !== current) {
    metadata[key] = mapped;
    note(`${key === 'name' ? 'name' : 'namespace'} ${current} → ${mapped}`, '--namespace-map');
  }
}

function migrateService(value: PlainObject, source: PlainObject, exported: boolean, options: MigrateOptions, note: Note): void {
  const spec = asObject(value['spec']);
  if (!spec) return;
  // Crane removeServiceFields / Velero ServiceAction: a headless Service keeps "None"; any other IP is the source cluster's.
  if (spec['clusterIP'] !== undefined && spec['clusterIP'] !== 'None') removeField(spec, 'clusterIP', note, 'allocated by the source cluster; the target allocates its own');
  const ips = asArray(spec['clusterIPs']);
  if (spec['clusterIPs'] !== undefined && ips[0] !== 'None') removeField(spec, 'clusterIPs', note, 'allocated by the source cluster; the target allocates its own');
  if (options.keepNodePorts || !exported) return;
  // An export cannot tell an auto-assigned port from one set by hand, except through last-applied-configuration.
  const explicit = explicitNodePorts(source);
  asArray(spec['ports']).forEach((item, index) => {
    const port = asObject(item);
    if (!port || port['nodePort'] === undefined || explicit.has(Number(port['nodePort']))) return;
    const nodePort = port['nodePort'];
    delete port['nodePort'];
    note(`ports[${index}].nodePort ${String(nodePort)} removed`, 'probably assigned by the source cluster (an export cannot tell; --keep-node-ports keeps it)');
  });
  if (spec['healthCheckNodePort'] !== undefined && !explicit.has(Number(spec['healthCheckNodePort']))) {
    removeField(spec, 'healthCheckNodePort', note, 'probably assigned by the source cluster (an export cannot tell; --keep-node-ports keeps it)');
  }
}

/** Node ports written in `kubectl.kubernetes.io/last-applied-configuration`: the user set those. */
function explicitNodePorts(source: PlainObject): Set<number> {
  const text = asString(asObject(asObject(source['metadata'])?.['annotations'])?.['kubectl.kubernetes.io/last-applied-configuration']);
  const ports = new Set<number>();
  if (!text) return ports;
  try {
    const spec = asObject(asObject(JSON.parse(text))?.['spec']) ?? {};
    for (const port of asArray(spec['ports'])) {
      const nodePort = asObject(port)?.['nodePort'];
      if (typeof nodePort === 'number') ports.add(nodePort);
    }
    if (typeof spec['healthCheckNodePort'] === 'number') ports.add(spec['healthCheckNodePort']);
  } catch {
    // Not JSON: no port is known to be explicit.
  }
  return ports;
}

function migrateStatefulSet(value: PlainObject, options: MigrateOptions, note: Note): void {
  const spec = asObject(value['spec']);
  if (!spec) return;
  const policy = asObject(spec['persistentVolumeClaimRetentionPolicy']);
  if (policy?.['whenDeleted'] !== 'Retain' || policy?.['whenScaled'] !== 'Retain') {
    spec['persistentVolumeClaimRetentionPolicy'] = { whenDeleted: 'Retain', whenScaled: 'Retain' };
    note('persistentVolumeClaimRetentionPolicy → Retain/Retain', 'deleting or scaling down the StatefulSet must never delete the claims (and with them the disks)');
  }
  asArray(spec['volumeClaimTemplates']).forEach((item, index) => {
    const template = asObject(item);
    if (!template) return;
    const metadata = asObject(template['metadata']) ?? {};
    const templateSpec = asObject(template['spec']) ?? {};
    template['spec'] = templateSpec;
    const where = `volumeClaimTemplates[${index}]`;
    migrateClaimClass(metadata, templateSpec, options, (what, why) => note(`${where}: ${what}`, why));
    // Exports write `creationTimestamp: null` and a Pending status into each template.
    delete metadata['creationTimestamp'];
    delete template['status'];
  });
}

/** A claim that holds no data (no source volume): it stays dynamically provisioned, with the class mapped. */
function migrateDynamicClaim(value: PlainObject, options: MigrateOptions, note: Note): void {
  const metadata = asObject(value['metadata']) ?? {};
  const spec = asObject(value['spec']) ?? {};
  if (spec['volumeName'] !== undefined) removeField(spec, 'volumeName', note, 'it names a volume the input does not hold');
  migrateClaimClass(metadata, spec, options, note);
}

/**
 * The deprecated class annotation becomes the field (the annotation wins over the field, so its value is the class
 * in force); `--storage-class-map` renames the class; a claim that pins a volume gets class "" (pvc-storage-class).
 */
function migrateClaimClass(metadata: PlainObject, spec: PlainObject, options: MigrateOptions, note: Note): void {
  const annotation = asObject(metadata['annotations'])?.[BETA_STORAGE_CLASS_ANNOTATION];
  if (annotation !== undefined) {
    removeAnnotations(metadata, [BETA_STORAGE_CLASS_ANNOTATION]);
    spec['storageClassName'] = annotation === null ? '' : String(annotation);
    note(`annotation ${BETA_STORAGE_CLASS_ANNOTATION} → storageClassName "${String(spec['storageClassName'])}"`, 'deprecated since 1.8; the annotation overrode the field, so its class is kept');
  }
  const current = asString(spec['storageClassName']);
  const mapped = current === undefined ? undefined : options.storageClassMap.get(current);
  if (mapped !== undefined && mapped !== current) {
    spec['storageClassName'] = mapped;
    note(`storageClassName "${current}" → "${mapped}"`, '--storage-class-map');
  }
  const pins = spec['selector'] !== undefined && spec['selector'] !== null;
  if (pins && spec['storageClassName'] === undefined) {
    spec['storageClassName'] = '';
    note('storageClassName → ""', 'it selects an existing volume: without a class it would get the default class and a new disk');
  }
}

function removeField(object: PlainObject | undefined, key: string, note: Note, why: string): void {
  if (!object || !(key in object)) return;
  const old = object[key];
  delete object[key];
  note(`${key} ${typeof old === 'object' ? JSON.stringify(old) : String(old)} removed`, why);
}
