/** kubernetes-types re-exported under the names rules use. */
export type { PersistentVolume, PersistentVolumeClaim, Container, PodSpec, LifecycleHandler } from 'kubernetes-types/core/v1.js';
export type { StorageClass } from 'kubernetes-types/storage/v1.js';
export type { StatefulSet } from 'kubernetes-types/apps/v1.js';
