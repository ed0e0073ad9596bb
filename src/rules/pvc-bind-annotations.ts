import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import type { Path, PathOp } from '../engine/types.js';
import type { ClaimPiece } from '../model/pieces.js';
import { claimClass, classSettings, describeClaim, volumeNameOf } from '../model/storage-class.js';
import { asObject } from '../model/values.js';

/**
 * Annotations the PV controller, the scheduler and the provisioners write on a claim while binding or provisioning
 * it. Copied into a manifest from a live cluster, they describe work done there and mislead the target cluster.
 */
const BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
const BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
const PROVISIONERS = ['volume.kubernetes.io/storage-provisioner', 'volume.beta.kubernetes.io/storage-provisioner'];
const SELECTED_NODE = 'volume.kubernetes.io/selected-node';

type MessageId = 'bindCompleted' | 'boundByController' | 'provisioner' | 'selectedNode';

export default defineRule({
  id: 'pvc-bind-annotations',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow binding and provisioning annotations that a claim exported from a live cluster still carries',
      recommended: 'error',
      kinds: ['PersistentVolumeClaim', 'StatefulSet'],
    },
    fixable: 'code',
    messages: {
      bindCompleted:
        '{{claim}} carries {{key}} from the cluster it was exported from: the controller takes it as bound and marks it Lost unless its volume is unclaimed; remove the annotation.',
      boundByController:
        '{{claim}} carries {{key}}, a record of a binding the controller made in the cluster it was exported from; remove the annotation.',
      provisioner:
        '{{claim}} carries {{key}} from the cluster it was exported from: provisioner {{value}} may create a new empty volume for it before an existing one is bound; remove the annotation.',
      selectedNode:
        '{{claim}} carries {{key}} {{value}} from the cluster it was exported from: a WaitForFirstConsumer claim is then provisioned a new volume at once instead of binding an existing one; remove the annotation.',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    return {
      Claim(claim) {
        const annotations = asObject(asObject(claim.metadata)?.['annotations']);
        if (!annotations) return;
        const stale = staleAnnotations(claim, annotations);
        if (stale.length === 0) return;
        const annotationsPath: Path = [...claim.path, 'metadata', 'annotations'];
        // When nothing else is annotated, every report removes the whole map (identical fixes: one is applied).
        const alone = Object.keys(annotations).every((key) => stale.some((entry) => entry.key === key));
        for (const { key, messageId } of stale) {
          const fix: PathOp[] = [{ op: 'remove', path: alone ? annotationsPath : [...annotationsPath, key] }];
          context.report({
            manifest: claim.manifest,
            path: [...annotationsPath, key],
            at: 'key',
            messageId,
            data: { claim: describeClaim(claim), key, value: JSON.stringify(annotations[key]) ?? String(annotations[key]) },
            fix,
          });
        }
      },
    };
  },
});

/** The annotations of this claim that do harm in the target cluster, with why (see docs/rules/pvc-bind-annotations.md). */
function staleAnnotations(claim: ClaimPiece, annotations: Record<string, unknown>): { key: string; messageId: MessageId }[] {
  const found: { key: string; messageId: MessageId }[] = [];
  const has = (key: string) => Object.hasOwn(annotations, key);
  // pv_controller.go syncClaim: any value counts (metav1.HasAnnotation); the claim goes to syncBoundClaim, which marks
  // it Lost without volumeName, with a missing volume, or when the volume's claimRef.uid is not this claim's new uid.
  if (has(BIND_COMPLETED)) found.push({ key: BIND_COMPLETED, messageId: 'bindCompleted' });
  if (has(BOUND_BY_CONTROLLER)) found.push({ key: BOUND_BY_CONTROLLER, messageId: 'boundByController' });
  if (mayBeProvisioned(claim)) {
    // sig-storage-lib-external-provisioner controller.go shouldProvision: a claim that already names the provisioner is
    // provisioned without waiting for the PV controller to look for an existing volume.
    for (const key of PROVISIONERS) if (has(key)) found.push({ key, messageId: 'provisioner' });
    // pv_controller.go syncUnboundClaim: a WaitForFirstConsumer claim with a selected node goes to provisionClaim.
    if (has(SELECTED_NODE)) found.push({ key: SELECTED_NODE, messageId: 'selectedNode' });
  }
  return found;
}

/**
 * Provisioning needs a claim without `spec.volumeName` (both the PV controller and the external provisioners skip it)
 * and a class other than "" (class "" never provisions; an unset class gets the default one).
 */
function mayBeProvisioned(claim: ClaimPiece): boolean {
  if (volumeNameOf(claim.spec)) return false;
  const resolved = claimClass(classSettings(claim.metadata, claim.spec));
  return !(resolved.state === 'set' && resolved.value === '');
}
