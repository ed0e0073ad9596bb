import { atLeast } from '../config/kubernetes-version.js';
import { NO_OPTIONS, defineRule, type ReportDescriptor } from '../engine/rule.js';
import type { Manifest, Path, PathOp } from '../engine/types.js';
import { toCsi, zoneAffinity } from '../model/csi-migration.js';
import { isPlaceholder } from '../model/placeholders.js';
import { armDiskName, IN_TREE_PLUGINS, isGcePdHandle, parseEbsVolumeId, PV_SOURCES, REQUIRED_FIELDS, zoneLabel } from '../model/volume-sources.js';
import { asArray, asObject, asString, getIn, hasKey, type PlainObject } from '../model/values.js';

const PV_SOURCE_SET: ReadonlySet<string> = new Set(PV_SOURCES);

type MessageId =
  | 'noSource'
  | 'manySources'
  | 'missingField'
  | 'removedMigrated'
  | 'removedGone'
  | 'azureDiskKind'
  | 'badDiskId'
  | 'diskNameMismatch'
  | 'toCsi';

/** Where one volume source sits and what it belongs to. */
interface Site {
  manifest: Manifest;
  /** Path of the source (`['spec', 'azureDisk']`, `['spec', 'volumes', 0, 'azureDisk']`). */
  path: Path;
  source: string;
  value: PlainObject;
  /** `PersistentVolume "data"` or `volume "data" of Pod "web"`, for messages. */
  owner: string;
  /** Set for a PersistentVolume source, which can be rewritten to CSI. */
  pv?: { spec: PlainObject; labels: unknown; onlySource: boolean };
}

export default defineRule({
  id: 'pv-volume-source',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require exactly one valid volume source on PersistentVolumes, no in-tree plugin the target version has removed, and disk identifiers that can be right',
      recommended: 'error',
      kinds: ['PersistentVolume', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'],
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      noSource: '{{owner}} has no volume source: the API server rejects it ("must specify a volume type"); add one, such as csi.',
      manySources: '{{owner}} has a second volume source, {{source}}, besides {{first}}: the API server rejects it ("may not specify more than 1 volume type"); keep one.',
      missingField: '{{owner}}: {{source}} has no {{field}}, which it requires: the API server rejects it; set {{field}}.',
      removedMigrated:
        '{{owner}} uses the in-tree {{source}} plugin, removed in Kubernetes 1.{{removedIn}}: it works only through CSI migration with the {{driver}} driver installed; use a csi source for {{driver}}.',
      removedGone: '{{owner}} uses the in-tree {{source}} plugin, removed in Kubernetes 1.{{removedIn}} with no CSI migration: the volume no longer mounts; move it to a CSI driver.',
      azureDiskKind:
        '{{owner}}: azureDisk.diskURI is a managed disk id (/subscriptions/...) but kind is {{kind}}: the API server rejects it; set kind: Managed.',
      badDiskId: '{{owner}}: {{field}} "{{value}}" is not {{expected}}, so the disk cannot be found; copy its id from the cloud provider.',
      diskNameMismatch: '{{owner}}: azureDisk.diskName "{{diskName}}" differs from the disk diskURI names, "{{uriName}}": one of them points at the wrong disk.',
      toCsi: 'Replace {{source}} with a csi source for {{driver}}{{affinity}}.',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    const report = (descriptor: ReportDescriptor<MessageId>) => context.report(descriptor);
    const removed = (source: string) => {
      const plugin = IN_TREE_PLUGINS[source];
      return plugin && atLeast(context.kubernetesVersion, 1, plugin.removedIn) ? plugin : undefined;
    };

    function check(site: Site): void {
      checkRequired(site, report);
      const identifiersOk = checkIdentifiers(site, report);
      const plugin = removed(site.source);
      if (!plugin) return;
      const data = { owner: site.owner, source: site.source, removedIn: plugin.removedIn, driver: plugin.driver ?? '' };
      const base = { manifest: site.manifest, path: site.path, at: 'key' as const, data };
      if (!plugin.driver) return report({ ...base, messageId: 'removedGone' });
      const conversion = site.pv?.onlySource ? toCsi(site.source, site.value, zoneLabel(site.pv.labels)) : undefined;
      if (!conversion || !site.pv) return report({ ...base, messageId: 'removedMigrated' });
      const specPath = site.path.slice(0, -1);
      const ops: PathOp[] = [
        { op: 'remove', path: site.path },
        { op: 'set', path: [...specPath, 'csi'], value: conversion.csi },
      ];
      const addAffinity = conversion.zone && !hasKey(site.pv.spec, 'nodeAffinity');
      if (addAffinity) ops.push({ op: 'set', path: [...specPath, 'nodeAffinity'], value: zoneAffinity(conversion.zone!) });
      const exact = conversion.exact && identifiersOk && !isPlaceholder(conversion.csi['volumeHandle']);
      const suggestion = {
        messageId: 'toCsi' as const,
        data: { source: site.source, driver: conversion.driver, affinity: addAffinity ? ` and pin it to zone ${conversion.zone!.value}` : '' },
        fix: ops,
      };
      report({ ...base, messageId: 'removedMigrated', ...(exact ? { fix: ops } : { suggest: [suggestion] }) });
    }

    return {
      PersistentVolume(manifest) {
        const spec = asObject(getIn(manifest.value, ['spec']));
        if (!spec) return;
        const owner = `PersistentVolume "${asString(getIn(manifest.value, ['metadata', 'name'])) ?? '(unnamed)'}"`;
        // In the order written, so the second one is reported.
        const present = Object.keys(spec).filter((key) => PV_SOURCE_SET.has(key) && spec[key] !== null);
        if (present.length === 0) {
          report({ manifest, path: ['spec'], at: 'key', messageId: 'noSource', data: { owner } });
          return;
        }
        for (const extra of present.slice(1)) {
          report({ manifest, path: ['spec', extra], at: 'key', messageId: 'manySources', data: { owner, source: extra, first: present[0]! } });
        }
        const labels = getIn(manifest.value, ['metadata', 'labels']);
        for (const source of present) {
          const value = asObject(spec[source]);
          if (!value) continue;
          check({ manifest, path: ['spec', source], source, value, owner, pv: { spec, labels, onlySource: present.length === 1 } });
        }
      },
      PodSpec(podSpec) {
        const object = `${podSpec.manifest.value.kind} "${asString(podSpec.manifest.value.metadata?.name) ?? '(unnamed)'}"`;
        asArray(podSpec.value.volumes).forEach((item, index) => {
          const volume = asObject(item);
          if (!volume) return;
          const owner = `volume "${asString(volume['name']) ?? index}" of ${object}`;
          // Inline CSI volumes are ephemeral and have other fields; only the in-tree sources are checked here.
          for (const source of Object.keys(IN_TREE_PLUGINS)) {
            const value = asObject(volume[source]);
            if (value) check({ manifest: podSpec.manifest, path: [...podSpec.path, 'volumes', index, source], source, value, owner });
          }
        });
      },
    };
  },
});

type Report = (descriptor: ReportDescriptor<MessageId>) => void;

function checkRequired(site: Site, report: Report): void {
  for (const field of REQUIRED_FIELDS[site.source] ?? []) {
    const value = site.value[field];
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) report({ manifest: site.manifest, path: [...site.path, field], messageId: 'missingField', data: { owner: site.owner, source: site.source, field } });
  }
}

/** A value that is not ours to judge: a documentation placeholder (placeholder-value's) or a template variable. */
function unjudged(value: string): boolean {
  return isPlaceholder(value) || value.includes('${') || value.includes('{{');
}

/** Reports identifiers that cannot be right; true when none was found wrong (placeholders count as not right). */
function checkIdentifiers(site: Site, report: Report): boolean {
  const { manifest, path, value, owner } = site;
  let ok = true;
  const bad = (field: string, text: string, expected: string) => {
    ok = false;
    report({ manifest, path: [...path, field], messageId: 'badDiskId', data: { owner, field: `${site.source}.${field}`, value: text, expected } });
  };
  const judged = (field: string): string | undefined => {
    const text = asString(value[field]);
    if (text !== undefined && unjudged(text)) ok = false;
    return text === undefined || text === '' || unjudged(text) ? undefined : text;
  };
  switch (site.source) {
    case 'azureDisk': {
      const uri = judged('diskURI');
      if (uri === undefined) break;
      // kind defaults to Shared (SetDefaults_AzureDiskVolumeSource); validateAzureDisk (validation.go) then requires
      // an https:// blob URI, and only kind Managed accepts /subscriptions/.
      const kind = asString(value['kind']) ?? 'Shared';
      if (uri.startsWith('/subscriptions/') && kind !== 'Managed') {
        ok = false;
        const kindPath = [...path, 'kind'];
        report({ manifest, path: kindPath, messageId: 'azureDiskKind', data: { owner, kind }, fix: [{ op: 'set', path: kindPath, value: 'Managed' }] });
      }
      if (kind !== 'Managed' && !uri.startsWith('/subscriptions/')) {
        // An unmanaged blob disk, which validateAzureDisk wants as an https:// URI (…/vhds/<name>.vhd).
        if (!uri.startsWith('https://')) bad('diskURI', uri, `an https:// blob URI, which kind ${kind} needs (or a managed disk id with kind: Managed)`);
        break;
      }
      const uriName = armDiskName(uri);
      if (uriName === undefined) {
        bad('diskURI', uri, 'an Azure managed disk id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Compute/disks/<name>)');
        break;
      }
      const diskName = judged('diskName');
      if (diskName !== undefined && diskName.toLowerCase() !== uriName.toLowerCase()) {
        ok = false;
        report({ manifest, path: [...path, 'diskName'], messageId: 'diskNameMismatch', data: { owner, diskName, uriName } });
      }
      break;
    }
    case 'awsElasticBlockStore': {
      const volumeID = judged('volumeID');
      if (volumeID !== undefined && !parseEbsVolumeId(volumeID).valid) bad('volumeID', volumeID, 'an EBS volume id (vol-…, or aws://<zone>/vol-…)');
      break;
    }
    case 'csi': {
      const driver = asString(value['driver']);
      const handle = judged('volumeHandle');
      if (handle === undefined) break;
      // `local-ebs://<device>` is the driver's node-local volume (aws-ebs-csi-driver examples/kubernetes/node-local-volumes).
      if (driver === 'ebs.csi.aws.com' && !/^vol-[^/]+$/.test(handle) && !handle.startsWith('local-ebs://')) {
        bad('volumeHandle', handle, 'an EBS volume id (vol-…)');
      }
      if (driver === 'disk.csi.azure.com' && armDiskName(handle) === undefined) {
        bad('volumeHandle', handle, 'an Azure managed disk id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Compute/disks/<name>)');
      }
      if (driver === 'pd.csi.storage.gke.io' && !isGcePdHandle(handle)) {
        bad('volumeHandle', handle, 'a GCE persistent disk handle (projects/<project>/zones/<zone>/disks/<name>)');
      }
      break;
    }
    default:
      for (const field of REQUIRED_FIELDS[site.source] ?? []) judged(field);
  }
  return ok;
}
