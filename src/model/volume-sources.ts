/**
 * PersistentVolume and pod volume sources: which exist, what each requires, which in-tree plugins are gone.
 *
 * Required fields: kubernetes pkg/apis/core/validation/validation.go, `ValidatePersistentVolumeSpec` and the
 * `validate<Source>VolumeSource` functions it calls. Removals: website content/en/docs/concepts/storage/volumes.md,
 * and CSI drivers: csi-translation-lib plugins/*.go (see shared/reference/kubernetes-semantics.md section 5).
 */

/** Every field of `PersistentVolumeSource`; a PV must set exactly one (`ValidatePersistentVolumeSpec`). */
export const PV_SOURCES = [
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'csi',
  'fc',
  'flexVolume',
  'flocker',
  'gcePersistentDisk',
  'glusterfs',
  'hostPath',
  'iscsi',
  'local',
  'nfs',
  'photonPersistentDisk',
  'portworxVolume',
  'quobyte',
  'rbd',
  'scaleIO',
  'storageos',
  'vsphereVolume',
] as const;

/**
 * Fields a source cannot do without (strings that must be non-empty, or a non-empty list for `monitors`).
 * Sources whose rule is an either-or (fc, flocker) are left out.
 */
export const REQUIRED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  awsElasticBlockStore: ['volumeID'],
  azureDisk: ['diskName', 'diskURI'],
  azureFile: ['secretName', 'shareName'],
  cephfs: ['monitors'],
  cinder: ['volumeID'],
  csi: ['driver', 'volumeHandle'],
  flexVolume: ['driver'],
  gcePersistentDisk: ['pdName'],
  glusterfs: ['endpoints', 'path'],
  hostPath: ['path'],
  iscsi: ['targetPortal', 'iqn'],
  local: ['path'],
  nfs: ['server', 'path'],
  photonPersistentDisk: ['pdID'],
  portworxVolume: ['volumeID'],
  quobyte: ['registry', 'volume'],
  rbd: ['monitors', 'image'],
  scaleIO: ['gateway', 'system', 'secretRef'],
  vsphereVolume: ['volumePath'],
};

export interface InTreePlugin {
  /** The minor release of Kubernetes 1.x whose kubelet and controllers no longer have the plugin. */
  removedIn: number;
  /** The CSI driver CSI migration redirects it to; absent when nothing takes over and the volume stops working. */
  driver?: string;
  /** The driver's zone topology key, for a PV's node affinity. */
  topologyKey?: string;
}

export const IN_TREE_PLUGINS: Readonly<Record<string, InTreePlugin>> = {
  awsElasticBlockStore: { removedIn: 27, driver: 'ebs.csi.aws.com', topologyKey: 'topology.ebs.csi.aws.com/zone' },
  azureDisk: { removedIn: 27, driver: 'disk.csi.azure.com', topologyKey: 'topology.disk.csi.azure.com/zone' },
  azureFile: { removedIn: 30, driver: 'file.csi.azure.com' },
  gcePersistentDisk: { removedIn: 28, driver: 'pd.csi.storage.gke.io', topologyKey: 'topology.gke.io/zone' },
  cinder: { removedIn: 26, driver: 'cinder.csi.openstack.org', topologyKey: 'topology.cinder.csi.openstack.org/zone' },
  vsphereVolume: { removedIn: 30, driver: 'csi.vsphere.vmware.com' },
  portworxVolume: { removedIn: 36, driver: 'pxd.portworx.com' },
  cephfs: { removedIn: 31 },
  rbd: { removedIn: 31 },
  glusterfs: { removedIn: 26 },
  flocker: { removedIn: 25 },
  quobyte: { removedIn: 25 },
  storageos: { removedIn: 25 },
  scaleIO: { removedIn: 22 },
  photonPersistentDisk: { removedIn: 16 },
};

/** An Azure managed disk's ARM id; the fixed segments are case-insensitive, as Azure resource ids are. */
const ARM_DISK_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/disks\/([^/]+)$/i;

/** The disk name at the end of an Azure managed disk id, or undefined when `uri` is not one. */
export function armDiskName(uri: string): string | undefined {
  return ARM_DISK_ID.exec(uri)?.[1];
}

/**
 * An in-tree EBS volumeID as csi-translation-lib `KubernetesVolumeIDToEBSVolumeID` reads it: `aws://<zone>/vol-x`,
 * `aws:///vol-x` or `vol-x`. `id` must then match `^vol-[^/]*$` (the lib's `awsVolumeRegMatch`).
 */
export function parseEbsVolumeId(volumeID: string): { id: string; zone?: string; valid: boolean } {
  const url = /^aws:\/\/([^/]*)\/(.*)$/.exec(volumeID);
  const id = url ? url[2]! : volumeID;
  const zone = url?.[1] || undefined;
  return { id, ...(zone ? { zone } : {}), valid: /^vol-[^/]+$/.test(id) };
}

/** A GCE PD CSI volume handle: `projects/P/zones/Z/disks/D` or `projects/P/regions/R/disks/D`. */
export function isGcePdHandle(handle: string): boolean {
  return /^projects\/[^/]+\/(?:zones|regions)\/[^/]+\/disks\/[^/]+$/.test(handle);
}

/** The zone a PV's labels name, as csi-translation-lib reads them (GA label first, then the beta one). */
export function zoneLabel(labels: unknown): string | undefined {
  if (labels === null || typeof labels !== 'object') return undefined;
  const record = labels as Record<string, unknown>;
  for (const key of ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone']) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
