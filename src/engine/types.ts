/** A path into a YAML document: map keys and sequence indexes, e.g. ['spec', 'containers', 0, 'image']. */
export type Path = readonly (string | number)[];

/** ESLint severities: 0 off, 1 warning, 2 error. */
export type Severity = 0 | 1 | 2;
export type SeverityName = 'off' | 'warn' | 'error';

/** A half-open character range [start, end) in the file's text. */
export type Range = readonly [number, number];

/** Where a path sits in the source. Rules never see it; the engine turns reports into positions with it. */
export interface SourceMap {
  /** Range of the node at `path` (its value), or undefined when the path does not exist. */
  range(path: Path): Range | undefined;
  /** Range of the key whose value is at `path`, or undefined (root, sequence items, missing paths). */
  keyRange(path: Path): Range | undefined;
  /** A short range for the deepest existing ancestor of `path`: its key, or the first key of a map without one. */
  nearest(path: Path): Range;
  /** 1-based line and column of a character offset (ESLint's basis). */
  position(offset: number): { line: number; column: number };
}

/** One Kubernetes object as Kubernetes would decode it, with where it came from. */
export interface Manifest {
  readonly filePath: string;
  /** Index of the YAML document in its file. */
  readonly docIndex: number;
  /** Path of the object inside its document: [] or ['items', i] for `kind: List` items. */
  readonly base: Path;
  readonly value: KubeObject;
  readonly source: SourceMap;
}

/** The minimum every manifest has; rules narrow it with kubernetes-types. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}

/** Names a manifest for a fix that edits another one; the engine keeps only these fields (plain data, for threads and the cache). */
export type ManifestRef = Pick<Manifest, 'filePath' | 'docIndex' | 'base'>;

/** A path operation: how a rule expresses a fix, without knowing YAML text. Applied by src/fixers. */
export type PathOp = (
  | { op: 'set'; path: Path; value: unknown }
  | { op: 'remove'; path: Path }
  | { op: 'rename'; path: Path; key: string }
  /** Adds `value` at the end of the sequence at `path`, creating the sequence when the path is missing or null. */
  | { op: 'append'; path: Path; value: unknown }
) & {
  /**
   * The manifest whose `path` this is, when not the reported one: pinning a claim labels its volume, in another
   * document or file. The engine applies all of a fix's ops or none.
   */
  manifest?: ManifestRef;
};

/** ESLint's fix object. */
export interface Fix {
  range: [number, number];
  text: string;
}

export interface Suggestion {
  desc: string;
  messageId?: string;
  fix: Fix;
}

/** ESLint's LintMessage, key order as ESLint writes it. */
export interface LintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  nodeType: string | null;
  messageId?: string;
  endLine?: number;
  endColumn?: number;
  fix?: Fix;
  suggestions?: Suggestion[];
  fatal?: boolean;
  suppressions?: { kind: string; justification: string }[];
}

/** ESLint's LintResult. */
export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  suppressedMessages: LintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
  output?: string;
  usedDeprecatedRules: { ruleId: string; replacedBy: string[] }[];
}
