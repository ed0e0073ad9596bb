import { parse } from 'yaml';
import { asObject, asString, type PlainObject } from '../model/values.js';
import { KUBERNETES_YAML } from '../parse/parse-yaml.js';
import { rules } from '../rules/index.js';
import { collectClaims } from './claims.js';
import { describe, dropReason, nameOf } from './clean.js';
import { diskOf, type Disk } from './disk.js';
import { fixOutput, type AppliedFix } from './fix-output.js';
import { layout } from './layout.js';
import { migrateObject } from './objects.js';
import { pairClaims, type Pairing } from './pairing.js';
import { toYaml } from './render.js';
import { renderMarkdown } from './report.js';
import { sourceStops, type SourceStop } from './source-stops.js';
import { checkBindings, lintProblems, type SelfCheckProblem } from './self-check.js';
import { staticPair, type Binding } from './storage.js';
import type { Change, MigrateOptions, SourceObject, Warning } from './types.js';

export type { MigrateOptions, SourceObject } from './types.js';

/** Cluster-scoped kinds: everything else lives in a namespace. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'Node', 'PriorityClass',
  'IngressClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService',
  'RuntimeClass', 'VolumeSnapshotClass', 'VolumeSnapshotContent',
]);
/** Namespace for objects that leave it to `kubectl -n`: claimRefs need one, so it is written out. */
const DEFAULT_NAMESPACE = 'default';

export interface Plan {
  targetKubernetesVersion: string;
  prebind: MigrateOptions['prebind'];
  labelKey: string;
  bindings: (Omit<Binding, 'disk'> & { disk: Disk })[];
  claimsWithoutData: { claim: string; reason: string }[];
  unclaimedVolumes: { volume: string; disk: string | undefined; reclaimPolicy: string }[];
  /** Source volumes whose reclaim policy deletes the disk: patch them to Retain in the source cluster first. */
  sourcePatches: { volume: string; reclaimPolicy: string; command: string }[];
  /** Source workloads that mount a moved disk: stop them before the target attaches it. */
  sourceStops: SourceStop[];
  dropped: { object: string; origin: string; reason: string }[];
  changes: Change[];
  warnings: Warning[];
  files: string[];
  selfCheck: { ok: boolean; problems: SelfCheckProblem[] };
}

export interface Migration {
  /** Every output file, relative to the output directory, in apply order, then kustomization.yaml, MIGRATION.md, plan.json. */
  files: { path: string; text: string }[];
  plan: Plan;
}

/** Turns the source objects into manifests for the target cluster that re-attach every claim's own disk. */
export function migrate(sources: readonly SourceObject[], options: MigrateOptions): Migration {
  const changes: Change[] = [];
  const warnings: Warning[] = [];
  const dropped: Plan['dropped'] = [];
  const values = sources.map((source) => source.value);
  const kept: PlainObject[] = [];
  const seen = new Map<string, SourceObject>();
  sources.forEach((source) => {
    // The same object from git and from an export, say: two versions cannot both be applied.
    const key = `${source.value.apiVersion.split('/')[0]}|${describe(source.value)}`;
    const first = seen.get(key);
    const reason = first ? `defined again: ${first.origin} is used` : dropReason(source.value, values);
    if (!first) seen.set(key, source);
    if (first) warnings.push({ object: describe(source.value), message: `defined twice (${first.origin} and ${source.origin}): the first is migrated` });
    if (reason) dropped.push({ object: describe(source.value), origin: source.origin, reason });
    else kept.push(source.value);
  });

  const targetNamespace = (namespace: string | undefined) => {
    const resolved = namespace ?? DEFAULT_NAMESPACE;
    return options.namespaceMap.get(resolved) ?? resolved;
  };
  // Dropped StorageClasses still tell which class is the default, which decides what unpinned claims got.
  const pairings = pairClaims(collectClaims(kept), [...kept, ...values.filter((value) => value['kind'] === 'StorageClass')]);
  const output: PlainObject[] = [];
  const bindings: Binding[] = [];
  const claimsWithoutData: Plan['claimsWithoutData'] = [];
  const replacedClaims = new Set<PlainObject>();
  for (const pairing of pairings) {
    if (!hasVolume(pairing)) {
      claimsWithoutData.push({ claim: `${targetNamespace(pairing.claim.namespace)}/${pairing.claim.name}`, reason: pairing.reason });
      continue;
    }
    // The claim is rebuilt around its volume; a claim without one is migrated like any other object below.
    if (pairing.claim.object) replacedClaims.add(pairing.claim.object);
    const pair = staticPair(pairing, targetNamespace(pairing.claim.namespace), options);
    const { replica } = pairing.claim;
    if (!replica && pairing.how === 'best-fit') {
      warnings.push({
        object: `PersistentVolumeClaim ${pair.binding.claim}`,
        message: `nothing pins it to a volume in the input: ${pair.binding.volume} is the one the PV controller would choose (${pairing.reason}); check that this disk holds the claim's data`,
      });
    }
    if (replica && (pairing.how === 'selector' || pairing.how === 'best-fit')) {
      warnings.push({
        object: `PersistentVolumeClaim ${pair.binding.claim}`,
        message: `replica ${replica.ordinal} of StatefulSet ${replica.statefulSet} gets ${pair.binding.volume} as the PV controller would choose it (${pairing.reason}); `
          + 'with a shared template selector the source cluster may have paired them differently: check which disk holds this replica\'s data',
      });
    }
    output.push(pair.volume, pair.claim);
    bindings.push(pair.binding);
    changes.push(...pair.changes);
    warnings.push(...pair.warnings);
  }

  const pairedVolumes = new Set(pairings.flatMap((pairing) => (pairing.volume ? [pairing.volume] : [])));
  const unclaimedVolumes: Plan['unclaimedVolumes'] = [];
  for (const volume of kept.filter((value) => value['kind'] === 'PersistentVolume' && !pairedVolumes.has(value))) {
    const disk = diskOf(asObject(volume['spec']) ?? {});
    unclaimedVolumes.push({ volume: nameOf(volume), disk: disk?.label, reclaimPolicy: reclaimPolicyOf(volume) });
    warnings.push({ object: `PersistentVolume ${nameOf(volume)}`, message: 'no claim in the input uses it: not carried over (its disk is left alone)' });
  }

  for (const value of kept) {
    if (value['kind'] === 'PersistentVolume' || replacedClaims.has(value)) continue;
    output.push(migrateObject(value, options, changes, CLUSTER_SCOPED.has(String(value['kind'])) ? undefined : targetNamespace(undefined)));
  }

  output.push(...missingNamespaces(output, changes));
  const laidOut = layout(output).map(({ path, value }) => ({ path, value, text: toYaml(value) }));
  const fixed = fixOutput(laidOut, { kubernetesVersion: options.kubernetesVersion, applySuggestions: options.applySuggestions, rules });
  // What the fixes changed is read back from the text: the binding check must see the files as written.
  const files = laidOut.map((file, i) => {
    const text = fixed.texts[i]!;
    return text === file.text ? file : { path: file.path, value: parse(text, KUBERNETES_YAML) as PlainObject, text };
  });
  const objectIn = new Map(laidOut.map((file) => [file.path, describe(file.value)]));
  for (const applied of fixed.applied) changes.push(changeFor(applied, objectIn.get(applied.file) ?? applied.file));

  const problems = [
    ...lintProblems(fixed.results, fixed.internalErrors),
    ...checkBindings(files.map((file) => file.value), bindings),
  ];
  const sourcePatches = sources
    .map((source) => source.value)
    .filter((value) => value['kind'] === 'PersistentVolume' && reclaimPolicyOf(value) !== 'Retain')
    .map((value) => ({
      volume: nameOf(value),
      reclaimPolicy: reclaimPolicyOf(value),
      command: `kubectl patch pv ${nameOf(value)} -p '{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}'`,
    }));
  const plan: Plan = {
    targetKubernetesVersion: options.kubernetesVersion.join('.'),
    prebind: options.prebind,
    labelKey: options.labelKey,
    bindings,
    claimsWithoutData,
    unclaimedVolumes,
    sourcePatches,
    sourceStops: sourceStops(kept, pairings.filter(hasVolume)),
    dropped,
    changes,
    warnings,
    files: files.map((file) => file.path),
    selfCheck: { ok: problems.every((problem) => problem.severity !== 'error'), problems },
  };
  const kustomization = toYaml({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: plan.files });
  return {
    files: [
      ...files.map(({ path, text }) => ({ path, text })),
      { path: 'kustomization.yaml', text: kustomization },
      { path: 'MIGRATION.md', text: renderMarkdown(plan) },
      { path: 'plan.json', text: `${JSON.stringify(plan, null, 2)}\n` },
    ],
    plan,
  };
}

/** Namespaces the output uses but does not create (a namespace export rarely holds its Namespace object). */
function missingNamespaces(output: readonly PlainObject[], changes: Change[]): PlainObject[] {
  const created = new Set(output.filter((value) => value['kind'] === 'Namespace').map(nameOf));
  const used = new Set(output.flatMap((value) => { const namespace = asString(asObject(value['metadata'])?.['namespace']); return namespace ? [namespace] : []; }));
  const missing = [...used].filter((namespace) => !created.has(namespace) && namespace !== DEFAULT_NAMESPACE && !namespace.startsWith('kube-')).sort();
  for (const namespace of missing) changes.push({ object: `Namespace ${namespace}`, what: 'created', why: 'the migrated objects live in it and the input does not create it' });
  return missing.map((namespace) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }));
}

/** A lint fix as a row of MIGRATION.md's changes: the problem it removed is the reason. */
function changeFor(applied: AppliedFix, object: string): Change {
  const what = applied.suggestion ? `${applied.suggestion} (suggestion of ${applied.ruleId}, --apply-suggestions)` : `lint fix of ${applied.ruleId}`;
  return { object, what, why: applied.problem };
}

function hasVolume(pairing: Pairing): pairing is Pairing & { volume: PlainObject } {
  return pairing.volume !== undefined;
}

/** A PV's reclaim policy as the API server defaults it (Retain for a hand-made volume). */
function reclaimPolicyOf(volume: PlainObject): string {
  return asString(asObject(volume['spec'])?.['persistentVolumeReclaimPolicy']) ?? 'Retain';
}
