import { analyzeBindings, type BindingEntry, type ClaimObject } from '../binding/index.js';
import { NO_OPTIONS, defineRule } from '../engine/rule.js';

export default defineRule({
  id: 'statefulset-volume-count',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a StatefulSet claim template with a selector to give every replica its own volume, predictably',
      recommended: 'error',
      kinds: ['StatefulSet', 'PersistentVolume'],
    },
    crossDocumentKinds: ['PersistentVolume', 'PersistentVolumeClaim', 'StatefulSet', 'StorageClass'],
    messages: {
      tooFew:
        'StatefulSet "{{set}}" runs {{replicas}} replica{{s}}, but the selector of volumeClaimTemplate "{{template}}" can give {{count}}: {{unbound}} get{{verb}} no existing volume.',
      arbitrary:
        'The replicas of StatefulSet "{{set}}" share the selector of volumeClaimTemplate "{{template}}": which replica gets which of {{volumes}} is left to chance; pre-bind each volume with claimRef {namespace: {{namespace}}, name: {{claims}}}.',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    return {
      Run(manifests) {
        const { objects, entries } = analyzeBindings(manifests);
        const byKey = new Map(objects.claims.map((claim) => [claim.key, claim]));
        const templates = new Map<string, { claim: ClaimObject; entry: BindingEntry }[]>();
        for (const entry of entries) {
          const claim = byKey.get(entry.claim);
          if (!claim || entry.statefulSet === undefined || !claim.fromTemplate || !claim.selector || claim.rejected) continue;
          const place = `${claim.manifest.filePath}\0${claim.manifest.docIndex}\0${claim.path.join('\0')}`;
          templates.set(place, [...(templates.get(place) ?? []), { claim, entry }]);
        }
        // Volumes other claims bind are not the template's to give.
        const boundBy = new Map(entries.flatMap((entry) => (entry.volume ? [[entry.volume, entry.claim] as const] : [])));
        for (const ordinals of templates.values()) check(ordinals, boundBy);
      },
    };

    function check(ordinals: { claim: ClaimObject; entry: BindingEntry }[], boundBy: ReadonlyMap<string, string>): void {
      const { claim } = ordinals[0]!;
      // Ordinals pinned one by one (a volume's claimRef names the claim) are fine whatever the selector says.
      const shared = ordinals.filter(({ entry }) => entry.how !== 'prebound-volume' && entry.how !== 'prebound-both' && entry.how !== 'prebound-claim');
      if (shared.length === 0) return;
      const mine = new Set(ordinals.map(({ entry }) => entry.claim));
      const volumes = [...new Set(shared.flatMap(({ entry }) => entry.candidates))].filter((name) => !boundBy.has(name) || mine.has(boundBy.get(name)!));
      const set = claim.statefulSet!;
      const template = claim.template!;
      const specPath = claim.path.slice(0, -2);
      if (volumes.length < shared.length) {
        const unbound = shared.slice(volumes.length).map(({ claim: other }) => other.name);
        context.report({
          manifest: claim.manifest,
          path: [...specPath, 'replicas'],
          messageId: 'tooFew',
          data: {
            set,
            template,
            replicas: ordinals.length,
            s: ordinals.length === 1 ? '' : 's',
            count: volumes.length === 0 ? 'none' : `${volumes.length} (${volumes.map((name) => `"${name}"`).join(', ')})`,
            unbound: unbound.join(', '),
            verb: unbound.length === 1 ? 's' : '',
          },
        });
        return;
      }
      if (shared.length >= 2 || shared.some(({ entry }) => entry.undetermined)) {
        context.report({
          manifest: claim.manifest,
          path: [...claim.path, 'spec', 'selector'],
          messageId: 'arbitrary',
          data: {
            set,
            template,
            volumes: volumes.map((name) => `"${name}"`).join(', '),
            namespace: claim.namespace,
            claims: shared.map(({ claim: other }) => other.name).join(' | '),
          },
        });
      }
    }
  },
});
