import { describeClaimObject, intendedVolume, oncePerPlace, readObjects } from '../binding/index.js';
import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import { getIn } from '../model/values.js';

export default defineRule({
  id: 'pv-pvc-access-modes',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow claims that ask for an access mode the volume they are meant for does not offer',
      recommended: 'error',
      kinds: ['PersistentVolumeClaim', 'StatefulSet', 'PersistentVolume'],
    },
    crossDocumentKinds: ['PersistentVolume', 'PersistentVolumeClaim', 'StatefulSet', 'StorageClass'],
    fixable: 'code',
    messages: {
      missingMode: '{{claim}} asks for {{missing}}, which volume "{{volume}}" ({{by}}) lacks (it offers {{offered}}): it will not bind; ask for {{offered}}.',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    return {
      Run(manifests) {
        const objects = readObjects(manifests);
        const findings = objects.claims.flatMap((claim) => {
          if (claim.rejected) return [];
          const intended = intendedVolume(claim, objects);
          // Pre-bound both ways: the controller checks nothing and binds anyway.
          if (!intended || intended.by === 'both') return [];
          // The controller only searches access-mode groups holding every requested mode (index.go findByClaim);
          // spec.volumeName goes through CheckAccessModes: the same subset rule.
          const missing = claim.accessModes.filter((mode) => !intended.volume.accessModes.includes(mode));
          return missing.length > 0 ? [{ claim, missing, ...intended }] : [];
        });
        for (const { claim, missing, volume, by } of oncePerPlace(findings)) {
          const path = [...claim.path, 'spec', 'accessModes'];
          context.report({
            manifest: claim.manifest,
            path,
            messageId: 'missingMode',
            data: {
              claim: describeClaimObject(claim),
              missing: missing.join(', '),
              volume: volume.name,
              by: by === 'volumeName' ? 'its spec.volumeName' : by === 'claimRef' ? 'reserved for it by claimRef' : 'the one its selector matches',
              offered: volume.accessModes.join(', '),
            },
            fix: [{ op: 'set', path, value: getIn(volume.manifest.value, ['spec', 'accessModes']) }],
          });
        }
      },
    };
  },
});
