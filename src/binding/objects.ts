import type { Manifest, Path } from '../engine/types.js';
import { labelsOf, parseLabelSelector, type Selector } from '../model/label-selector.js';
import { parseQuantity, type Quantity } from '../model/quantity.js';
import { classSettings, claimClass, isDefaultClass, volumeClass } from '../model/storage-class.js';
import { asArray, asObject, asString, getIn, hasKey } from '../model/values.js';

/**
 * The objects the PV controller sees, read from manifests of any shape. Anything the API server would refuse is kept
 * with `rejected` set: it never exists in the target cluster, and the report says why.
 */

/** Where objects without `metadata.namespace` land: `kubectl apply` without `-n` in a default context. */
export const DEFAULT_NAMESPACE = 'default';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** Expansion stops here: a typo such as `replicas: 30000` must not make the report unreadable. */
const MAX_REPLICAS = 1000;
const VALID_MODES = new Set(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']);
/** GetAccessModesAsString's order: the index key of a volume is its modes in this order, without duplicates. */
const MODE_ORDER = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

export interface ClaimRef {
  namespace: string;
  name: string;
  uid: string;
}

export interface VolumeObject {
  name: string;
  manifest: Manifest;
  capacity: Quantity | undefined;
  /** Deduplicated, in GetAccessModesAsString order. */
  accessModes: string[];
  className: string;
  volumeMode: string;
  attributesClass: string | undefined;
  labels: Record<string, string>;
  claimRef: ClaimRef | undefined;
  /** `status.phase` as written, or undefined: a volume created from a manifest starts without one. */
  phase: string | undefined;
  deleting: boolean;
  hasNodeAffinity: boolean;
  rejected: string | undefined;
}

export interface ClaimObject {
  namespace: string;
  name: string;
  /** `namespace/name`. */
  key: string;
  manifest: Manifest;
  /** [] for a PersistentVolumeClaim, the template's path for a claim a StatefulSet creates. */
  path: Path;
  statefulSet?: string;
  template?: string;
  ordinal?: number;
  /** The StatefulSet creates this claim itself (no explicit claim of that name). */
  fromTemplate: boolean;
  /** With OrderedReady, the claims of the previous ordinal: this one is created only once that pod is Ready. */
  createdAfter?: string[];
  /** `metadata.uid` when the manifest carries one (exported objects); otherwise the claim gets a fresh uid. */
  uid: string | undefined;
  request: Quantity | undefined;
  accessModes: string[];
  /** The class after DefaultStorageClass admission. */
  className: string;
  /** How the class was decided, for reasons. */
  classSource: 'annotation' | 'field' | 'default' | 'none';
  volumeMode: string;
  attributesClass: string | undefined;
  /** undefined: no selector (no filter). */
  selector: Selector | undefined;
  volumeName: string;
  bindCompleted: boolean;
  boundByController: boolean;
  dataSource: boolean;
  rejected: string | undefined;
}

export interface StorageClassObject {
  name: string;
  provisioner: string;
  waitForFirstConsumer: boolean;
  isDefault: boolean;
  creationTimestamp: string | undefined;
}

export interface ObjectSet {
  volumes: VolumeObject[];
  claims: ClaimObject[];
  classes: Map<string, StorageClassObject>;
  /** The class DefaultStorageClass admission assigns, with the others when several are marked default. */
  defaultClass: { name: string; others: string[] } | undefined;
}

/** The kinds `readObjects` reads: the binding model ignores every other manifest. */
export const BINDING_KINDS: ReadonlySet<unknown> = new Set(['StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'StatefulSet']);

export function readObjects(manifests: readonly Manifest[]): ObjectSet {
  const classes = new Map<string, StorageClassObject>();
  for (const manifest of manifests) {
    if (manifest.value.kind !== 'StorageClass') continue;
    const storageClass = readStorageClass(manifest);
    if (storageClass && !classes.has(storageClass.name)) classes.set(storageClass.name, storageClass);
  }
  const defaultClass = pickDefault([...classes.values()].filter((candidate) => candidate.isDefault));
  const volumes: VolumeObject[] = [];
  const seenVolumes = new Set<string>();
  for (const manifest of manifests) {
    if (manifest.value.kind !== 'PersistentVolume') continue;
    const volume = readVolume(manifest);
    // A second object of the same name is refused on create (AlreadyExists); `apply` would update the first.
    if (seenVolumes.has(volume.name)) continue;
    seenVolumes.add(volume.name);
    volumes.push(volume);
  }
  const explicit = new Map<string, ClaimObject>();
  for (const manifest of manifests) {
    if (manifest.value.kind !== 'PersistentVolumeClaim') continue;
    const claim = readClaim(manifest, [], manifest.value, namespaceOf(manifest), defaultClass?.name);
    if (!explicit.has(claim.key)) explicit.set(claim.key, claim);
  }
  const claims: ClaimObject[] = [];
  /** The claims listed so far, by key. */
  const placed = new Map<string, ClaimObject>();
  const place = (claim: ClaimObject) => {
    placed.set(claim.key, claim);
    claims.push(claim);
  };
  for (const manifest of manifests) {
    if (manifest.value.kind === 'PersistentVolumeClaim') {
      const claim = explicit.get(`${namespaceOf(manifest)}/${asString(manifest.value.metadata?.name) ?? ''}`);
      if (claim && claim.manifest === manifest && !placed.has(claim.key)) place(claim);
    } else if (manifest.value.kind === 'StatefulSet') {
      for (const claim of expandStatefulSet(manifest, explicit, defaultClass?.name)) {
        const listed = placed.get(claim.key);
        // The explicit claim is already listed: give it the StatefulSet's ordinal.
        if (listed && !claim.fromTemplate) Object.assign(listed, { statefulSet: claim.statefulSet, template: claim.template, ordinal: claim.ordinal });
        if (!listed) place(claim);
      }
    }
  }
  return { volumes, claims, classes, defaultClass };
}

/** `<template>-<statefulset>-<ordinal>` for ordinals spec.ordinals.start .. start+replicas-1 (getPersistentVolumeClaimName). */
function expandStatefulSet(manifest: Manifest, explicit: Map<string, ClaimObject>, defaultClass: string | undefined): ClaimObject[] {
  const setName = asString(manifest.value.metadata?.name);
  if (!setName) return [];
  const spec = asObject(manifest.value['spec']) ?? {};
  const namespace = namespaceOf(manifest);
  const replicas = wholeNumber(spec['replicas']) ?? 1;
  const start = wholeNumber(asObject(spec['ordinals'])?.['start']) ?? 0;
  const ordered = spec['podManagementPolicy'] !== 'Parallel';
  // Each template is read once (its claims differ only in name): a StatefulSet may have hundreds of replicas.
  let read: ClaimObject[] | undefined;
  const templates = asArray(spec['volumeClaimTemplates']).flatMap((template, index) => {
    const name = asString(getIn(template, ['metadata', 'name']));
    return name ? [{ template, index, name }] : [];
  });
  const readTemplate = (i: number) => {
    read ??= templates.map(({ template, index, name }) => readClaim(manifest, ['spec', 'volumeClaimTemplates', index], template, namespace, defaultClass, name));
    return read[i]!;
  };
  const claims: ClaimObject[] = [];
  let previous: string[] = [];
  // Ordinal by ordinal: with OrderedReady, pod i+1 (and the claims it creates) waits until pod i is Ready, which needs
  // every claim of ordinal i bound (pkg/controller/statefulset/stateful_set_control.go).
  for (let ordinal = start; ordinal < start + Math.min(replicas, MAX_REPLICAS); ordinal++) {
    const current: string[] = [];
    for (const [i, { name: templateName }] of templates.entries()) {
      const name = `${templateName}-${setName}-${ordinal}`;
      const key = `${namespace}/${name}`;
      const existing = explicit.get(key);
      const about = { statefulSet: setName, template: templateName, ordinal };
      const claim: ClaimObject = existing ? { ...existing, fromTemplate: false, ...about } : { ...readTemplate(i), name, key, fromTemplate: true, ...about };
      if (ordered && previous.length > 0 && claim.fromTemplate) claim.createdAfter = previous;
      current.push(key);
      claims.push(claim);
    }
    previous = current;
  }
  return claims;
}

function readClaim(manifest: Manifest, path: Path, value: unknown, namespace: string, defaultClass: string | undefined, name?: string): ClaimObject {
  const object = asObject(value) ?? {};
  const metadata = asObject(object['metadata']) ?? {};
  const spec = asObject(object['spec']) ?? {};
  const claimName = name ?? asString(metadata['name']) ?? '';
  const problems: string[] = [];
  if (!claimName) problems.push('it has no metadata.name');

  const requested = getIn(spec, ['resources', 'requests', 'storage']);
  let request: Quantity | undefined;
  if (requested === undefined) problems.push('spec.resources.requests.storage is required');
  else {
    const parsed = parseQuantity(requested);
    if (!parsed.ok) problems.push(`spec.resources.requests.storage: ${parsed.error}`);
    else if (parsed.quantity.nanos <= 0n) problems.push('spec.resources.requests.storage must be greater than zero');
    else request = parsed.quantity;
  }
  const accessModes = readModes(spec['accessModes'], problems);
  if (accessModes.length === 0 && !problems.some((problem) => problem.startsWith('spec.accessModes'))) problems.push('spec.accessModes needs at least one mode');

  const settings = classSettings(metadata, spec);
  const resolved = claimClass(settings);
  let className = '';
  let classSource: ClaimObject['classSource'] = 'none';
  if (resolved.state === 'unknown') problems.push('its storage class is not a string');
  else if (resolved.state === 'set') {
    className = resolved.value;
    classSource = settings.annotation.state === 'set' ? 'annotation' : 'field';
  } else if (defaultClass !== undefined) {
    // DefaultStorageClass admission (plugin/pkg/admission/storage/storageclass/setdefault) on CREATE, for claims with no class at all.
    className = defaultClass;
    classSource = 'default';
  }

  let selector: Selector | undefined;
  if (spec['selector'] !== undefined && spec['selector'] !== null) {
    const parsed = parseLabelSelector(spec['selector']);
    if (parsed.ok) selector = parsed.selector;
    else problems.push(...parsed.problems.map((problem) => `spec.selector: ${problem}`));
  }
  const annotations = asObject(metadata['annotations']) ?? {};
  const volumeMode = readVolumeMode(spec['volumeMode'], problems);
  return {
    namespace,
    name: claimName,
    key: `${namespace}/${claimName}`,
    manifest,
    path,
    // Every claim has every field, set or not, so all claims share one shape: fields added later (a StatefulSet's
    // place) would give each claim a hidden class of its own, several hundred bytes each in a large run.
    statefulSet: undefined,
    template: undefined,
    ordinal: undefined,
    fromTemplate: false,
    createdAfter: undefined,
    uid: asString(metadata['uid']) || undefined,
    request,
    accessModes,
    className,
    classSource,
    volumeMode,
    attributesClass: asString(spec['volumeAttributesClassName']),
    selector,
    volumeName: asString(spec['volumeName']) ?? '',
    bindCompleted: hasKey(annotations, ANN_BIND_COMPLETED),
    boundByController: hasKey(annotations, ANN_BOUND_BY_CONTROLLER),
    dataSource: asObject(spec['dataSource']) !== undefined || asObject(spec['dataSourceRef']) !== undefined,
    rejected: problems.length > 0 ? problems.join('; ') : undefined,
  };
}

function readVolume(manifest: Manifest): VolumeObject {
  const metadata = asObject(manifest.value.metadata) ?? {};
  const spec = asObject(manifest.value['spec']) ?? {};
  const problems: string[] = [];
  const name = asString(metadata['name']) ?? '';
  if (!name) problems.push('it has no metadata.name');
  let capacity: Quantity | undefined;
  const rawCapacity = getIn(spec, ['capacity', 'storage']);
  if (rawCapacity === undefined) problems.push('spec.capacity.storage is required');
  else {
    const parsed = parseQuantity(rawCapacity);
    // ValidatePersistentVolumeSpec and ValidatePersistentVolumeClaimSpec: ValidatePositiveQuantityValue.
    if (!parsed.ok) problems.push(`spec.capacity.storage: ${parsed.error}`);
    else if (parsed.quantity.nanos <= 0n) problems.push('spec.capacity.storage must be greater than zero');
    else capacity = parsed.quantity;
  }
  const accessModes = readModes(spec['accessModes'], problems);
  if (accessModes.length === 0 && !problems.some((problem) => problem.startsWith('spec.accessModes'))) problems.push('spec.accessModes is required');
  const className = volumeClass(classSettings(metadata, spec));
  if (className === undefined) problems.push('its storage class is not a string');
  const rawRef = asObject(spec['claimRef']);
  const claimRef = rawRef
    ? { namespace: asString(rawRef['namespace']) ?? '', name: asString(rawRef['name']) ?? '', uid: asString(rawRef['uid']) ?? '' }
    : undefined;
  const phase = asString(getIn(manifest.value, ['status', 'phase']));
  return {
    name,
    manifest,
    capacity,
    accessModes,
    className: className ?? '',
    volumeMode: readVolumeMode(spec['volumeMode'], problems),
    attributesClass: asString(spec['volumeAttributesClassName']),
    labels: labelsOf(metadata),
    claimRef,
    phase: phase || undefined,
    deleting: metadata['deletionTimestamp'] !== undefined && metadata['deletionTimestamp'] !== null,
    hasNodeAffinity: asObject(spec['nodeAffinity']) !== undefined,
    rejected: problems.length > 0 ? problems.join('; ') : undefined,
  };
}

function readStorageClass(manifest: Manifest): StorageClassObject | undefined {
  const name = asString(manifest.value.metadata?.name);
  if (!name) return undefined;
  return {
    name,
    provisioner: asString(manifest.value['provisioner']) ?? '',
    waitForFirstConsumer: manifest.value['volumeBindingMode'] === 'WaitForFirstConsumer',
    isDefault: isDefaultClass(manifest.value.metadata),
    creationTimestamp: asString(getIn(manifest.value, ['metadata', 'creationTimestamp'])),
  };
}

/** GetDefaultClass (pkg/volume/util/storageclass.go): newest first, then by name. */
function pickDefault(defaults: StorageClassObject[]): ObjectSet['defaultClass'] {
  if (defaults.length === 0) return undefined;
  const sorted = [...defaults].sort((a, b) => {
    const [ta, tb] = [Date.parse(a.creationTimestamp ?? '') || 0, Date.parse(b.creationTimestamp ?? '') || 0];
    return ta !== tb ? tb - ta : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  return { name: sorted[0]!.name, others: sorted.slice(1).map((other) => other.name) };
}

function readModes(value: unknown, problems: string[]): string[] {
  if (value !== undefined && value !== null && !Array.isArray(value)) {
    problems.push('spec.accessModes must be a list');
    return [];
  }
  const modes = asArray(value);
  for (const mode of modes) {
    if (typeof mode !== 'string' || !VALID_MODES.has(mode)) problems.push(`spec.accessModes: ${JSON.stringify(mode)} is not an access mode`);
  }
  const known = MODE_ORDER.filter((mode) => modes.includes(mode));
  // ValidatePersistentVolumeSpec / ValidatePersistentVolumeClaimSpec: "may not use ReadWriteOncePod with other access modes".
  if (known.includes('ReadWriteOncePod') && known.length > 1) problems.push('spec.accessModes may not combine ReadWriteOncePod with other modes');
  return known;
}

/** nil is Filesystem (SetDefaults_PersistentVolume(Claim)Spec, CheckVolumeModeMismatches). */
function readVolumeMode(value: unknown, problems: string[]): string {
  if (value === undefined || value === null) return 'Filesystem';
  if (value !== 'Filesystem' && value !== 'Block') problems.push(`spec.volumeMode ${JSON.stringify(value)} must be Filesystem or Block`);
  return typeof value === 'string' ? value : 'Filesystem';
}

function namespaceOf(manifest: Manifest): string {
  return asString(manifest.value.metadata?.namespace) || DEFAULT_NAMESPACE;
}

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
