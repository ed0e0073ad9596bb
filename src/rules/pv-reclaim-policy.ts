import { NO_OPTIONS, defineRule } from '../engine/rule.js';

const DESTRUCTIVE = new Set(['Delete', 'Recycle']);

export default defineRule({
  id: 'pv-reclaim-policy',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require PersistentVolumes to retain their disk (`persistentVolumeReclaimPolicy: Retain`)',
      recommended: 'error',
      kinds: ['PersistentVolume'],
    },
    fixable: 'code',
    messages: {
      destructive:
        'PersistentVolume "{{name}}" has persistentVolumeReclaimPolicy {{policy}}: deleting it or its claim {{effect}}; set it to Retain.',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    return {
      PersistentVolume(manifest, volume) {
        const policy = volume.spec?.persistentVolumeReclaimPolicy;
        if (typeof policy !== 'string' || !DESTRUCTIVE.has(policy)) return;
        const path = ['spec', 'persistentVolumeReclaimPolicy'];
        context.report({
          manifest,
          path,
          messageId: 'destructive',
          data: {
            name: volume.metadata?.name ?? '(unnamed)',
            policy,
            effect: policy === 'Delete' ? 'deletes the disk' : 'wipes the data on it',
          },
          fix: [{ op: 'set', path, value: 'Retain' }],
        });
      },
    };
  },
});
