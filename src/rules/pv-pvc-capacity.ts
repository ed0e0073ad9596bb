import { describeClaimObject, intendedVolume, oncePerPlace, readObjects } from '../binding/index.js';
import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import { compareQuantities, quantityValue } from '../model/quantity.js';
import { getIn } from '../model/values.js';

export default defineRule({
  id: 'pv-pvc-capacity',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow claims that request more storage than the volume they are meant for offers',
      recommended: 'error',
      kinds: ['PersistentVolumeClaim', 'StatefulSet', 'PersistentVolume'],
    },
    crossDocumentKinds: ['PersistentVolume', 'PersistentVolumeClaim', 'StatefulSet', 'StorageClass'],
    fixable: 'code',
    messages: {
      tooLarge: '{{claim}} requests {{request}}, but volume "{{volume}}" ({{by}}) offers {{capacity}}: it will not bind; request {{capacity}}.',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    return {
      Run(manifests) {
        const objects = readObjects(manifests);
        const findings = objects.claims.flatMap((claim) => {
          if (claim.rejected || !claim.request) return [];
          const intended = intendedVolume(claim, objects);
          // Pre-bound both ways: the controller checks nothing and binds anyway.
          if (!intended || intended.by === 'both') return [];
          const { volume } = intended;
          // spec.volumeName goes through checkVolumeSatisfyClaim (whole bytes, Value()); the others through an exact Cmp.
          const tooSmall =
            intended.by === 'volumeName' ? quantityValue(volume.capacity!) < quantityValue(claim.request) : compareQuantities(volume.capacity!, claim.request) < 0;
          return tooSmall ? [{ claim, volume, by: intended.by }] : [];
        });
        for (const { claim, volume, by } of oncePerPlace(findings)) {
          const path = [...claim.path, 'spec', 'resources', 'requests', 'storage'];
          context.report({
            manifest: claim.manifest,
            path,
            messageId: 'tooLarge',
            data: {
              claim: describeClaimObject(claim),
              request: claim.request!.text,
              volume: volume.name,
              by: by === 'volumeName' ? 'its spec.volumeName' : by === 'claimRef' ? 'reserved for it by claimRef' : 'the one its selector matches',
              capacity: volume.capacity!.text,
            },
            // In the volume's own notation: the text its author wrote.
            fix: [{ op: 'set', path, value: getIn(volume.manifest.value, ['spec', 'capacity', 'storage']) }],
          });
        }
      },
    };
  },
});
