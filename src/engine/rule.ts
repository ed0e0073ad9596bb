import type { PersistentVolume, StorageClass } from './kube.js';
import type { ClaimPiece, ContainerPiece, PodSpecPiece } from '../model/pieces.js';
import type { KubeObject, Manifest, Path, PathOp } from './types.js';

export type RuleType = 'problem' | 'suggestion';

export interface RuleMeta<M extends string, O> {
  type: RuleType;
  docs: {
    description: string;
    /** Severity in the `recommended` preset; 'off' leaves the rule out of it. */
    recommended: 'error' | 'warn' | 'off';
    /** Severity in the `migration` preset (defaults to the recommended one). */
    migration?: 'error' | 'warn' | 'off';
    /** Kinds the rule looks at, for the docs. */
    kinds: readonly string[];
  };
  /**
   * For rules with a `Run` listener: the kinds of manifests it needs from the whole run. Only these are kept in
   * memory after their file is linted, and handed to `Run`.
   */
  crossDocumentKinds?: readonly string[];
  fixable?: 'code';
  hasSuggestions?: boolean;
  messages: Record<M, string>;
  /** JSON Schema of the rule's options object. */
  schema: Record<string, unknown>;
  defaultOptions: O;
}

export interface ReportDescriptor<M extends string> {
  manifest: Manifest;
  /** Path inside the manifest of the offending node; a missing path points at its nearest existing parent. */
  path: Path;
  /** Point at the key instead of its value (for a key that should not be there). */
  at?: 'key' | 'value';
  /**
   * For a string value: the characters to point at, as [start, end) indexes into the string. Used when the source
   * shows them verbatim (one line, no escapes); otherwise the whole value is pointed at.
   */
  within?: readonly [number, number];
  messageId: M;
  data?: Record<string, string | number>;
  /** The fix, as operations on paths of this manifest. */
  fix?: PathOp[];
  suggest?: { messageId: M; data?: Record<string, string | number>; fix: PathOp[] }[];
}

export interface RuleContext<M extends string, O> {
  readonly id: string;
  readonly options: O;
  /** Target cluster version as [major, minor]. */
  readonly kubernetesVersion: readonly [number, number];
  /** Directories of extra JSON Schemas (`--schema`), for kinds the bundled schemas do not cover. */
  readonly schemaDirectories: readonly string[];
  report(descriptor: ReportDescriptor<M>): void;
}

/** What a rule can listen to; the engine finds these pieces in every manifest of every kind. */
export interface Listeners {
  Manifest?(manifest: Manifest): void;
  PodSpec?(podSpec: PodSpecPiece): void;
  Container?(container: ContainerPiece): void;
  PersistentVolume?(manifest: Manifest, value: PersistentVolume): void;
  Claim?(claim: ClaimPiece): void;
  StorageClass?(manifest: Manifest, value: StorageClass): void;
  /**
   * Called once with every manifest of the run whose kind is in `meta.crossDocumentKinds`, across files, for rules
   * that relate documents. It must derive everything from its argument: with `--concurrency` the per-document
   * listeners run in other threads.
   */
  Run?(manifests: readonly Manifest[]): void;
  /**
   * For `Run` rules whose manifests are not known by kind in advance (custom resources): true keeps this object for
   * `Run`, in addition to `meta.crossDocumentKinds`. Keep it cheap and selective: kept manifests stay in memory.
   */
  keepForRun?(object: KubeObject): boolean;
}

export interface Rule<M extends string = string, O = unknown> {
  id: string;
  meta: RuleMeta<M, O>;
  create(context: RuleContext<M, O>): Listeners;
}

/** `meta` for a rule that takes no options. */
export const NO_OPTIONS = {
  schema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
} as const satisfies Pick<RuleMeta<never, object>, 'schema' | 'defaultOptions'>;

/** Identity helper: lets TypeScript infer message ids and options so reports are type-checked. */
export function defineRule<const M extends string, O>(rule: Rule<M, O>): Rule<M, O> {
  return rule;
}

/** The rule as the engine sees it, with its type parameters erased. */
export type AnyRule = Rule<string, any>;
