import { asArray, asObject, asString, type PlainObject } from '../model/values.js';

/**
 * Cluster-owned state: what the API server and controllers write, which a new cluster writes again.
 * The union of Crane's `fieldsToStrip` and Velero's `resetMetadata` (kubernetes-semantics.md §4.3).
 */
const SERVER_METADATA = [
  'uid', 'resourceVersion', 'selfLink', 'creationTimestamp', 'generation', 'managedFields', 'deletionTimestamp',
  'deletionGracePeriodSeconds', 'ownerReferences',
];

/** Annotations written by kubectl and controllers: they describe the source cluster's objects, not the desired state. */
const SERVER_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'pv.kubernetes.io/bind-completed',
  'pv.kubernetes.io/bound-by-controller',
  'pv.kubernetes.io/provisioned-by',
  'pv.kubernetes.io/migrated-to',
  'volume.kubernetes.io/storage-provisioner',
  'volume.beta.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/selected-node',
  'volume.kubernetes.io/provisioner-deletion-secret-name',
  'volume.kubernetes.io/provisioner-deletion-secret-namespace',
];

/** Kinds that a controller re-creates from its owner (a Deployment's ReplicaSets and Pods, a CronJob's Jobs, ...). */
const RECREATED_WHEN_OWNED = new Set(['Pod', 'ReplicaSet', 'Job', 'ControllerRevision', 'EndpointSlice', 'Endpoints']);

/** Why an object is not carried over, or undefined to keep it. */
export function dropReason(value: PlainObject, all: readonly PlainObject[]): string | undefined {
  const kind = value['kind'];
  const metadata = asObject(value['metadata']) ?? {};
  const owners = asArray(metadata['ownerReferences']).map(asObject).filter((owner) => owner !== undefined);
  if (typeof kind === 'string' && RECREATED_WHEN_OWNED.has(kind) && owners.length > 0) {
    const owner = owners.find((candidate) => candidate['controller'] === true) ?? owners[0]!;
    return `re-created by its owner ${String(owner['kind'])} "${String(owner['name'])}"`;
  }
  const name = asString(metadata['name']);
  // The endpoints controller writes the Endpoints of every Service with a selector (same name, same namespace).
  if (kind === 'Endpoints' && name !== undefined && servicesWithSelector(all).has(`${asString(metadata['namespace'])}\0${name}`)) {
    return `written by the endpoints controller for Service "${name}"`;
  }
  if (kind === 'Event') return 'events belong to the source cluster';
  if (kind === 'ConfigMap' && name === 'kube-root-ca.crt') return 'every namespace gets its own from the target cluster';
  if (kind === 'ServiceAccount' && name === 'default') return 'every namespace gets its own from the target cluster';
  if (kind === 'Secret' && value['type'] === 'kubernetes.io/service-account-token') return 'service account tokens are issued by the target cluster';
  if (kind === 'StorageClass') return 'storage classes belong to the target cluster; migrated volumes are static (class "")';
  return undefined;
}

/** `namespace\0name` of each Service with a selector, once per input: an export has an Endpoints per Service. */
function servicesWithSelector(all: readonly PlainObject[]): Set<string> {
  let found = SERVICES_WITH_SELECTOR.get(all);
  if (found) return found;
  found = new Set();
  for (const value of all) {
    const metadata = asObject(value['metadata']) ?? {};
    const name = asString(metadata['name']);
    if (value['kind'] === 'Service' && name !== undefined && asObject(asObject(value['spec'])?.['selector']) !== undefined) found.add(`${asString(metadata['namespace'])}\0${name}`);
  }
  SERVICES_WITH_SELECTOR.set(all, found);
  return found;
}

const SERVICES_WITH_SELECTOR = new WeakMap<readonly PlainObject[], Set<string>>();

/** Whether an object was exported from a cluster (it carries fields only the API server writes). */
export function isExported(value: PlainObject): boolean {
  const metadata = asObject(value['metadata']) ?? {};
  return ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields'].some((key) => metadata[key] !== undefined) || value['status'] !== undefined;
}

/**
 * A deep copy without cluster-owned state; `removed` lists what went (`metadata.uid`, `status`, ...).
 * Labels, other annotations and finalizers stay: they may carry meaning the target cluster needs.
 */
export function stripServerState(value: PlainObject): { value: PlainObject; removed: string[] } {
  const copy = structuredClone(value);
  const removed: string[] = [];
  const metadata = asObject(copy['metadata']);
  if (metadata) {
    for (const key of SERVER_METADATA) {
      if (key in metadata) {
        delete metadata[key];
        removed.push(`metadata.${key}`);
      }
    }
    removed.push(...removeAnnotations(metadata, SERVER_ANNOTATIONS));
  }
  if ('status' in copy) {
    delete copy['status'];
    removed.push('status');
  }
  // Exports write `creationTimestamp: null` into pod templates.
  const templateMetadata = asObject(asObject(asObject(copy['spec'])?.['template'])?.['metadata']);
  if (templateMetadata && 'creationTimestamp' in templateMetadata) delete templateMetadata['creationTimestamp'];
  return { value: copy, removed };
}

/** Removes the given annotations (and the map when it ends up empty); returns `metadata.annotations[key]` for each. */
export function removeAnnotations(metadata: PlainObject, keys: readonly string[]): string[] {
  const annotations = asObject(metadata['annotations']);
  if (!annotations) return [];
  const removed = keys.filter((key) => key in annotations);
  for (const key of removed) delete annotations[key];
  if (Object.keys(annotations).length === 0) delete metadata['annotations'];
  return removed.map((key) => `metadata.annotations[${key}]`);
}

/** `metadata.namespace`, or undefined for cluster-scoped objects and manifests that leave it to `kubectl -n`. */
export function namespaceOf(value: PlainObject): string | undefined {
  return asString(asObject(value['metadata'])?.['namespace']) || undefined;
}

export function nameOf(value: PlainObject): string {
  return asString(asObject(value['metadata'])?.['name']) ?? '';
}

/** `StatefulSet shop/web`, `PersistentVolume pv-1`. */
export function describe(value: PlainObject): string {
  const namespace = namespaceOf(value);
  return `${String(value['kind'])} ${namespace ? `${namespace}/` : ''}${nameOf(value)}`;
}
