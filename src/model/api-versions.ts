import { atLeast } from '../config/kubernetes-version.js';
import type { KubeObject } from '../engine/types.js';
import { asObject, getIn } from './values.js';

/**
 * API versions Kubernetes stopped serving, with the release that deprecated and the one that removed each, and what
 * replaces it.
 *
 * Source: the Kubernetes "Deprecated API Migration Guide",
 * https://kubernetes.io/docs/reference/using-api/deprecation-guide/ (kubernetes/website
 * content/en/docs/reference/using-api/deprecation-guide.md, covering removals up to v1.32): removal versions,
 * replacements, the release each replacement is available since, and the "notable changes" that decide whether a
 * manifest carries over by changing apiVersion alone. Deprecation versions are each type's
 * `APILifecycleDeprecated` in k8s.io/api `<group>/<version>/zz_generated.prerelease-lifecycle.go`.
 *
 * The guide lists beta versions only. Alpha versions are removed without a deprecation period (deprecatedIn equals
 * removedIn), and beta versions removed after 1.32 are not in it yet (its v1.33 and v1.34 sections are empty). Those
 * rows come from the bundled schemas (schemas/kubernetes/, generated from each release's OpenAPI document): a kind
 * served in one bundled release and gone from the next is removed in that next release. No bundled schema is
 * generated from 1.31, so a kind present in 1.30 and gone in 1.32 is given 1.32, which never reports a kind a 1.31
 * cluster still serves.
 */
export interface ApiLifecycle {
  apiVersion: string;
  kind: string;
  /** Minor versions of Kubernetes 1.x. */
  deprecatedIn: number;
  removedIn: number;
  /** What to use instead, and the release it is served from; absent when nothing replaces the kind. */
  replacement?: { apiVersion: string; since: number };
  /**
   * What else must change besides apiVersion (the guide's notable changes). Absent: the fields carry over unchanged,
   * so setting apiVersion is a fix. A function decides per object.
   */
  changes?: string | ((object: KubeObject) => string | undefined);
}

type Row = [apiVersions: string[], kinds: string[], deprecatedIn: number, removedIn: number, replacement: string | null, since: number, changes?: ApiLifecycle['changes']];

const WORKLOAD_CHANGES =
  'spec.selector becomes required and immutable, and defaults change (updateStrategy RollingUpdate, revisionHistoryLimit 10, progressDeadlineSeconds 600)';
const INGRESS_CHANGES =
  'spec.backend becomes spec.defaultBackend, serviceName/servicePort become service.name and service.port.number or .name, and pathType is required';

/** An empty `spec.selector` selects every pod of the namespace in policy/v1 and none in policy/v1beta1. */
function pdbChanges(object: KubeObject): string | undefined {
  const selector = asObject(getIn(object, ['spec', 'selector']));
  return selector && Object.keys(selector).length === 0
    ? 'its empty spec.selector {} selects no pod in policy/v1beta1 but every pod of the namespace in policy/v1'
    : undefined;
}

const VAP_CHANGES = 'the alpha fields differ from v1 (paramRef, validationActions); check the object against admissionregistration.k8s.io/v1';
const DRA_V1ALPHA2_CHANGES =
  'structured parameters replace resource classes and claim parameters: spec.resourceClassName and parametersRef give way to spec.devices.requests';
const DRA_REQUEST_CHANGES = 'each spec.devices.requests[*] moves deviceClassName, selectors, allocationMode and count under exactly';

const ROWS: Row[] = [
  // v1.16
  [['extensions/v1beta1'], ['NetworkPolicy'], 9, 16, 'networking.k8s.io/v1', 8],
  [['extensions/v1beta1'], ['PodSecurityPolicy'], 11, 16, 'policy/v1beta1', 10],
  [['extensions/v1beta1'], ['DaemonSet', 'Deployment', 'ReplicaSet'], 8, 16, 'apps/v1', 9, WORKLOAD_CHANGES],
  [['apps/v1beta1'], ['Deployment', 'StatefulSet', 'ReplicaSet'], 8, 16, 'apps/v1', 9, WORKLOAD_CHANGES],
  [['apps/v1beta2'], ['DaemonSet', 'Deployment', 'StatefulSet', 'ReplicaSet'], 9, 16, 'apps/v1', 9, WORKLOAD_CHANGES],
  // v1.22
  [['admissionregistration.k8s.io/v1beta1'], ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], 16, 22, 'admissionregistration.k8s.io/v1', 16,
    'sideEffects and admissionReviewVersions become required, and failurePolicy, matchPolicy and timeoutSeconds defaults change'],
  [['apiextensions.k8s.io/v1beta1'], ['CustomResourceDefinition'], 16, 22, 'apiextensions.k8s.io/v1', 16,
    'spec.version, validation, subresources and additionalPrinterColumns move under spec.versions[*], and a structural schema is required'],
  [['apiregistration.k8s.io/v1beta1'], ['APIService'], 19, 22, 'apiregistration.k8s.io/v1', 10],
  [['authentication.k8s.io/v1beta1'], ['TokenReview'], 19, 22, 'authentication.k8s.io/v1', 6],
  [['authorization.k8s.io/v1beta1'], ['SubjectAccessReview', 'LocalSubjectAccessReview'], 19, 22, 'authorization.k8s.io/v1', 6, 'spec.group is renamed spec.groups'],
  [['authorization.k8s.io/v1beta1'], ['SelfSubjectAccessReview', 'SelfSubjectRulesReview'], 19, 22, 'authorization.k8s.io/v1', 6],
  [['certificates.k8s.io/v1beta1'], ['CertificateSigningRequest'], 19, 22, 'certificates.k8s.io/v1', 19, 'spec.signerName and spec.usages become required'],
  [['coordination.k8s.io/v1beta1'], ['Lease'], 19, 22, 'coordination.k8s.io/v1', 14],
  [['extensions/v1beta1'], ['Ingress'], 14, 22, 'networking.k8s.io/v1', 19, INGRESS_CHANGES],
  [['networking.k8s.io/v1beta1'], ['Ingress'], 19, 22, 'networking.k8s.io/v1', 19, INGRESS_CHANGES],
  [['networking.k8s.io/v1beta1'], ['IngressClass'], 19, 22, 'networking.k8s.io/v1', 19],
  [['rbac.authorization.k8s.io/v1beta1'], ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], 17, 22, 'rbac.authorization.k8s.io/v1', 8],
  [['scheduling.k8s.io/v1beta1'], ['PriorityClass'], 17, 22, 'scheduling.k8s.io/v1', 14],
  [['storage.k8s.io/v1beta1'], ['CSIDriver'], 19, 22, 'storage.k8s.io/v1', 19],
  [['storage.k8s.io/v1beta1'], ['CSINode'], 17, 22, 'storage.k8s.io/v1', 17],
  [['storage.k8s.io/v1beta1'], ['StorageClass'], 19, 22, 'storage.k8s.io/v1', 6],
  [['storage.k8s.io/v1beta1'], ['VolumeAttachment'], 19, 22, 'storage.k8s.io/v1', 13],
  // v1.25
  [['batch/v1beta1'], ['CronJob'], 21, 25, 'batch/v1', 21],
  [['discovery.k8s.io/v1beta1'], ['EndpointSlice'], 21, 25, 'discovery.k8s.io/v1', 21, 'endpoints[*].topology gives way to endpoints[*].nodeName and zone'],
  [['events.k8s.io/v1beta1'], ['Event'], 22, 25, 'events.k8s.io/v1', 19, 'involvedObject is renamed regarding and the deprecated* fields may not be set'],
  [['autoscaling/v2beta1'], ['HorizontalPodAutoscaler'], 22, 25, 'autoscaling/v2', 23,
    'targetAverageUtilization and the other target fields become target.averageUtilization with target.type'],
  [['policy/v1beta1'], ['PodDisruptionBudget'], 21, 25, 'policy/v1', 21, pdbChanges],
  [['policy/v1beta1'], ['PodSecurityPolicy'], 21, 25, null, 0, 'PodSecurityPolicy is gone; use Pod Security Admission (namespace labels) or a policy webhook'],
  [['node.k8s.io/v1beta1'], ['RuntimeClass'], 22, 25, 'node.k8s.io/v1', 20],
  // v1.26
  [['flowcontrol.apiserver.k8s.io/v1beta1'], ['FlowSchema', 'PriorityLevelConfiguration'], 23, 26, 'flowcontrol.apiserver.k8s.io/v1beta2', 23],
  // The guide repeats v2beta1's note here, but v2beta2 already has the `target` fields of autoscaling/v2.
  [['autoscaling/v2beta2'], ['HorizontalPodAutoscaler'], 23, 26, 'autoscaling/v2', 23],
  // v1.27
  [['storage.k8s.io/v1beta1'], ['CSIStorageCapacity'], 24, 27, 'storage.k8s.io/v1', 24],
  // v1.29
  [['flowcontrol.apiserver.k8s.io/v1beta2'], ['FlowSchema'], 26, 29, 'flowcontrol.apiserver.k8s.io/v1beta3', 26],
  [['flowcontrol.apiserver.k8s.io/v1beta2'], ['PriorityLevelConfiguration'], 26, 29, 'flowcontrol.apiserver.k8s.io/v1beta3', 26,
    'spec.limited.assuredConcurrencyShares is renamed nominalConcurrencyShares'],
  // v1.32
  [['flowcontrol.apiserver.k8s.io/v1beta3'], ['FlowSchema'], 29, 32, 'flowcontrol.apiserver.k8s.io/v1', 29],
  [['flowcontrol.apiserver.k8s.io/v1beta3'], ['PriorityLevelConfiguration'], 29, 32, 'flowcontrol.apiserver.k8s.io/v1', 29,
    'an explicit spec.limited.nominalConcurrencyShares of 0 stays 0 instead of becoming 30'],
  // Alpha versions gone by 1.32 (present in the 1.30 schema, absent from 1.32's).
  [['admissionregistration.k8s.io/v1alpha1'], ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'], 32, 32, 'admissionregistration.k8s.io/v1', 30, VAP_CHANGES],
  [['authentication.k8s.io/v1alpha1'], ['SelfSubjectReview'], 32, 32, 'authentication.k8s.io/v1', 28],
  [['networking.k8s.io/v1alpha1'], ['IPAddress', 'ServiceCIDR'], 32, 32, 'networking.k8s.io/v1beta1', 31],
  [['resource.k8s.io/v1alpha2'], ['ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'], 32, 32, 'resource.k8s.io/v1beta1', 32, DRA_V1ALPHA2_CHANGES],
  [['resource.k8s.io/v1alpha2'], ['ResourceClass', 'ResourceClaimParameters', 'ResourceClassParameters', 'PodSchedulingContext'], 32, 32, null, 0,
    'classic dynamic resource allocation is gone; describe devices with a DeviceClass and claims with spec.devices.requests'],
  [['resource.k8s.io/v1alpha3'], ['PodSchedulingContext'], 32, 32, null, 0, 'classic dynamic resource allocation is gone; the scheduler allocates claims itself'],
  // v1.33 (beta: introduced 1.27, deprecated 1.30)
  [['authentication.k8s.io/v1beta1'], ['SelfSubjectReview'], 30, 33, 'authentication.k8s.io/v1', 28],
  // v1.34 (beta: introduced 1.28, deprecated 1.31; alpha resource.k8s.io/v1alpha3 with resource.k8s.io/v1 GA)
  [['admissionregistration.k8s.io/v1beta1'], ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'], 31, 34, 'admissionregistration.k8s.io/v1', 30],
  [['resource.k8s.io/v1alpha3'], ['ResourceClaim', 'ResourceClaimTemplate'], 34, 34, 'resource.k8s.io/v1', 34, DRA_REQUEST_CHANGES],
  [['resource.k8s.io/v1alpha3'], ['DeviceClass'], 34, 34, 'resource.k8s.io/v1', 34],
  [['resource.k8s.io/v1alpha3'], ['ResourceSlice'], 34, 34, 'resource.k8s.io/v1', 34, 'spec.devices[*].basic is flattened: its fields move up into the device'],
];

export const API_LIFECYCLES: readonly ApiLifecycle[] = ROWS.flatMap(([apiVersions, kinds, deprecatedIn, removedIn, replacement, since, changes]) =>
  apiVersions.flatMap((apiVersion) =>
    kinds.map((kind) => ({
      apiVersion,
      kind,
      deprecatedIn,
      removedIn,
      ...(replacement ? { replacement: { apiVersion: replacement, since } } : {}),
      ...(changes ? { changes } : {}),
    })),
  ),
);

const BY_KEY = new Map(API_LIFECYCLES.map((entry) => [`${entry.apiVersion} ${entry.kind}`, entry]));

export function lifecycleOf(apiVersion: string, kind: string): ApiLifecycle | undefined {
  return BY_KEY.get(`${apiVersion} ${kind}`);
}

export interface Replacement {
  apiVersion: string;
  /** What must change besides apiVersion, joined over every step; undefined when apiVersion alone carries it. */
  changes?: string;
}

/**
 * The apiVersion to move `object` to for a cluster at `version`: the entry's replacement, followed on while that one
 * is itself deprecated there and its own replacement is served (flowcontrol v1beta1 → v1beta2 → v1beta3 → v1).
 * Undefined when nothing replaces it, or the replacement is not served yet.
 */
export function replacementFor(entry: ApiLifecycle, object: KubeObject, version: readonly [number, number]): Replacement | undefined {
  const changes: string[] = [];
  let current: ApiLifecycle | undefined = entry;
  let target: string | undefined;
  for (let step = 0; current?.replacement && atLeast(version, 1, current.replacement.since) && step < 10; step++) {
    const change = typeof current.changes === 'function' ? current.changes(object) : current.changes;
    if (change) changes.push(change);
    target = current.replacement.apiVersion;
    const next = lifecycleOf(target, entry.kind);
    current = next && atLeast(version, 1, next.deprecatedIn) ? next : undefined;
  }
  // A replacement the target no longer serves either (extensions/v1beta1 → policy/v1beta1 PodSecurityPolicy) is none.
  const last = target && lifecycleOf(target, entry.kind);
  if (!target || (last && atLeast(version, 1, last.removedIn))) return undefined;
  return { apiVersion: target, ...(changes.length > 0 ? { changes: changes.join('; ') } : {}) };
}

/** Why nothing replaces it: the note of the last entry of its chain (PodSecurityPolicy). */
export function noReplacementReason(entry: ApiLifecycle, object: KubeObject): string {
  let last = entry;
  for (let step = 0; last.replacement && step < 10; step++) last = lifecycleOf(last.replacement.apiVersion, entry.kind) ?? last;
  const change = typeof last.changes === 'function' ? last.changes(object) : last.changes;
  return change ?? 'nothing replaces it';
}
