import { defineRule } from '../engine/rule.js';
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
        '{{object}} names its storage class with the annotation ' +
        BETA_STORAGE_CLASS_ANNOTATION +
        ', deprecated since Kubernetes 1.8 (the API server warns). The annotation overrides spec.storageClassName, the field people and tools edit (Velero\'s storage-class mapping rewrites only the field), so a class change can silently not apply. Move the value to spec.storageClassName: {{value}} and remove the annotation.{{note}}',
      deprecatedConflict:
        '{{object}} names its storage class with the annotation ' +
        BETA_STORAGE_CLASS_ANNOTATION +
        ', deprecated since Kubernetes 1.8 (the API server warns). It overrides spec.storageClassName {{field}}, so the class is {{value}}: decide which one is meant, set spec.storageClassName to it and remove the annotation.{{note}}',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  create(context) {
    const check = (manifest: Manifest, base: Path, object: string, metadata: unknown, spec: unknown, note: string) => {
      const { annotation, field } = classSettings(metadata, spec);
      if (annotation.state === 'absent') return;
      const annotationPath = [...base, 'metadata', 'annotations', BETA_STORAGE_CLASS_ANNOTATION];
      const data = { object, value: showClass(annotation), field: showClass(field), note };
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
        // The annotation is immutable on a claim, and so are a StatefulSet's templates: say when the change lands.
        const note = claim.fromTemplate
          ? ' The templates of a live StatefulSet are immutable: the change applies when it is re-created (as in the target cluster).'
          : ' The annotation is immutable on a live claim: the change applies when the claim is re-created (as in the target cluster).';
        check(claim.manifest, claim.path, describeClaim(claim), claim.metadata, claim.spec, note);
      },
      PersistentVolume(manifest, volume) {
        check(manifest, [], `PersistentVolume "${nameOf(volume.metadata)}"`, volume.metadata, volume.spec, '');
      },
    };
  },
});
