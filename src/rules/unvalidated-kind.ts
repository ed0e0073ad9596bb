import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import { CRD_KIND, crdSchemas, kindKey, needsRunSchema } from '../schema/coverage.js';
import { kubeconformFileNames } from '../schema/custom.js';
import { schemaRegistry } from '../schema/registry.js';

export default defineRule({
  id: 'unvalidated-kind',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Report each kind that no schema covers (custom resources without their definition), once per run, so it is not silently passed',
      recommended: 'warn',
      kinds: ['*'],
    },
    crossDocumentKinds: [CRD_KIND],
    messages: {
      noSchema:
        'No schema for {{kind}} ({{apiVersion}}) in Kubernetes {{version}}, so the schema rule skips it (reported once per kind): lint its CustomResourceDefinition along with it, or pass `--schema DIR` with {{file}}',
      notBuiltin:
        'No schema for {{kind}} in the built-in API version {{apiVersion}} in Kubernetes {{version}}, so the schema rule skips it (reported once per kind): the version is removed, not yet served, or alpha; use a served apiVersion (see removed-api)',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    const registry = schemaRegistry(context.kubernetesVersion, context.schemaDirectories);
    return {
      keepForRun: (object) => needsRunSchema(registry, object),
      Run(manifests) {
        const covered = crdSchemas(manifests);
        const reported = new Set<string>();
        for (const manifest of manifests) {
          const { apiVersion, kind } = manifest.value;
          const key = kindKey(manifest.value);
          if (kind === CRD_KIND || covered.has(key) || reported.has(key)) continue;
          // A kustomization is build configuration read by kustomize, never sent to a cluster.
          if (typeof apiVersion === 'string' && apiVersion.startsWith('kustomize.config.k8s.io/')) continue;
          reported.add(key);
          context.report({
            manifest,
            path: ['kind'],
            messageId: registry.isBuiltinGroup(apiVersion) ? 'notBuiltin' : 'noSchema',
            data: { kind, apiVersion, version: registry.version.join('.'), file: kubeconformFileNames(apiVersion, kind)[0]! },
          });
        }
      },
    };
  },
});
