import { atLeast } from '../config/kubernetes-version.js';
import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import { lifecycleOf, noReplacementReason, replacementFor } from '../model/api-versions.js';

export default defineRule({
  id: 'deprecated-api',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Warn about API versions the target Kubernetes version deprecates and a later one removes',
      recommended: 'warn',
      kinds: ['*'],
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      deprecated: '{{apiVersion}} {{kind}} is deprecated since Kubernetes 1.{{deprecatedIn}} and removed in 1.{{removedIn}}; use {{replacement}}.',
      deprecatedWithChanges:
        '{{apiVersion}} {{kind}} is deprecated since Kubernetes 1.{{deprecatedIn}} and removed in 1.{{removedIn}}; use {{replacement}}, where {{changes}}.',
      deprecatedNotYet:
        '{{apiVersion}} {{kind}} is deprecated since Kubernetes 1.{{deprecatedIn}} and removed in 1.{{removedIn}}; move to {{replacement}} once the cluster runs 1.{{since}}.',
      deprecatedNoReplacement: '{{apiVersion}} {{kind}} is deprecated since Kubernetes 1.{{deprecatedIn}} and removed in 1.{{removedIn}}: {{reason}}.',
      useReplacement: 'Change apiVersion to {{replacement}}, then make the other changes it needs.',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    const version = context.kubernetesVersion;
    return {
      Manifest(manifest) {
        const { apiVersion, kind } = manifest.value;
        const entry = lifecycleOf(apiVersion, kind);
        // Once removed, it is removed-api's.
        if (!entry || !atLeast(version, 1, entry.deprecatedIn) || atLeast(version, 1, entry.removedIn)) return;
        const path = ['apiVersion'];
        const data = { apiVersion, kind, deprecatedIn: entry.deprecatedIn, removedIn: entry.removedIn };
        const replacement = replacementFor(entry, manifest.value, version);
        if (!replacement && entry.replacement && !atLeast(version, 1, entry.replacement.since)) {
          const { apiVersion: next, since } = entry.replacement;
          context.report({ manifest, path, messageId: 'deprecatedNotYet', data: { ...data, replacement: next, since } });
          return;
        }
        if (!replacement) {
          context.report({ manifest, path, messageId: 'deprecatedNoReplacement', data: { ...data, reason: noReplacementReason(entry, manifest.value) } });
          return;
        }
        const fix = [{ op: 'set' as const, path, value: replacement.apiVersion }];
        if (replacement.changes === undefined) {
          context.report({ manifest, path, messageId: 'deprecated', data: { ...data, replacement: replacement.apiVersion }, fix });
          return;
        }
        context.report({
          manifest,
          path,
          messageId: 'deprecatedWithChanges',
          data: { ...data, replacement: replacement.apiVersion, changes: replacement.changes },
          suggest: [{ messageId: 'useReplacement', data: { replacement: replacement.apiVersion }, fix }],
        });
      },
    };
  },
});
