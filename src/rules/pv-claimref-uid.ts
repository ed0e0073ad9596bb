import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import type { Path, PathOp } from '../engine/types.js';
import { asObject, asString, hasKey } from '../model/values.js';

/**
 * A claimRef with a `uid` names one claim object of the cluster it was exported from. In any other cluster no claim
 * has that uid: pv_controller.go `syncVolume` finds the claim by namespace/name, sees `claim.UID != claimRef.UID`,
 * treats the claim as deleted, marks the volume Released and runs `reclaimVolume` (Retain: nothing more, for ever).
 * Without the uid the volume is merely pre-bound to namespace/name (`claimRef.UID == ""`: phase Available).
 */
export default defineRule({
  id: 'pv-claimref-uid',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow a PersistentVolume `claimRef` that keeps the `uid` and `resourceVersion` of a claim in the cluster it was exported from',
      recommended: 'error',
      kinds: ['PersistentVolume'],
    },
    fixable: 'code',
    messages: {
      staleUid:
        'PersistentVolume "{{name}}" has claimRef.uid {{uid}}: no claim in the target cluster has it, so the volume goes Released and never binds {{claim}}; remove claimRef.uid and claimRef.resourceVersion.',
      staleResourceVersion:
        'PersistentVolume "{{name}}" has claimRef.resourceVersion {{resourceVersion}}, left from an export; remove it (the controller fills it in when it binds {{claim}}).',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    return {
      PersistentVolume(manifest, volume) {
        const spec = asObject(volume.spec);
        const claimRef = asObject(spec?.['claimRef']);
        if (!claimRef) return;
        const claimRefPath: Path = ['spec', 'claimRef'];
        const uid = claimRef['uid'];
        // `uid: ""` is what a pre-bound volume has: syncVolume takes it as "reserved for namespace/name".
        const hasUid = isSet(uid);
        const hasResourceVersion = isSet(claimRef['resourceVersion']);
        if (!hasUid && !hasResourceVersion) return;

        const data = {
          name: asString(volume.metadata?.name) ?? '(unnamed)',
          uid: JSON.stringify(uid) ?? String(uid),
          resourceVersion: JSON.stringify(claimRef['resourceVersion']) ?? '',
          claim: describeClaimRef(claimRef),
        };
        context.report({
          manifest,
          path: [...claimRefPath, hasUid ? 'uid' : 'resourceVersion'],
          at: 'key',
          messageId: hasUid ? 'staleUid' : 'staleResourceVersion',
          data,
          fix: fixFor(claimRefPath, claimRef),
        });
      },
    };
  },
});

function isSet(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '';
}

/** Removes uid and resourceVersion; a claimRef that names no claim once they are gone is removed whole. */
function fixFor(claimRefPath: Path, claimRef: Record<string, unknown>): PathOp[] {
  if (!asString(claimRef['name'])) return [{ op: 'remove', path: claimRefPath }];
  return ['uid', 'resourceVersion'].filter((key) => hasKey(claimRef, key)).map((key) => ({ op: 'remove', path: [...claimRefPath, key] }));
}

function describeClaimRef(claimRef: Record<string, unknown>): string {
  const name = asString(claimRef['name']);
  if (!name) return 'any claim';
  const namespace = asString(claimRef['namespace']);
  return `claim "${namespace ? `${namespace}/` : ''}${name}"`;
}
