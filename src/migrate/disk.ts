import { asArray, asObject, asString, type PlainObject } from '../model/values.js';
import { atLeast } from '../config/kubernetes-version.js';

/**
 * Which disk a PersistentVolume stands for, whatever way it names it (in-tree or CSI). Two volumes hold the same data
 * exactly when their `id`s are equal: the CSI handle is built from the in-tree field as csi-translation-lib's
 * `TranslateInTreePVToCSI` does (plugins/{azure_disk,aws_ebs,gce_pd}.go), so a converted volume keeps its identity.
 */
export interface Disk {
  /** Comparable identity, e.g. `ebs.csi.aws.com:vol-0abc`. */
  id: string;
  /** What a reviewer recognises: the disk URI, volume ID, PD name or CSI handle. */
  label: string;
  /** The volume source field: `csi`, `azureDisk`, `awsElasticBlockStore`, ... */
  field: string;
  /** The CSI driver that serves this disk, when known. */
  driver?: string;
}

/** In-tree sources with a CSI replacement, and the release that removed the in-tree plugin (website volumes.md). */
interface InTreePlugin {
  driver: string;
  removedIn: readonly [number, number];
  /** The CSI volume handle for this source; undefined when the source lacks what the handle needs. */
  handle(source: PlainObject, zone: string | undefined): string | undefined;
  /** The CSI `volumeAttributes` the translation carries over. */
  attributes(source: PlainObject): Record<string, string>;
}

const IN_TREE: Record<string, InTreePlugin> = {
  azureDisk: {
    driver: 'disk.csi.azure.com',
    removedIn: [1, 27],
    handle: (source) => asString(source['diskURI']),
    attributes: (source) => stringsOf({ cachingMode: source['cachingMode'] }),
  },
  awsElasticBlockStore: {
    driver: 'ebs.csi.aws.com',
    removedIn: [1, 27],
    handle: (source) => ebsVolumeId(asString(source['volumeID'])),
    attributes: partitionAttribute,
  },
  gcePersistentDisk: {
    driver: 'pd.csi.storage.gke.io',
    removedIn: [1, 28],
    // The project is not in the in-tree spec; the driver accepts UNSPECIFIED (csi-translation-lib gce_pd.go).
    handle: (source, zone) => {
      const name = asString(source['pdName']);
      if (!name) return undefined;
      // A regional disk's zone label names its zones joined by `__`: its handle names the region (gce_pd.go volIDRegionalFmt).
      const zones = zonesOf(zone ?? 'UNSPECIFIED');
      return zones.length > 1 ? `projects/UNSPECIFIED/regions/${zones[0]!.replace(/-[^-]+$/, '')}/disks/${name}` : `projects/UNSPECIFIED/zones/${zones[0]}/disks/${name}`;
    },
    attributes: partitionAttribute,
  },
  cinder: {
    driver: 'cinder.csi.openstack.org',
    removedIn: [1, 26],
    handle: (source) => asString(source['volumeID']),
    attributes: () => ({}),
  },
  vsphereVolume: {
    driver: 'csi.vsphere.vmware.com',
    removedIn: [1, 30],
    handle: (source) => asString(source['volumePath']),
    attributes: (source) => stringsOf({ storagepolicyname: source['storagePolicyName'] }),
  },
  portworxVolume: {
    driver: 'pxd.portworx.com',
    removedIn: [1, 36],
    handle: (source) => asString(source['volumeID']),
    attributes: () => ({}),
  },
};

/** The field of each in-tree source that names its disk. */
const IN_TREE_ID_FIELD: Record<string, string> = {
  azureDisk: 'diskURI',
  awsElasticBlockStore: 'volumeID',
  gcePersistentDisk: 'pdName',
  cinder: 'volumeID',
  vsphereVolume: 'volumePath',
  portworxVolume: 'volumeID',
};

/** Every volume source field of PersistentVolumeSpec (core/v1 types.go, PersistentVolumeSource). */
const SOURCE_FIELDS = [
  'csi', 'azureDisk', 'awsElasticBlockStore', 'gcePersistentDisk', 'cinder', 'vsphereVolume', 'portworxVolume', 'azureFile',
  'nfs', 'iscsi', 'fc', 'rbd', 'cephfs', 'glusterfs', 'flexVolume', 'flocker', 'hostPath', 'local', 'photonPersistentDisk',
  'quobyte', 'scaleIO', 'storageos',
];

/** The volume source field a PV spec uses (the first one present). */
export function sourceFieldOf(spec: PlainObject): string | undefined {
  return SOURCE_FIELDS.find((field) => asObject(spec[field]) !== undefined);
}

export function diskOf(spec: PlainObject): Disk | undefined {
  const field = sourceFieldOf(spec);
  if (!field) return undefined;
  const source = asObject(spec[field])!;
  if (field === 'csi') {
    const driver = asString(source['driver']) ?? '';
    const handle = asString(source['volumeHandle']) ?? '';
    if (!handle) return undefined;
    return { id: `${driver}:${normalizeHandle(driver, handle)}`, label: handle, field, driver };
  }
  const plugin = IN_TREE[field];
  const idField = IN_TREE_ID_FIELD[field];
  const value = idField ? asString(source[idField]) : undefined;
  if (plugin && value) {
    // Read from the in-tree field itself, not through toCsiSource: a conversion that changed the disk would show.
    const handle = field === 'awsElasticBlockStore' ? ebsVolumeId(value) ?? value : value;
    return { id: `${plugin.driver}:${normalizeHandle(plugin.driver, handle)}`, label: value, field, driver: plugin.driver };
  }
  if (plugin) return undefined;
  // Sources without a CSI twin (nfs, local, hostPath, ...) are identified by their whole definition.
  return { id: `${field}:${stableJson(source)}`, label: `${field} ${stableJson(source)}`, field };
}

/** Whether the target needs (or the user asked for) the CSI form of this in-tree source. */
export function needsCsi(field: string, version: readonly [number, number], forced: boolean): boolean {
  const plugin = IN_TREE[field];
  return plugin !== undefined && (forced || atLeast(version, plugin.removedIn[0], plugin.removedIn[1]));
}

export function removedIn(field: string): string | undefined {
  const plugin = IN_TREE[field];
  return plugin ? `${plugin.removedIn[0]}.${plugin.removedIn[1]}` : undefined;
}

/**
 * The `csi` source equivalent to an in-tree one, as csi-translation-lib translates it; undefined when the source
 * cannot be translated (an Azure disk that is not `kind: Managed`: "kind(...) is not supported in csi migration").
 */
export function toCsiSource(field: string, source: PlainObject, zone: string | undefined): PlainObject | undefined {
  const plugin = IN_TREE[field];
  if (!plugin) return undefined;
  if (field === 'azureDisk' && source['kind'] !== 'Managed') return undefined;
  const volumeHandle = plugin.handle(source, zone);
  if (!volumeHandle) return undefined;
  const csi: PlainObject = { driver: plugin.driver, volumeHandle };
  if (typeof source['fsType'] === 'string') csi['fsType'] = source['fsType'];
  if (source['readOnly'] === true) csi['readOnly'] = true;
  const attributes = plugin.attributes(source);
  if (Object.keys(attributes).length > 0) csi['volumeAttributes'] = attributes;
  return csi;
}

/** The zones a zone label names: a regional disk's label holds several, joined by `__` (volumehelpers.LabelMultiZoneDelimiter). */
export function zonesOf(zone: string): string[] {
  return zone.split('__');
}

/** Node labels that carry a zone, newest first; the CSI drivers' own topology keys are read too. */
export const ZONE_KEYS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];
const REGION_KEYS = ['topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/region'];
const isZoneKey = (key: string) => ZONE_KEYS.includes(key) || /^topology\.[a-z0-9.-]+\/zone$/.test(key);

/** The zone of a volume: from its node affinity first, then its labels (translateTopologyFromInTreeToCSI's order). */
export function zoneOf(volume: PlainObject): string | undefined {
  const spec = asObject(volume['spec']) ?? {};
  const terms = asArray(asObject(asObject(asObject(spec['nodeAffinity'])?.['required']))?.['nodeSelectorTerms']);
  for (const term of terms) {
    for (const expression of asArray(asObject(term)?.['matchExpressions'])) {
      const { key, operator, values } = asObject(expression) ?? {};
      const list = asArray(values);
      if (typeof key === 'string' && isZoneKey(key) && operator === 'In' && list.length === 1 && typeof list[0] === 'string') return list[0];
    }
  }
  return labelIn(volume, ZONE_KEYS);
}

export function regionOf(volume: PlainObject): string | undefined {
  return labelIn(volume, REGION_KEYS);
}

function labelIn(volume: PlainObject, keys: readonly string[]): string | undefined {
  const labels = asObject(asObject(volume['metadata'])?.['labels']) ?? {};
  for (const key of keys) {
    const value = asString(labels[key]);
    if (value) return value;
  }
  return undefined;
}

/** `aws://us-east-1a/vol-0abc`, `aws:///vol-0abc` and `vol-0abc` are one volume (KubernetesVolumeIDToEBSVolumeID). */
function ebsVolumeId(volumeId: string | undefined): string | undefined {
  if (!volumeId) return undefined;
  const last = volumeId.split('/').pop() ?? '';
  return /^vol-[^/]+$/.test(last) ? last : volumeId;
}

/** Handles that name one disk in more than one spelling are reduced to one. */
function normalizeHandle(driver: string, handle: string): string {
  // Azure resource IDs are case-insensitive (the driver's own example writes `resourcegroups`, the portal `resourceGroups`).
  if (driver === 'disk.csi.azure.com') return handle.toLowerCase();
  if (driver === 'ebs.csi.aws.com') return ebsVolumeId(handle) ?? handle;
  // projects/<p>/zones/<z>/disks/<name>: the project may be UNSPECIFIED after a translation; the disk name and location identify it.
  if (driver === 'pd.csi.storage.gke.io') return handle.split('/').pop() ?? handle;
  return handle;
}

/** A partition other than 0 (the whole disk) is carried as `volumeAttributes.partition` (csi-translation-lib aws_ebs.go, gce_pd.go). */
function partitionAttribute(source: PlainObject): Record<string, string> {
  const partition = source['partition'];
  return typeof partition === 'number' && partition > 0 ? { partition: String(partition) } : {};
}

function stringsOf(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const object = asObject(value);
  if (object) return `{${Object.keys(object).sort().map((key) => `${JSON.stringify(key)}:${stableJson(object[key])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
