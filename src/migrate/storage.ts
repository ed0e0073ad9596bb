import { createHash } from 'node:crypto';
import { asArray, asObject, asString, type PlainObject } from '../model/values.js';
import { BETA_STORAGE_CLASS_ANNOTATION } from '../model/storage-class.js';
import { diskOf, needsCsi, regionOf, removedIn, sourceFieldOf, toCsiSource, zoneOf, zonesOf, ZONE_KEYS, type Disk } from './disk.js';
import { nameOf, removeAnnotations, stripServerState } from './clean.js';
import type { Pairing } from './pairing.js';
import type { Change, MigrateOptions, Warning } from './types.js';

/** One claim with data, re-attached in the target: the rows of MIGRATION.md's binding table. */
export interface Binding {
  /** `namespace/name` of the claim in the target cluster. */
  claim: string;
  volume: string;
  disk: Disk;
  size: string;
  zone: string | undefined;
  /** How the source pairing was found. */
  pairedBy: Pairing['how'];
  sourceReclaimPolicy: string;
  /** The pins written: `claimRef`, `volumeName`, `selector`. */
  pins: string[];
  /** The label value the claim selects. */
  labelValue: string;
}

/** Finalizers of dynamic provisioning: they exist to delete the disk (kubernetes-semantics.md §4.3). */
const PROVISIONER_FINALIZERS = ['kubernetes.io/pv-controller', 'external-provisioner.volume.kubernetes.io/finalizer', 'kubernetes.io/pv-protection'];
const PVC_PROTECTION = 'kubernetes.io/pvc-protection';

export interface StaticPair {
  volume: PlainObject;
  claim: PlainObject;
  binding: Binding;
  changes: Change[];
  warnings: Warning[];
}

/**
 * A static PersistentVolume on the same disk as the source volume, and the claim pinned to it. `namespace` is the
 * claim's namespace in the target (after `--namespace-map`).
 */
export function staticPair(pairing: Pairing & { volume: PlainObject }, namespace: string, options: MigrateOptions): StaticPair {
  const source = pairing.volume;
  const sourceSpec = asObject(source['spec']) ?? {};
  const volumeName = nameOf(source);
  const claimName = pairing.claim.name;
  const claimId = `${namespace}/${claimName}`;
  const volumeId = `PersistentVolume ${volumeName}`;
  const changes: Change[] = [];
  const warnings: Warning[] = [];
  const change = (object: string, what: string, why: string) => changes.push({ object, what, why });

  const field = sourceFieldOf(sourceSpec) ?? 'unknown';
  const zone = zoneOf(source);
  let volumeSource: [string, unknown] = [field, structuredClone(sourceSpec[field])];
  if (needsCsi(field, options.kubernetesVersion, options.csi)) {
    const csi = toCsiSource(field, asObject(sourceSpec[field]) ?? {}, zone);
    if (csi) {
      volumeSource = ['csi', csi];
      change(volumeId, `${field} → csi (${String(csi['driver'])})`, options.csi ? '--csi was given' : `the in-tree ${field} plugin was removed in Kubernetes ${removedIn(field)}`);
      if (field === 'gcePersistentDisk') warnings.push({ object: volumeId, message: `the CSI handle names project UNSPECIFIED${zone ? '' : ' and zone UNSPECIFIED'}: the PD CSI driver resolves it, but writing the real project is clearer` });
    } else {
      warnings.push({ object: volumeId, message: `${field} cannot be converted to CSI (an Azure disk needs kind: Managed); the target needs the in-tree plugin or a hand-written csi source` });
    }
  }

  if (volumeSource[0] === 'csi') {
    const dropped = dropProvisionerAttributes(asObject(volumeSource[1]));
    if (dropped.length > 0) change(volumeId, `csi.volumeAttributes ${dropped.join(', ')} removed`, 'written by the CSI provisioner about the source claim; they would describe the wrong claim');
  }

  const capacity = asObject(sourceSpec['capacity'])?.['storage'];
  const size = capacity === undefined ? '' : String(capacity);
  const accessModes = asArray(sourceSpec['accessModes']).filter((mode) => typeof mode === 'string');
  const labelValue = labelValueFor(volumeName);
  const pins = pinsFor(options.prebind);

  const { value: cleaned } = stripServerState(source);
  const metadata = asObject(cleaned['metadata']) ?? {};
  removeAnnotations(metadata, [BETA_STORAGE_CLASS_ANNOTATION]);
  const finalizers = asArray(metadata['finalizers']).filter((item) => !PROVISIONER_FINALIZERS.includes(String(item)));
  if (finalizers.length > 0) metadata['finalizers'] = finalizers;
  else delete metadata['finalizers'];
  metadata['labels'] = { ...(asObject(metadata['labels']) ?? {}), [options.labelKey]: labelValue };

  const spec: PlainObject = {};
  spec['capacity'] = { storage: capacity };
  spec['accessModes'] = accessModes;
  if (sourceSpec['volumeMode'] !== undefined) spec['volumeMode'] = sourceSpec['volumeMode'];
  spec['persistentVolumeReclaimPolicy'] = 'Retain';
  spec['storageClassName'] = '';
  if (sourceSpec['mountOptions'] !== undefined) spec['mountOptions'] = sourceSpec['mountOptions'];
  spec[volumeSource[0]] = volumeSource[1];
  const affinity = nodeAffinityFor(source, zone);
  if (affinity) spec['nodeAffinity'] = affinity.value;
  if (pins.includes('claimRef')) spec['claimRef'] = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace, name: claimName };
  const volume = { apiVersion: 'v1', kind: 'PersistentVolume', metadata, spec };

  const policy = asString(sourceSpec['persistentVolumeReclaimPolicy']) ?? 'Retain';
  if (policy !== 'Retain') change(volumeId, `persistentVolumeReclaimPolicy ${policy} → Retain`, 'deleting the volume or its claim must never delete the disk');
  const sourceClass = asString(sourceSpec['storageClassName']) ?? '';
  if (sourceClass !== '') change(volumeId, `storageClassName "${sourceClass}" → ""`, 'a static volume: no provisioner may act on it');
  if (affinity?.derived) change(volumeId, `nodeAffinity ${ZONE_KEYS[0]} In [${zonesOf(zone!).join(', ')}]`, 'derived from the zone label: pods must run where the disk can attach');
  if (pins.includes('claimRef')) change(volumeId, `claimRef → ${claimId} (no uid)`, 'reserves the volume for its claim; a uid from the source cluster would leave it Released forever');
  change(volumeId, `label ${options.labelKey}: ${labelValue}`, 'the claim selects its volume by this label');
  if (!zone) warnings.push({ object: volumeId, message: 'no zone is known for this disk: if it is zonal, add nodeAffinity for its zone or pods may be scheduled where it cannot attach' });
  const region = regionOf(source);
  if (region) warnings.push({ object: volumeId, message: `the disk is in region ${region}: a target cluster in another region cannot attach it` });

  const claim = claimFor(pairing, namespace, volumeName, labelValue, volume, options, change);
  const disk = diskOf(spec)!;
  return {
    volume,
    claim,
    binding: { claim: claimId, volume: volumeName, disk, size, zone, pairedBy: pairing.how, sourceReclaimPolicy: policy, pins, labelValue },
    changes,
    warnings,
  };
}

function claimFor(
  pairing: Pairing,
  namespace: string,
  volumeName: string,
  labelValue: string,
  volume: { spec: PlainObject },
  options: MigrateOptions,
  change: (object: string, what: string, why: string) => void,
): PlainObject {
  const object = `PersistentVolumeClaim ${namespace}/${pairing.claim.name}`;
  const stripped = pairing.claim.object ? stripServerState(pairing.claim.object) : undefined;
  const base = stripped?.value ?? { apiVersion: 'v1', kind: 'PersistentVolumeClaim' };
  if (stripped && stripped.removed.length > 0) change(object, `${stripped.removed.join(', ')} removed`, 'written by the source cluster; the target writes its own');
  const metadata: PlainObject = { ...(asObject(base['metadata']) ?? asObject(structuredClone(pairing.claim.metadata)) ?? {}), name: pairing.claim.name, namespace };
  removeAnnotations(metadata, [BETA_STORAGE_CLASS_ANNOTATION]);
  const finalizers = asArray(metadata['finalizers']).filter((item) => item !== PVC_PROTECTION);
  if (finalizers.length > 0) metadata['finalizers'] = finalizers;
  else delete metadata['finalizers'];
  if (pairing.claim.replica && !pairing.claim.object) change(object, 'created explicitly', `StatefulSet ${pairing.claim.replica.statefulSet} reuses an existing claim of this name, so replica ${pairing.claim.replica.ordinal} gets its own disk back`);

  const pins = pinsFor(options.prebind);
  const sourceSpec = asObject(base['spec']) ?? pairing.claim.spec;
  const spec: PlainObject = {};
  spec['accessModes'] = volume.spec['accessModes'];
  spec['resources'] = { requests: { storage: asObject(volume.spec['capacity'])?.['storage'] } };
  spec['storageClassName'] = '';
  if (volume.spec['volumeMode'] !== undefined) spec['volumeMode'] = volume.spec['volumeMode'];
  if (pins.includes('selector')) spec['selector'] = { matchLabels: { [options.labelKey]: labelValue } };
  if (pins.includes('volumeName')) spec['volumeName'] = volumeName;
  const sourceClass = asString(sourceSpec['storageClassName']);
  if (sourceClass !== '') change(object, `storageClassName ${sourceClass === undefined ? '(unset)' : `"${sourceClass}"`} → ""`, 'no provisioner may create a new, empty disk for it');
  const requested = asObject(asObject(sourceSpec['resources'])?.['requests'])?.['storage'];
  const capacity = asObject(volume.spec['capacity'])?.['storage'];
  if (String(requested) !== String(capacity)) change(object, `requests.storage ${String(requested)} → ${String(capacity)}`, "equal to the volume's capacity");
  if (pins.includes('volumeName')) change(object, `volumeName → ${volumeName}`, 'pins the claim to its volume before any other claim can take it');
  if (pins.includes('selector')) change(object, `selector ${options.labelKey}: ${labelValue}`, 'states which volume the claim wants');
  for (const dropped of ['dataSource', 'dataSourceRef', 'volumeAttributesClassName']) {
    if (sourceSpec[dropped] !== undefined) change(object, `${dropped} removed`, 'the data is already on the disk');
  }
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata, spec };
}

/**
 * Removes the volume attributes external-provisioner adds with --extra-create-metadata (`csi.storage.k8s.io/pvc/name`,
 * ...) and its identity (`storage.kubernetes.io/csiProvisionerIdentity`); returns the keys removed.
 */
function dropProvisionerAttributes(csi: PlainObject | undefined): string[] {
  const attributes = asObject(csi?.['volumeAttributes']);
  if (!csi || !attributes) return [];
  const dropped = Object.keys(attributes).filter((key) => key.startsWith('csi.storage.k8s.io/') || key === 'storage.kubernetes.io/csiProvisionerIdentity');
  for (const key of dropped) delete attributes[key];
  if (Object.keys(attributes).length === 0) delete csi['volumeAttributes'];
  return dropped;
}

/** The pins each `--prebind` mode writes. `both` pins each side to the other (path A' of the PV controller: nothing left to chance). */
export function pinsFor(prebind: MigrateOptions['prebind']): string[] {
  switch (prebind) {
    case 'claimref':
      return ['claimRef', 'selector'];
    case 'volumename':
      return ['volumeName', 'selector'];
    case 'selector':
      return ['selector'];
    case 'both':
      return ['claimRef', 'volumeName', 'selector'];
  }
}

/** The source volume's node affinity, or one derived from its zone label. */
function nodeAffinityFor(source: PlainObject, zone: string | undefined): { value: unknown; derived: boolean } | undefined {
  const existing = asObject(asObject(source['spec'])?.['nodeAffinity']);
  if (existing) return { value: structuredClone(existing), derived: false };
  if (!zone) return undefined;
  return {
    value: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE_KEYS[0], operator: 'In', values: zonesOf(zone) }] }] } },
    derived: true,
  };
}

/** A label value (at most 63 characters, alphanumeric at both ends) naming the volume; long names are shortened with a hash. */
export function labelValueFor(volumeName: string): string {
  const cleaned = volumeName.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  if (cleaned.length > 0 && cleaned.length <= 63 && cleaned === volumeName) return cleaned;
  const hash = createHash('sha256').update(volumeName).digest('hex').slice(0, 10);
  return `${cleaned.slice(0, 52).replace(/[^A-Za-z0-9]+$/, '')}-${hash}`.replace(/^-/, '');
}
