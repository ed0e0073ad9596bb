import type { Container, PersistentVolumeClaimSpec, PodSpec } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Manifest, Path } from '../engine/types.js';

/** A pod spec wherever it lives (Pod, Deployment, StatefulSet, CronJob, ...). */
export interface PodSpecPiece {
  manifest: Manifest;
  /** Path of the pod spec inside the manifest. */
  path: Path;
  value: PodSpec;
  /** False for run-to-completion pods (Job, CronJob, Pods with restartPolicy Never/OnFailure). */
  longRunning: boolean;
}

export interface ContainerPiece {
  manifest: Manifest;
  path: Path;
  value: Container;
  podSpec: PodSpecPiece;
  /** 'initContainers' entries without restartPolicy: Always run to completion before the app starts. */
  role: 'container' | 'init' | 'sidecar';
}

/** A PersistentVolumeClaim object or a StatefulSet volumeClaimTemplate. */
export interface ClaimPiece {
  manifest: Manifest;
  /** [] for a PersistentVolumeClaim, ['spec', 'volumeClaimTemplates', i] for a template. */
  path: Path;
  metadata: ObjectMeta;
  spec: PersistentVolumeClaimSpec;
  fromTemplate: boolean;
}
