import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fg from 'fast-glob';
import { expect, it } from 'vitest';
import { atLeast } from '../src/config/kubernetes-version.js';
import { loadSourceFile } from '../src/engine/lint-file.js';
import { lintFiles, type LintSettings } from '../src/engine/linter.js';
import type { Manifest } from '../src/engine/types.js';
import { rulesById } from '../src/rules/index.js';
import { bundledVersions, chooseVersion, type Minor } from '../src/schema/catalog.js';
import { schemaRegistry } from '../src/schema/registry.js';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus');

/**
 * Every corpus file the schema rule reports at Kubernetes 1.30, each checked by hand: none is a manifest the API
 * server would accept as it stands. Anything reported outside this list is a false positive; anything listed that is
 * no longer reported means the rule lost a true finding.
 */
const PARTIAL = 'a kustomize patch or base fragment, not a whole object: no spec.selector (kustomize fills or merges it)';
const KNOWN_INVALID: Record<string, string> = {
  // Fragments: patches and bases that only make sense merged into something else.
  'argoproj__argo-cd/examples__known-hosts__argocd-known-hosts-mounts.yaml': PARTIAL,
  'argoproj__argo-cd/examples__plugins__helm__argocd-repo-server-deployment-patch.yaml': PARTIAL,
  'argoproj__argo-cd/manifests__base__application-controller-deployment__argocd-application-controller-statefulset.yaml': PARTIAL,
  'argoproj__argo-cd/manifests__ha__base__controller-deployment__argocd-repo-server-deployment.yaml': PARTIAL,
  'argoproj__argo-cd/manifests__ha__base__controller-deployment__argocd-server-deployment.yaml': PARTIAL,
  'argoproj__argo-cd/manifests__ha__base__overlays__argocd-application-controller-statefulset.yaml': PARTIAL,
  'argoproj__argo-cd/test__e2e__testdata__crashing-guestbook__guestbook-deployment.yaml': PARTIAL,
  'argoproj__argo-cd/test__e2e__testdata__ssa-revision-history__deployment.yaml': PARTIAL,
  'kubernetes-sigs__gcp-compute-persistent-disk-csi-driver/deploy__kubernetes__overlays__dev__controller_always_pull.yaml': PARTIAL,
  'kubernetes-sigs__gcp-compute-persistent-disk-csi-driver/deploy__kubernetes__overlays__dev__node_always_pull.yaml': PARTIAL,
  'kubernetes-sigs__gcp-compute-persistent-disk-csi-driver/deploy__kubernetes__overlays__noauth-debug__controller-overlay.yaml': PARTIAL,
  'kubernetes-sigs__gcp-compute-persistent-disk-csi-driver/deploy__kubernetes__overlays__noauth-debug__noauth.yaml': `${PARTIAL}; $patch directives`,
  'kubernetes-sigs__gcp-compute-persistent-disk-csi-driver/deploy__kubernetes__overlays__noauth-debug__node-overlay.yaml': PARTIAL,
  'kubernetes-sigs__gcp-compute-persistent-disk-csi-driver/deploy__kubernetes__overlays__noauth__noauth.yaml': `${PARTIAL}; $patch directives`,
  'kubernetes-sigs__gcp-compute-persistent-disk-csi-driver/deploy__kubernetes__overlays__node-labeler__patch.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/cmd__config__internal__commands__test__override.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/cmd__config__internal__commands__test__testdata__dataset-with-setters__mysql__deployment.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/cmd__config__internal__commands__test__testdata__dataset-with-setters__mysql__nosetters__deployment.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/cmd__config__internal__commands__test__testdata__dataset-with-setters__mysql__storage__deployment.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/cmd__config__internal__commands__test__testdata__dataset-without-setters__mysql__deployment.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/cmd__config__internal__commands__test__testdata__dataset-without-setters__mysql__storage__deployment.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/examples__ldap__overlays__production__deployment.yaml': `${PARTIAL}; no containers`,
  'kubernetes-sigs__kustomize/examples__ldap__overlays__staging__deployment.yaml': `${PARTIAL}; no template`,
  'kubernetes-sigs__kustomize/examples__springboot__overlays__production__healthcheck_patch.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/examples__springboot__overlays__production__memorylimit_patch.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/examples__wordpress__patch.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/functions__examples__application-cr__local-resource__example.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/functions__examples__fn-framework-application__pkg__exampleapp__v1alpha1__testdata__success__overrides__web-worker-sidecar.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/kyaml__fn__framework__testdata__patch-selector__annotationselector__expected.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/kyaml__fn__framework__testdata__patch-selector__filterselector__expected.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/kyaml__fn__framework__testdata__patch-selector__kindselector__expected.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/kyaml__fn__framework__testdata__patch-selector__labelselector__expected.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/kyaml__fn__framework__testdata__patch-selector__longlistpreprocess__expected.yaml': PARTIAL,
  'kubernetes-sigs__kustomize/kyaml__fn__framework__testdata__patch-selector__namespaceselector__expected.yaml': PARTIAL,
  'kubernetes__ingress-nginx/deploy__grafana__deployment.yaml': PARTIAL,
  'kubernetes__ingress-nginx/deploy__prometheus__deployment.yaml': PARTIAL,
  // Test data written to be invalid, or to stand for objects read back from a cluster.
  'argoproj__argo-cd/controller__testdata__target-deployment-new-entries.yaml': 'a port with grpcPort, no such field, and no containerPort',
  'argoproj__argo-cd/gitops-engine__pkg__health__testdata__hpa-v2-degraded.yaml': 'autoscaling/v2 with the v1 field targetCPUUtilizationPercentage',
  'argoproj__argo-cd/gitops-engine__pkg__health__testdata__hpa-v2-healthy.yaml': 'autoscaling/v2 with the v1 field targetCPUUtilizationPercentage',
  'argoproj__argo-cd/gitops-engine__pkg__health__testdata__hpa-v2-progressing.yaml': 'autoscaling/v2 with the v1 field targetCPUUtilizationPercentage',
  'argoproj__argo-cd/gitops-engine__pkg__health__testdata__ingress-nonemptylist.yaml': 'networking.k8s.io/v1 Ingress with the v1beta1 backend serviceName/servicePort and no pathType',
  'argoproj__argo-cd/gitops-engine__pkg__health__testdata__ingress-unassigned.yaml': 'networking.k8s.io/v1 Ingress with the v1beta1 backend serviceName/servicePort and no pathType',
  'argoproj__argo-cd/gitops-engine__pkg__health__testdata__ingress.yaml': 'networking.k8s.io/v1 Ingress with the v1beta1 backend serviceName/servicePort and no pathType',
  'argoproj__argo-cd/test__e2e__testdata__deprecated-extensions__ingress.yaml': 'networking.k8s.io/v1 Ingress with the v1beta1 backend serviceName/servicePort and no pathType',
  'argoproj__argo-cd/test__e2e__testdata__networking__guestbook-ui-svc-ingress.yaml': 'networking.k8s.io/v1 Ingress with the v1beta1 backend serviceName/servicePort and no pathType',
  'argoproj__argo-cd/reposerver__repository__testdata__invalid-metadata__bad.yaml': 'deliberately bad: boolean label and annotation values, stringData on a ConfigMap',
  'argoproj__argo-cd/reposerver__repository__testdata__nil-metadata-accessors__nil-metadata-accessors.yaml': 'stringData on a ConfigMap (only Secrets have it)',
  'argoproj__argo-cd/test__e2e__testdata__crd-validation__deployment.yaml': 'deliberately invalid (crd-validation test): containerPort "80" is a string',
  'argoproj__argo-cd/test__e2e__testdata__sync-options-validate-false__invalid-cm.yaml': 'deliberately invalid (validate=false test): a top-level invalidKey',
  'argoproj__argo-cd/test__remote__argocd-remote-permissions.yaml': 'a template: ##NAME## placeholders are YAML comments, so the names are null',
  'kubernetes-sigs__kustomize/examples__validationTransformer__invalid.yaml': 'deliberately invalid (validator example): data is a list',
  'kubernetes-sigs__kustomize/functions__examples__validator-kubeval__local-resource__example-use.yaml': 'deliberately invalid (kubeval example): spec.prots',
  // Real mistakes.
  'argoproj__argo-cd/docs__operator-manual__argocd-repo-creds.yaml': 'stringData values must be strings: githubAppID: 1 is a number (quote it)',
  'kubernetes-retired__external-storage/gluster__block__deploy__glusterblk-provisioner-pod.yaml': 'containers is a map, not a list',
  'kubernetes-retired__external-storage/gluster__file__deploy__glusterfile-provisioner-pod.yaml': 'containers is a map, not a list',
  'kubernetes-retired__external-storage/gluster__file__examples__nginx-pod.yaml': 'containers and volumes are maps, not lists',
  'kubernetes__examples/_archived__volumes__aws_ebs__aws-ebs-web.yaml': 'protocol: tcp; the API accepts TCP only (case-sensitive)',
  'kubernetes__examples/_archived__volumes__cinder__cinder-web.yaml': 'protocol: tcp; the API accepts TCP only (case-sensitive)',
  'kubernetes__examples/_archived__volumes__fibre_channel__fc.yaml': 'lun is a placeholder string "<ADD LUN ID Here>"',
  'kubernetes__examples/_archived__volumes__rbd__rbd.yaml': 'rbd has no imageformat or imagefeatures fields (those are StorageClass parameters)',
  'kubernetes__examples/_archived__volumes__scaleio__pod.yaml': 'typo: protectionDoamin',
  'kubernetes__examples/_archived__volumes__storageos__storageos-pod.yaml': 'storageos volumes have no pool field',
  'kubernetes__examples/_archived__volumes__storageos__storageos-pv.yaml': 'storageos persistent volumes take secretRef, not secretName',
  'kubernetes__ingress-nginx/docs__examples__auth__oauth-external-auth__vouch-proxy.yaml': 'env value true is a boolean; env values must be strings (quote it)',
  // Valid for newer Kubernetes only (see VALID_FROM).
  'kubernetes-sigs__aws-ebs-csi-driver/deploy__kubernetes__base__csidriver.yaml': 'CSIDriver nodeAllocatableUpdatePeriodSeconds was added in Kubernetes 1.33',
};

/** Custom resources found invalid against their CustomResourceDefinition, which is in the corpus too. */
const INVALID_AGAINST_CRD: Record<string, string> = {
  'argoproj__argo-cd/gitops-engine__pkg__health__testdata__application-degraded.yaml': 'an Application with status only; its CRD (in the corpus) requires metadata and spec',
  'argoproj__argo-cd/gitops-engine__pkg__health__testdata__application-healthy.yaml': 'an Application with status only; its CRD (in the corpus) requires metadata and spec',
  'argoproj__argo-cd/resource_customizations__snapshot.storage.k8s.io__VolumeSnapshotContent__testdata__bad.yaml': 'health-check test data: spec lacks what the VolumeSnapshotContent CRD requires',
  'argoproj__argo-cd/resource_customizations__snapshot.storage.k8s.io__VolumeSnapshotContent__testdata__good.yaml': 'health-check test data: spec lacks deletionPolicy, required by the CRD',
  'argoproj__argo-cd/resource_customizations__snapshot.storage.k8s.io__VolumeSnapshotContent__testdata__initializing.yaml': 'health-check test data: spec lacks what the VolumeSnapshotContent CRD requires',
  'argoproj__argo-cd/resource_customizations__snapshot.storage.k8s.io__VolumeSnapshot__testdata__initializing.yaml': 'health-check test data: spec.driver is not a VolumeSnapshot field, source is required',
  'kubernetes-sigs__kustomize/functions__examples__fn-framework-application__pkg__exampleapp__v1alpha1__testdata__error__config.yaml': 'deliberately invalid (error test data) against its CRD, which is in the corpus',
};

/** Entries of KNOWN_INVALID that become valid from a Kubernetes version on. */
const VALID_FROM: Record<string, Minor> = {
  'kubernetes-sigs__aws-ebs-csi-driver/deploy__kubernetes__base__csidriver.yaml': [1, 33],
};

it('reports nothing on valid corpus manifests at Kubernetes 1.30, and every hand-checked invalid one', () => {
  const files = fg.sync('**/*.{yaml,yml,json}', { cwd: CORPUS, absolute: true, dot: true });
  expect(files.length).toBeGreaterThan(2000);
  const settings: LintSettings = {
    rules: [{ rule: rulesById.get('schema')!, severity: 2, options: {} }],
    kubernetesVersion: [1, 30],
    reportUnusedDisableDirectives: 0,
  };
  const { results, internalErrors } = lintFiles(
    files.map((filePath) => ({ filePath, text: readFileSync(filePath, 'utf8') })),
    settings,
  );
  expect(internalErrors).toEqual([]);
  const reported = results
    .filter((result) => result.messages.some((message) => message.ruleId === 'schema'))
    .map((result) => relative(CORPUS, result.filePath))
    .sort();
  expect(reported).toEqual([...Object.keys(KNOWN_INVALID), ...Object.keys(INVALID_AGAINST_CRD)].sort());
}, 120_000);

/**
 * The built-in kinds of the corpus against the bundled schema of every supported target version (1.31 has none and
 * takes 1.30's): the same hand-checked files and no others, apart from fields a version adds. The files are parsed
 * once and the precompiled validators called directly, so that one version costs about a second, not a whole lint.
 */
let manifests: Manifest[] | undefined;
const corpusManifests = () =>
  (manifests ??= fg
    .sync('**/*.{yaml,yml,json}', { cwd: CORPUS, absolute: true, dot: true })
    .flatMap((filePath) => loadSourceFile(filePath, readFileSync(filePath, 'utf8')).manifests));

const SUPPORTED: Minor[] = [[1, 30], [1, 31], [1, 32], [1, 33], [1, 34]];

it('the supported target versions are the bundled ones and 1.31', () => {
  expect(SUPPORTED.filter((version) => chooseVersion(version).exact)).toEqual(bundledVersions());
});

it.each(SUPPORTED.map((version) => [version.join('.'), version] as const))('built-in kinds at Kubernetes %s: only the hand-checked invalid files', (_, version) => {
  const registry = schemaRegistry(version, []);
  const reported = new Set<string>();
  for (const manifest of corpusManifests()) {
    const { apiVersion, kind } = manifest.value;
    if (registry.builtin(apiVersion, kind)?.(manifest.value).length) reported.add(relative(CORPUS, manifest.filePath));
  }
  const expected = Object.keys(KNOWN_INVALID).filter((file) => !VALID_FROM[file] || !atLeast(version, ...VALID_FROM[file]));
  expect([...reported].sort()).toEqual(expected.sort());
}, 60_000);
