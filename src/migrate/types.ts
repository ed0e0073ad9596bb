import type { PlainObject } from '../model/values.js';

/** How claims and volumes are tied together in the target cluster (`--prebind`). */
export type Prebind = 'claimref' | 'volumename' | 'selector' | 'both';
export const PREBIND_MODES: readonly Prebind[] = ['both', 'claimref', 'volumename', 'selector'];

export interface MigrateOptions {
  /** Target cluster version as [major, minor]. */
  kubernetesVersion: readonly [number, number];
  namespaceMap: ReadonlyMap<string, string>;
  storageClassMap: ReadonlyMap<string, string>;
  /** Convert in-tree volume sources to CSI even where the target still has the in-tree plugin. */
  csi: boolean;
  prebind: Prebind;
  /** Label put on each static volume and selected by its claim. */
  labelKey: string;
  /** Keep every Service nodePort, even those an export cannot prove were set by hand. */
  keepNodePorts: boolean;
  /** Apply the first suggestion of each lint finding on the output that has no fix (fixes are always applied). */
  applySuggestions: boolean;
}

export const DEFAULT_LABEL_KEY = 'kubecarry.io/volume';

/** One source object, as read, with whether it came from a cluster export (it carries server-set fields). */
export interface SourceObject {
  value: PlainObject & { apiVersion: string; kind: string };
  filePath: string;
  /** The document (and List item) it came from, for messages: `file.yaml#2` or `file.yaml#1/items/3`. */
  origin: string;
}

/** A change made to an object, for MIGRATION.md and plan.json. */
export interface Change {
  /** `Kind namespace/name` of the output object. */
  object: string;
  what: string;
  why: string;
}

export interface Warning {
  object: string;
  message: string;
}
