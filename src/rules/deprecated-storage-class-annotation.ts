import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import type { Manifest, Path, PathOp } from '../engine/types.js';
import { BETA_STORAGE_CLASS_ANNOTATION, classSettings, describeClaim, nameOf, removeAnnotation, showClass } from '../model/storage-class.js';

export default defineRule({
  id: 'deprecated-storage-class-annotation',
  meta: {
    type: 'problem',
    docs: {
      description: `Replace the deprecated \`${BETA_STORAGE_CLASS_ANNOTATION}\` annotation with \`spec.storageClassName\``,
      recommended: 'warn',
      kinds: ['PersistentVolumeClaim', 'StatefulSet', 'PersistentVolume'],
    },
    fixable: 'code',
    messages: {
      deprecated:
        '{{object}} uses the deprecated storage-class annotation, which overrides spec.storageClassName; move {{value}} there.',
      deprecatedConflict:
        '{{object}}: the deprecated storage-class annotation {{value}} overrides spec.storageClassName {{field}}; keep one class, in the field.',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    const check = (manifest: Manifest, base: Path, object: string, metadata: unknown, spec: unknown) => {
      const { annotation, field } = classSettings(metadata, spec);
      if (annotation.state === 'absent') return;
      const annotationPath = [...base, 'metadata', 'annotations', BETA_STORAGE_CLASS_ANNOTATION];
      const data = { object, value: showClass(annotation), field: showClass(field) };
      if (field.state !== 'absent' && !(annotation.state === 'set' && field.state === 'set' && annotation.value === field.value)) {
        // The two disagree: which class is meant is for a person to decide (pvc-storage-class reports claims too).
        context.report({ manifest, path: annotationPath, at: 'key', messageId: 'deprecatedConflict', data });
        return;
      }
      let fix: PathOp[] | undefined;
      if (annotation.state === 'set') {
        fix = removeAnnotation([...base, 'metadata'], metadata, BETA_STORAGE_CLASS_ANNOTATION);
        if (field.state === 'absent') fix.push({ op: 'set', path: [...base, 'spec', 'storageClassName'], value: annotation.value });
      }
      // An annotation value the API server rejects (a number, a map) gets no fix: there is nothing right to move.
      context.report({ manifest, path: annotationPath, at: 'key', messageId: 'deprecated', data, ...(fix ? { fix } : {}) });
    };
    return {
      Claim(claim) {
        check(claim.manifest, claim.path, describeClaim(claim), claim.metadata, claim.spec);
      },
      PersistentVolume(manifest, volume) {
        check(manifest, [], `PersistentVolume "${nameOf(volume.metadata)}"`, volume.metadata, volume.spec);
      },
    };
  },
});
