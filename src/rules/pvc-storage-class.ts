import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import type { PathOp } from '../engine/types.js';
import {
  BETA_STORAGE_CLASS_ANNOTATION,
  bindingFields,
  claimClass,
  classSettings,
  describeClaim,
  removeAnnotation,
  showClass,
} from '../model/storage-class.js';

export default defineRule({
  id: 'pvc-storage-class',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require claims that bind an existing volume to set an explicit empty storage class (`storageClassName: ""`)',
      recommended: 'error',
      kinds: ['PersistentVolumeClaim', 'StatefulSet'],
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      unset:
        '{{claim}} pins a volume but {{state}}: it gets the default class and will not bind it; set storageClassName: "".',
      conflict:
        '{{claim}} has storageClassName {{field}}, but the deprecated annotation {{annotation}} overrides it and wins; keep only the class meant.',
      useAnnotation: 'Use class {{annotation}}, as Kubernetes does now: move it to spec.storageClassName and remove the annotation.',
      useField: 'Use class {{field}}: remove the annotation.',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    return {
      Claim(claim) {
        const { manifest } = claim;
        const settings = classSettings(claim.metadata, claim.spec);
        const { annotation, field } = settings;
        const fieldPath = [...claim.path, 'spec', 'storageClassName'];
        const name = describeClaim(claim);

        // The annotation silently overrides the field: worth knowing on any claim, static or dynamic.
        if (annotation.state === 'set' && field.state === 'set' && annotation.value !== field.value) {
          const data = { claim: name, annotation: showClass(annotation), field: showClass(field) };
          const dropAnnotation = removeAnnotation([...claim.path, 'metadata'], claim.metadata, BETA_STORAGE_CLASS_ANNOTATION);
          context.report({
            manifest,
            path: fieldPath,
            messageId: 'conflict',
            data,
            suggest: [
              { messageId: 'useAnnotation', data, fix: [...dropAnnotation, { op: 'set', path: fieldPath, value: annotation.value }] },
              { messageId: 'useField', data, fix: dropAnnotation },
            ],
          });
          return;
        }

        const binding = bindingFields(claim.spec);
        if (binding.length === 0 || claimClass(settings).state !== 'unset') return;
        const rawField: unknown = claim.spec.storageClassName;
        const fix: PathOp[] = [{ op: 'set', path: fieldPath, value: '' }];
        context.report({
          manifest,
          // A missing field points at the `spec` key; a null one (`storageClassName:` or `~`) at itself.
          path: fieldPath,
          messageId: 'unset',
          data: {
            claim: name,
            state: rawField === null ? 'its storageClassName is null, which means unset' : 'sets no storage class',
          },
          fix,
        });
      },
    };
  },
});
