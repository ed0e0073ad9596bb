import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import type { Path } from '../engine/types.js';
import { asObject, asString, hasKey } from '../model/values.js';

export default defineRule({
  id: 'storageclass-reclaim-policy',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require StorageClasses to provision volumes that keep their disk (`reclaimPolicy: Retain`)',
      recommended: 'warn',
      kinds: ['StorageClass'],
    },
    fixable: 'code',
    messages: {
      delete: 'StorageClass "{{name}}" has reclaimPolicy Delete: deleting a claim it provisioned deletes the disk; set reclaimPolicy: Retain.',
      defaultDelete: 'StorageClass "{{name}}" sets no reclaimPolicy (default Delete): deleting a claim it provisioned deletes the disk; set reclaimPolicy: Retain.',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    return {
      StorageClass(manifest, storageClass) {
        const object = asObject(storageClass) ?? {};
        const policy = object['reclaimPolicy'];
        const name = asString(asObject(object['metadata'])?.['name']);
        const data = { name: name || '(unnamed)' };
        const fix = [{ op: 'set' as const, path: ['reclaimPolicy'], value: 'Retain' }];
        if (policy === 'Delete') {
          context.report({ manifest, path: ['reclaimPolicy'], messageId: 'delete', data, fix });
        } else if (policy === null || policy === undefined) {
          // Nothing to point at: the class's name reads best, else the kind. A null `reclaimPolicy:` key points at itself.
          const path: Path = hasKey(object, 'reclaimPolicy') ? ['reclaimPolicy'] : name ? ['metadata', 'name'] : ['kind'];
          context.report({ manifest, path, messageId: 'defaultDelete', data, fix });
        }
        // Retain is what we want; anything else (Recycle, a typo) is rejected by the API server's validation.
      },
    };
  },
});
