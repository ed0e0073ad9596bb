import type { Container, PersistentVolumeClaimSpec, PodSpec } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Manifest, Path } from '../engine/types.js';
import type { ClaimPiece, ContainerPiece, PodSpecPiece } from './pieces.js';
import { asArray, asObject, getIn, type PlainObject } from './values.js';

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Record<string, Path> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const RUN_TO_COMPLETION_KINDS = new Set(['Job', 'CronJob']);

/** A workload's pod spec as a plain value, for code that works on objects rather than linted manifests. */
export function podSpecValueOf(value: PlainObject): PlainObject | undefined {
  const path = POD_SPEC_PATHS[String(value['kind'])];
  return path ? asObject(getIn(value, path)) : undefined;
}

export function podSpecOf(manifest: Manifest): PodSpecPiece | undefined {
  const path = POD_SPEC_PATHS[manifest.value.kind];
  if (!path) return undefined;
  const value = asObject(getIn(manifest.value, path));
  if (!value) return undefined;
  const restartPolicy = value['restartPolicy'];
  const longRunning =
    !RUN_TO_COMPLETION_KINDS.has(manifest.value.kind) &&
    !(manifest.value.kind === 'Pod' && (restartPolicy === 'Never' || restartPolicy === 'OnFailure'));
  return { manifest, path, value: value as unknown as PodSpec, longRunning };
}

/** The pod template's metadata path, where a pod template exists. */
export function podTemplateMetadataPath(manifest: Manifest): Path | undefined {
  const path = POD_SPEC_PATHS[manifest.value.kind];
  if (!path || manifest.value.kind === 'Pod') return undefined;
  return [...path.slice(0, -1), 'metadata'];
}

export function containersOf(podSpec: PodSpecPiece): ContainerPiece[] {
  const pieces: ContainerPiece[] = [];
  for (const field of ['initContainers', 'containers'] as const) {
    asArray(podSpec.value[field]).forEach((item, index) => {
      const value = asObject(item);
      if (!value) return;
      const role = field === 'containers' ? 'container' : value['restartPolicy'] === 'Always' ? 'sidecar' : 'init';
      pieces.push({ manifest: podSpec.manifest, path: [...podSpec.path, field, index], value: value as unknown as Container, podSpec, role });
    });
  }
  return pieces;
}

/**
 * Every container object of a pod spec with its path, ephemeral containers included (containersOf leaves them out:
 * they are not part of the pod's lifecycle), for rules that check what any container refers to or runs.
 */
export function everyContainerOf(podSpec: PodSpecPiece): { path: Path; value: PlainObject }[] {
  return (['initContainers', 'containers', 'ephemeralContainers'] as const).flatMap((field) =>
    asArray(podSpec.value[field]).flatMap((item, index) => {
      const value = asObject(item);
      return value ? [{ path: [...podSpec.path, field, index], value }] : [];
    }),
  );
}

export function claimsOf(manifest: Manifest): ClaimPiece[] {
  const { kind } = manifest.value;
  if (kind === 'PersistentVolumeClaim') {
    return [claim(manifest, [], manifest.value, false)];
  }
  if (kind !== 'StatefulSet') return [];
  const templates = asArray(getIn(manifest.value, ['spec', 'volumeClaimTemplates']));
  return templates.flatMap((template, index) =>
    asObject(template) ? [claim(manifest, ['spec', 'volumeClaimTemplates', index], template, true)] : [],
  );
}

function claim(manifest: Manifest, path: Path, value: unknown, fromTemplate: boolean): ClaimPiece {
  const object = asObject(value) ?? {};
  return {
    manifest,
    path,
    metadata: (asObject(object['metadata']) ?? {}) as ObjectMeta,
    spec: (asObject(object['spec']) ?? {}) as PersistentVolumeClaimSpec,
    fromTemplate,
  };
}

/**
 * A workload without its pod template, for what is kept until cross-document rules run: they read a StatefulSet's
 * claim templates, replicas and ordinals, never its pods, and the pod template is most of the object.
 */
export function withoutPodTemplate(value: Manifest['value']): Manifest['value'] {
  const path = POD_SPEC_PATHS[value.kind];
  const spec = asObject(value['spec']);
  if (!path || path[0] !== 'spec' || path.length < 3 || !spec || !(path[1]! in spec)) return value;
  const { [path[1]!]: _, ...rest } = spec;
  return { ...value, spec: rest };
}
