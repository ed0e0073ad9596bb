import { atLeast } from '../config/kubernetes-version.js';
import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import { lifecycleOf, noReplacementReason, replacementFor } from '../model/api-versions.js';

export default defineRule({
  id: 'removed-api',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow API versions the target Kubernetes version no longer serves (`batch/v1beta1` CronJob, `policy/v1beta1` PodDisruptionBudget, ...)',
      recommended: 'error',
      kinds: ['*'],
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      removed: '{{apiVersion}} {{kind}} is not served since Kubernetes 1.{{removedIn}}, so the target cluster rejects it; use {{replacement}}.',
      removedWithChanges:
        '{{apiVersion}} {{kind}} is not served since Kubernetes 1.{{removedIn}}, so the target cluster rejects it; use {{replacement}}, where {{changes}}.',
      removedNoReplacement: '{{apiVersion}} {{kind}} is not served since Kubernetes 1.{{removedIn}}, so the target cluster rejects it: {{reason}}.',
      useReplacement: 'Change apiVersion to {{replacement}}, then make the other changes it needs.',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    return {
      Manifest(manifest) {
        const { apiVersion, kind } = manifest.value;
        const entry = lifecycleOf(apiVersion, kind);
        if (!entry || !atLeast(context.kubernetesVersion, 1, entry.removedIn)) return;
        const path = ['apiVersion'];
        const data = { apiVersion, kind, removedIn: entry.removedIn };
        const replacement = replacementFor(entry, manifest.value, context.kubernetesVersion);
        if (!replacement) {
          context.report({ manifest, path, messageId: 'removedNoReplacement', data: { ...data, reason: noReplacementReason(entry, manifest.value) } });
          return;
        }
        const fix = [{ op: 'set' as const, path, value: replacement.apiVersion }];
        if (replacement.changes === undefined) {
          context.report({ manifest, path, messageId: 'removed', data: { ...data, replacement: replacement.apiVersion }, fix });
          return;
        }
        // Fields change meaning or name: a human makes the rest of the change, so only a suggestion.
        context.report({
          manifest,
          path,
          messageId: 'removedWithChanges',
          data: { ...data, replacement: replacement.apiVersion, changes: replacement.changes },
          suggest: [{ messageId: 'useReplacement', data: { replacement: replacement.apiVersion }, fix }],
        });
      },
    };
  },
});
