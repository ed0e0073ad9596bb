import { armDiskName, IN_TREE_PLUGINS, parseEbsVolumeId } from './volume-sources.js';
import { asObject, asString, type PlainObject } from './values.js';

/**
 * The CSI source that replaces an in-tree PV source, as csi-translation-lib's `TranslateInTreePVToCSI` builds it
 * (kubernetes staging/src/k8s.io/csi-translation-lib/plugins/{aws_ebs,azure_disk,gce_pd,openstack_cinder,portworx}.go),
 * minus its `csi-migration` marker attributes, which only the migration shim reads.
 */
export interface CsiConversion {
  driver: string;
  csi: PlainObject;
  /** A required node affinity to add (the driver's zone key), when the source names its zone. */
  zone?: { key: string; value: string };
  /**
   * False when the result needs a human: a value had to be guessed (a GCE project) or an identifier is not valid,
   * so the conversion is offered as a suggestion rather than applied by --fix.
   */
  exact: boolean;
}

/** Converts the in-tree `source` of a PV; undefined when there is no CSI equivalent to write. */
export function toCsi(sourceName: string, source: unknown, zoneFromLabels: string | undefined): CsiConversion | undefined {
  const value = asObject(source);
  if (!value) return undefined;
  const plugin = IN_TREE_PLUGINS[sourceName];
  const driver = plugin?.driver;
  if (!driver) return undefined;
  const zoneOf = (zone: string | undefined) => (zone && plugin.topologyKey ? { zone: { key: plugin.topologyKey, value: zone } } : {});
  switch (sourceName) {
    case 'awsElasticBlockStore': {
      const volumeID = asString(value['volumeID']);
      if (volumeID === undefined) return undefined;
      const parsed = parseEbsVolumeId(volumeID);
      const partition = value['partition'];
      const attributes = typeof partition === 'number' && partition !== 0 ? { volumeAttributes: { partition: String(partition) } } : {};
      const csi = { driver, volumeHandle: parsed.id, ...common(value), ...attributes };
      return { driver, csi, ...zoneOf(parsed.zone ?? zoneFromLabels), exact: parsed.valid };
    }
    case 'azureDisk': {
      const diskURI = asString(value['diskURI']);
      if (diskURI === undefined) return undefined;
      // The API server defaults cachingMode to ReadWrite and fsType to ext4 (SetDefaults_AzureDiskVolumeSource), so a
      // stored PV always has them and migration carries them over; the CSI driver's own caching default is ReadOnly.
      const fsType = asString(value['fsType']) ?? 'ext4';
      const cachingMode = asString(value['cachingMode']) ?? 'ReadWrite';
      const readOnly = typeof value['readOnly'] === 'boolean' ? { readOnly: value['readOnly'] } : {};
      const csi = { driver, volumeHandle: diskURI, fsType, ...readOnly, volumeAttributes: { cachingMode, fsType } };
      return { driver, csi, ...zoneOf(zoneFromLabels), exact: armDiskName(diskURI) !== undefined };
    }
    case 'gcePersistentDisk': {
      const pdName = asString(value['pdName']);
      // The handle needs the project, which the in-tree source does not say: migration writes UNSPECIFIED and the
      // driver repairs it, a hand-written PV should name it. So this is only ever a suggestion.
      if (pdName === undefined || !zoneFromLabels || zoneFromLabels.includes('__')) return undefined;
      const csi = { driver, volumeHandle: `projects/UNSPECIFIED/zones/${zoneFromLabels}/disks/${pdName}`, ...common(value) };
      return { driver, csi, ...zoneOf(zoneFromLabels), exact: false };
    }
    case 'cinder':
    case 'portworxVolume': {
      const volumeID = asString(value['volumeID']);
      if (volumeID === undefined) return undefined;
      return { driver, csi: { driver, volumeHandle: volumeID, ...common(value) }, ...zoneOf(zoneFromLabels), exact: true };
    }
    default:
      return undefined;
  }
}

/** `fsType` and `readOnly`, copied when set. */
function common(value: PlainObject): PlainObject {
  const result: PlainObject = {};
  if (typeof value['fsType'] === 'string') result['fsType'] = value['fsType'];
  if (typeof value['readOnly'] === 'boolean') result['readOnly'] = value['readOnly'];
  return result;
}

/** `spec.nodeAffinity` that pins the volume to a zone. */
export function zoneAffinity(zone: { key: string; value: string }): PlainObject {
  return { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: zone.key, operator: 'In', values: [zone.value] }] }] } };
}
