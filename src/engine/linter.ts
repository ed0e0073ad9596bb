import type { PersistentVolume, StorageClass } from './kube.js';
import type { AnyRule, Listeners, ReportDescriptor } from './rule.js';
import type { LintMessage, LintResult, Manifest, Path, PathOp, Severity, SourceMap, Suggestion } from './types.js';
import { attachFixAcrossFiles, fixForDocuments, opsByDocument, plainOps } from './spanning-fix.js';
import { markFixable } from './results.js';
import { findSuppressor, parseDirectives, unusedDirectiveMessages, type Directive } from './directives.js';
import { fixManifest, loadSourceFile, type Parse, type ParserName, type SourceFile } from './lint-file.js';
import { PartSourceMap } from '../parse/document-parts.js';
import { claimsOf, containersOf, podSpecOf, podTemplateMetadataPath, withoutPodTemplate } from '../model/kinds.js';
import { asString, getIn } from '../model/values.js';
import { narrowToValueSpan } from './scalar-span.js';
import { toLintResult } from './results.js';
import { reparsedSources, type ReparsedSources } from './kept-sources.js';
import { NO_SOURCE } from './no-source.js';
import { detachedCopy } from './kept-values.js';
import { textAgain, withoutBom } from './read-files.js';

export interface EnabledRule {
  rule: AnyRule;
  severity: 1 | 2;
  options: unknown;
}

export interface LintSettings {
  rules: readonly EnabledRule[];
  kubernetesVersion: readonly [number, number];
  /** Directories of extra JSON Schemas (`--schema`); plain strings so settings cross to worker threads. */
  schemaDirectories?: readonly string[];
  /** Severity for unused disable directives; 0 leaves them unreported. */
  reportUnusedDisableDirectives: Severity;
  /**
   * Render fixes and suggestions as text edits (needs the full YAML parse of the file). Off for plain linting with
   * a formatter that only counts them: a message with fix operations then counts as fixable without a `fix`.
   */
  computeFixes?: boolean;
  /**
   * With computeFixes: suggestions keep only their descriptions until `renderSuggestions` is called on the results.
   * `--fix` lints several times and applies fixes only; it renders the suggestions of its last pass alone.
   */
  deferSuggestions?: boolean;
  /**
   * With computeFixes: suggestions keep only their descriptions, as without computeFixes, and are never rendered.
   * `--fix` with a formatter that prints only descriptions (stylish) renders fixes alone.
   */
  describeSuggestions?: boolean;
  /** The YAML parser; both give identical findings (see lint-file.ts). */
  parser?: ParserName;
  /**
   * Leave `source` off the results: no formatter of the run reads it. On a large tree it is the whole tree's text,
   * held to the end of the run and, with worker threads, copied from each worker.
   */
  omitSource?: boolean;
}

export interface InputFile {
  filePath: string;
  text: string;
  /** Parses the text in place of the settings' parser: the fix loop hands over the parse that checked a fix. */
  parse?: Parse;
  /**
   * The text read again from where it came, or undefined when it cannot be: lets `lintFiles` drop the text of a file
   * while it waits for the cross-document rules (taken back only if unchanged, see textAgain).
   */
  reread?: () => string | undefined;
}

/** Annotation that turns rules off for one object: `kubecarry.io/ignore: "rule-a,rule-b"` (or `*`). */
export const IGNORE_ANNOTATION = 'kubecarry.io/ignore';

/** What stays of a file once its own manifests are linted: enough to add cross-document findings and finish it. */
export interface LintedFile {
  filePath: string;
  text: string;
  /** Parse errors, the template notice, and the rules' messages so far. */
  messages: LintMessage[];
  directives: Directive[];
  /** Line spans of objects annotated with kubecarry.io/ignore. */
  ignoredSpans: { startLine: number; endLine: number; ruleIds: string[] }[];
  /** Manifests cross-document rules need; everything else of the parse is dropped. */
  crossDocument: Manifest[];
  /** Drops what the kept manifests' source maps parsed again, once the file is finished. */
  releaseParse(): void;
  /** Set while the file waits without its text (see dropText). */
  reread?: () => string | undefined;
  /**
   * Cross-document messages by their report (see resolveDeferred): those made for this text in an earlier fix pass,
   * and those made in this one.
   */
  crossMessages?: { earlier: ReadonlyMap<string, LintMessage>; made: Map<string, LintMessage> };
}

/** A cross-document finding made away from the file's parse (another thread): resolved by `resolveDeferred`. */
export interface DeferredReport {
  ruleId: string;
  severity: 1 | 2;
  filePath: string;
  docIndex: number;
  base: Path;
  descriptor: Omit<ReportDescriptor<string>, 'manifest'>;
}

interface ActiveRule {
  enabled: EnabledRule;
  listeners: Listeners;
}

/** Runs rules over files: per file (`lintFile`), then across files (`runCrossDocument`), then `finish`. */
export class Linter {
  readonly internalErrors: string[] = [];
  private readonly active: ActiveRule[];
  private readonly crossDocumentKinds: Set<string>;
  private current: LintedFile | undefined;
  /** The current file's reparsed sources, and the render targets of its manifests (see renderTarget). */
  private currentSources: { reparsed: ReparsedSources; targets: Map<Manifest, RenderTarget> } | undefined;
  /** Collects cross-document reports while `runCrossDocument` runs; other reports go straight into their file. */
  private deferred: DeferredReport[] | undefined;
  private readonly files = new Map<string, LintedFile>();
  /** Fixes and suggestions still to render, per file: rendered together when the file is finished. */
  private readonly unrendered = new WeakMap<LintedFile, (() => void)[]>();
  /** Characters of text that files waiting for the cross-document rules keep (see `wait`). */
  private waitingText = 0;

  constructor(private readonly settings: LintSettings) {
    this.active = settings.rules.map((enabled) => ({ enabled, listeners: this.instantiate(enabled) }));
    this.crossDocumentKinds = new Set(
      this.active.filter(({ listeners }) => listeners.Run).flatMap(({ enabled }) => enabled.rule.meta.crossDocumentKinds ?? []),
    );
  }

  get needsCrossDocument(): boolean {
    return this.active.some(({ listeners }) => listeners.Run);
  }

  /** Lints a file's manifests as they are parsed (part by part in a large file); its messages, and what cross-document rules need. */
  lintFile(input: InputFile): LintedFile {
    // A kept manifest that needs a position parses its document again (one in a large file, its part).
    const reparsed = reparsedSources(input.filePath, () => linted.text, this.settings.parser);
    const linted: LintedFile = { filePath: input.filePath, text: withoutBom(input.text), messages: [], directives: [], ignoredSpans: [], crossDocument: [], releaseParse: reparsed.release };
    this.current = linted;
    this.currentSources = { reparsed, targets: new Map() };
    const file = this.load(input, (manifests) => {
      linted.ignoredSpans.push(...ignoredSpans(manifests));
      // Kept until the end of the run: without the parse of their part, which is then dropped (see parseInParts), and
      // as a copy that holds nothing of the parser's (see detachedCopy).
      const kept = manifests.filter((manifest) => this.keepsForRun(manifest));
      linted.crossDocument.push(...kept.map((manifest) => ({
        ...manifest,
        value: detachedCopy(this.wantedWhole(manifest) ? manifest.value : withoutPodTemplate(manifest.value)),
        source: detachedSource(manifest, reparsed),
      })));
      for (const manifest of manifests) this.visit(manifest);
    });
    this.current = undefined;
    this.currentSources = undefined;
    linted.messages.unshift(...fileNotices(file));
    linted.directives = parseDirectives(file.text);
    if (linted.crossDocument.length > 0) this.files.set(linted.filePath, linted);
    return linted;
  }

  /** A manifest some rule keeps by its content (a custom kind a schema checks) is kept whole. */
  private wantedWhole(manifest: Manifest): boolean {
    return this.active.some(({ listeners }) => listeners.Run && listeners.keepForRun?.(manifest.value));
  }

  private keepsForRun(manifest: Manifest): boolean {
    return this.crossDocumentKinds.has(manifest.value.kind) || this.wantedWhole(manifest);
  }

  /**
   * A file linted before (an earlier fix pass) whose text has not changed since: its own manifests' messages stand, as
   * rules see one manifest at a time, so it is not parsed or visited again; cross-document findings are added anew.
   */
  relint(earlier: OwnLint): LintedFile {
    const crossMessages = { earlier: earlier.file.crossMessages?.made ?? new Map<string, LintMessage>(), made: new Map<string, LintMessage>() };
    const linted: LintedFile = { ...earlier.file, messages: [...earlier.messages], directives: parseDirectives(earlier.file.text), crossMessages };
    if (linted.crossDocument.length > 0) this.files.set(linted.filePath, linted);
    return linted;
  }

  /**
   * The manifests of a file read only as context (`--context`): cross-document rules see them with the linted ones,
   * but reports on them find no linted file and are dropped, so a context file never gets a result.
   */
  contextOf(input: InputFile): Manifest[] {
    const { manifests } = loadSourceFile(input.filePath, input.text, this.settings.parser);
    return manifests.filter((manifest) => this.keepsForRun(manifest)).map((manifest) => ({ ...manifest, source: NO_SOURCE }));
  }

  /** Parses a file; a parser that throws (a kubecarry bug) costs that file only, as a fatal message and an internal error. */
  private load(input: InputFile, visit: (manifests: Manifest[]) => void): SourceFile {
    try {
      return loadSourceFile(input.filePath, input.text, input.parse ?? this.settings.parser, visit);
    } catch (error) {
      this.internalErrors.push(`Parsing ${input.filePath} failed: ${describeError(error, true)}`);
      const message = `kubecarry failed to read this file (${describeError(error, false)}): this is a kubecarry bug, please report it`;
      return { filePath: input.filePath, text: input.text, manifests: [], errors: [{ message, line: 1, column: 1, docIndex: -1 }] };
    }
  }

  /**
   * Calls every `Run` listener with the cross-document manifests of the whole run (in file order) and returns their
   * findings, for `resolveDeferred` in whichever thread holds each file.
   */
  runCrossDocument(manifests: readonly Manifest[]): DeferredReport[] {
    this.deferred = [];
    for (const { enabled, listeners } of this.active) {
      const wanted = new Set(enabled.rule.meta.crossDocumentKinds ?? []);
      const keep = (m: Manifest) => wanted.has(m.value.kind) || listeners.keepForRun?.(m.value) === true;
      if (listeners.Run) this.guard(enabled.rule, undefined, () => listeners.Run!(manifests.filter(keep)));
    }
    const deferred = this.deferred;
    this.deferred = undefined;
    return deferred;
  }

  /**
   * Turns cross-document findings made elsewhere into messages of the files linted here. A file linted again with the
   * text of an earlier fix pass takes that pass's message for the same report: the message, its position and its
   * rendered fix depend only on the report and the text, and making it would parse the file again.
   */
  resolveDeferred(reports: readonly DeferredReport[]): void {
    for (const report of reports) {
      const manifest = this.files
        .get(report.filePath)
        ?.crossDocument.find((m) => m.docIndex === report.docIndex && m.base.join('\0') === report.base.join('\0'));
      const file = this.files.get(report.filePath);
      const rule = this.ruleById(report.ruleId);
      if (!manifest || !file) continue;
      const key = file.crossMessages && JSON.stringify([report.ruleId, report.severity, report.docIndex, report.base, report.descriptor]);
      const earlier = key === undefined ? undefined : file.crossMessages!.earlier.get(key);
      if (earlier) {
        file.messages.push(earlier);
        file.crossMessages!.made.set(key!, earlier);
        continue;
      }
      this.guard(rule, manifest, () => {
        const message = this.toMessage(file, rule, report.severity, { ...report.descriptor, manifest });
        file.messages.push(message);
        if (key !== undefined) file.crossMessages!.made.set(key, message);
      });
    }
  }

  /**
   * Counts the text of a file that waits for the cross-document rules and, past `waitingTexts.budget`, lets go of it:
   * the files of a large run hold as much text as the rest of what they keep. `restoreText` reads it again before
   * anything reads it.
   */
  wait(file: LintedFile, reread: () => string | undefined): void {
    this.waitingText += file.text.length;
    if (this.waitingText <= waitingTexts.budget) return;
    const again = textAgain(file.text, () => {
      const text = reread();
      return text === undefined ? undefined : withoutBom(text);
    });
    if (!again) return;
    file.text = '';
    file.reread = again;
  }

  /**
   * Gives a file its text back before it gets its `reports` and is finished, if anything reads it: positions of
   * findings, fixes to render, directives' justifications, the result's source. False when the file changed since it
   * was linted: then those findings and its fixes cannot be placed in it, and it keeps its messages, with a warning.
   */
  restoreText(file: LintedFile, reports: readonly DeferredReport[]): boolean {
    const { reread } = file;
    if (!reread || !this.readsText(file, reports)) return true;
    file.reread = undefined;
    const text = reread();
    if (text !== undefined) {
      file.text = text;
      return true;
    }
    this.unrendered.delete(file);
    file.messages.push({ ruleId: null, nodeType: null, severity: 1, line: 1, column: 1, message: CHANGED_WHILE_LINTED });
    return false;
  }

  private readsText(file: LintedFile, reports: readonly DeferredReport[]): boolean {
    return reports.length > 0 || this.unrendered.has(file) || file.directives.length > 0 || !this.settings.omitSource;
  }

  finish(file: LintedFile): LintResult {
    for (const render of this.unrendered.get(file) ?? []) render();
    this.unrendered.delete(file);
    this.files.delete(file.filePath);
    file.releaseParse();
    return finishFile(file, this.settings);
  }

  private toMessage(file: LintedFile, rule: AnyRule, severity: 1 | 2, descriptor: ReportDescriptor<string>): LintMessage {
    const { manifest, path, at, within, messageId, data, fix, suggest } = descriptor;
    const full = [...manifest.base, ...path];
    const source = manifest.source;
    const keyRange = at === 'key' ? source.keyRange(full) : undefined;
    const valueRange = keyRange ? undefined : source.range(full);
    let range = keyRange ?? valueRange ?? source.nearest(full);
    if (within && valueRange) range = narrowToValueSpan(file.text, valueRange, getIn(manifest.value, path), within);
    const start = source.position(range[0]);
    const end = source.position(range[1]);
    const message: LintMessage = {
      ruleId: rule.id,
      severity,
      message: interpolate(rule.meta.messages[messageId] ?? messageId, data),
      line: start.line,
      column: start.column,
      nodeType: null,
      messageId,
      endLine: end.line,
      endColumn: end.column,
    };
    const describe = (suggestion: NonNullable<typeof suggest>[number]) => interpolate(rule.meta.messages[suggestion.messageId] ?? suggestion.messageId, suggestion.data);
    const target = this.settings.computeFixes ? this.renderTarget(manifest) : manifest;
    const groups = (ops: readonly PathOp[]) => opsByDocument(target, ops);
    const inThisFile = (ops: readonly PathOp[]) => groups(ops).every((group) => group.filePath === file.filePath);
    // A suggestion is one edit of this file (ESLint's): one that edits other files is left out.
    const localSuggestions = (suggest ?? []).filter((suggestion) => inThisFile(suggestion.fix));
    let localFix = fix;
    if (fix && !inThisFile(fix)) {
      attachFixAcrossFiles(message, groups(fix));
      markFixable(message);
      localFix = undefined;
    }
    // Without computed fixes only stylish reads the results, and it prints just the description.
    const described = () => localSuggestions.map((suggestion): Suggestion => ({ desc: describe(suggestion), messageId: suggestion.messageId }) as Suggestion);
    if (!this.settings.computeFixes) {
      if (localFix) markFixable(message);
      if (localSuggestions.length > 0) message.suggestions = described();
      return message;
    }
    // Rendering reads the file with the full YAML parser: done when the file is finished, all its fixes in a row, so
    // the fixers parse the file once instead of once per fix when cross-document reports come from many files.
    const toFix = (ops: readonly PathOp[]) => {
      const [only, ...others] = groups(ops);
      // A fix of the reported document alone is made on the part it was parsed in: a large file is never parsed whole.
      if (only && others.length === 0 && only.filePath === target.filePath && only.docIndex === target.docIndex) return fixManifest(file.text, target, only.ops);
      return fixForDocuments(file.text, groups(ops));
    };
    const renderSuggestions = (): Suggestion[] =>
      localSuggestions.flatMap((suggestion) => {
        const rendered = toFix(suggestion.fix);
        return rendered ? [{ desc: describe(suggestion), messageId: suggestion.messageId, fix: rendered }] : [];
      });
    const render = () => {
      const rendered = localFix && toFix(localFix);
      if (rendered) message.fix = rendered;
      if (localSuggestions.length > 0 && this.settings.describeSuggestions) {
        message.suggestions = described();
      } else if (localSuggestions.length > 0 && this.settings.deferSuggestions) {
        message.suggestions = described();
        UNRENDERED_SUGGESTIONS.set(message, renderSuggestions);
      } else {
        const suggestions = renderSuggestions();
        if (suggestions.length > 0) message.suggestions = suggestions;
      }
    };
    this.pendingRenders(file).push(() => this.guard(rule, target, render, file));
    return message;
  }

  /**
   * The reported manifest as a fix rendered when its file is finished reads it: its place, and a source map that parses
   * again if asked (only a crash asks). A file waiting for the cross-document rules keeps its renders, and a manifest
   * holds its file's whole parse: a --fix of 100k manifests would hold the tree's. Kept manifests are already so.
   */
  private renderTarget(manifest: Manifest): RenderTarget {
    const sources = this.currentSources;
    if (!sources || manifest.filePath !== this.current?.filePath) return manifest;
    let target = sources.targets.get(manifest);
    if (!target) {
      target = { filePath: manifest.filePath, docIndex: manifest.docIndex, base: manifest.base, source: detachedSource(manifest, sources.reparsed) };
      sources.targets.set(manifest, target);
    }
    return target;
  }

  private pendingRenders(file: LintedFile): (() => void)[] {
    let renders = this.unrendered.get(file);
    if (!renders) this.unrendered.set(file, (renders = []));
    return renders;
  }

  private ruleById(id: string): AnyRule {
    return this.active.find(({ enabled }) => enabled.rule.id === id)!.enabled.rule;
  }

  private instantiate({ rule, severity, options }: EnabledRule): Listeners {
    const report = (descriptor: ReportDescriptor<string>) => {
      const { manifest } = descriptor;
      if (this.deferred) {
        const { manifest: _, fix, suggest, ...plain } = descriptor;
        const rest: DeferredReport['descriptor'] = { ...plain };
        if (fix) rest.fix = plainOps(fix);
        if (suggest) rest.suggest = suggest.map((suggestion) => ({ ...suggestion, fix: plainOps(suggestion.fix) }));
        this.deferred.push({ ruleId: rule.id, severity, filePath: manifest.filePath, docIndex: manifest.docIndex, base: manifest.base, descriptor: rest });
        return;
      }
      const file = this.current;
      if (file?.filePath === manifest.filePath) file.messages.push(this.toMessage(file, rule, severity, descriptor));
    };
    const { kubernetesVersion, schemaDirectories = [] } = this.settings;
    return rule.create({ id: rule.id, options, kubernetesVersion, schemaDirectories, report });
  }

  private visit(manifest: Manifest): void {
    const { kind } = manifest.value;
    const podSpec = podSpecOf(manifest);
    const containers = podSpec ? containersOf(podSpec) : [];
    const claims = claimsOf(manifest);
    for (const { enabled, listeners } of this.active) {
      this.guard(enabled.rule, manifest, () => {
        listeners.Manifest?.(manifest);
        if (podSpec) listeners.PodSpec?.(podSpec);
        if (listeners.Container) for (const container of containers) listeners.Container(container);
        if (kind === 'PersistentVolume') listeners.PersistentVolume?.(manifest, manifest.value as unknown as PersistentVolume);
        if (listeners.Claim) for (const claim of claims) listeners.Claim(claim);
        if (kind === 'StorageClass') listeners.StorageClass?.(manifest, manifest.value as unknown as StorageClass);
      });
    }
  }

  /**
   * A rule that throws must not stop the run. It becomes an internal error naming the rule and the file (printed with
   * its stack; the exit code is 2) and a fatal message on the object in that file's result, so every formatter shows
   * it and `--fix` leaves the file alone. The message has no ruleId, as ESLint's fatal messages: no directive hides it.
   */
  private guard(rule: AnyRule, manifest: RenderTarget | undefined, run: () => void, into?: LintedFile): void {
    try {
      run();
    } catch (error) {
      const where = manifest ? ` on ${manifest.filePath} (document ${manifest.docIndex + 1})` : ' across files';
      this.internalErrors.push(`Rule "${rule.id}" failed${where}: ${describeError(error, true)}`);
      const file = manifest && (into ?? (this.current?.filePath === manifest.filePath ? this.current : this.files.get(manifest.filePath)));
      if (!manifest || !file) return;
      file.messages.push({
        ruleId: null,
        nodeType: null,
        fatal: true,
        severity: 2,
        message: `Rule "${rule.id}" crashed on this object (${describeError(error, false)}): this is a kubecarry bug, please report it; the other rules still ran`,
        ...objectStart(manifest),
      });
    }
  }
}

/**
 * Characters of text that files waiting for the cross-document rules keep before they let go of theirs (see `wait`):
 * a run of ordinary size keeps them all, as reading a text again costs it more than keeping it. Tests lower it.
 */
export const waitingTexts = { budget: 16 * 1024 * 1024 };

const CHANGED_WHILE_LINTED =
  'File changed while kubecarry linted it: its findings across files are left out and its positions and fixes may be stale. Lint it again.';

/** Suggestions left as descriptions by `deferSuggestions`, with what renders them. */
const UNRENDERED_SUGGESTIONS = new WeakMap<LintMessage, () => Suggestion[]>();

/** Renders the suggestions `deferSuggestions` left pending (a file's in a row); those that cannot be rendered go, as they would have. */
export function renderSuggestions(results: readonly LintResult[]): void {
  for (const message of results.flatMap((result) => [...result.messages, ...result.suppressedMessages])) {
    const render = UNRENDERED_SUGGESTIONS.get(message);
    if (!render) continue;
    UNRENDERED_SUGGESTIONS.delete(message);
    const suggestions = render();
    if (suggestions.length > 0) message.suggestions = suggestions;
    else delete message.suggestions;
  }
}

/**
 * Lints files in one thread; `context` files are read only by cross-document rules. Files without manifests that
 * cross-document rules need are finished at once and their parse dropped, so memory stays flat over large trees.
 * Results keep the input order. With `earlier` (kept by the caller between fix passes), a file whose text is the one
 * linted last time is not linted again (see relint).
 */
export function lintFiles(
  inputs: Iterable<InputFile>,
  settings: LintSettings,
  context: Iterable<InputFile> = [],
  earlier?: Map<string, OwnLint>,
): { results: LintResult[]; internalErrors: string[] } {
  const linter = new Linter(settings);
  const entries: (LintResult | LintedFile)[] = [];
  for (const input of inputs) {
    const own = earlier?.get(input.filePath);
    const file = own && own.file.text === withoutBom(input.text) ? linter.relint(own) : linter.lintFile(input);
    if (earlier) {
      file.crossMessages ??= { earlier: new Map(), made: new Map() };
      earlier.set(file.filePath, { file, messages: [...file.messages] });
    }
    if (file.crossDocument.length === 0) entries.push(linter.finish(file));
    else {
      // Not in the fix loop, which compares this text with the next pass's.
      if (!earlier && input.reread) linter.wait(file, input.reread);
      entries.push(file);
    }
  }
  const reports = linter.needsCrossDocument ? crossDocumentReports(linter, entries, context) : new Map<string, DeferredReport[]>();
  // One file at a time gets its cross-document findings and is finished, so at most one file is parsed again at once;
  // its entry becomes its result, so what it kept for the cross-document rules can go.
  const results = entries as LintResult[];
  entries.forEach((entry, index) => {
    if (!('crossDocument' in entry)) return;
    const fileReports = reports.get(entry.filePath) ?? [];
    reports.delete(entry.filePath);
    if (linter.restoreText(entry, fileReports)) linter.resolveDeferred(fileReports);
    results[index] = linter.finish(entry);
  });
  // A fatal message may come from rendering a fix (a rule's crash, with its internal error): such a file is linted again.
  for (const result of results) if (result.fatalErrorCount > 0) earlier?.delete(result.filePath);
  return { results, internalErrors: linter.internalErrors };
}

/** Runs the cross-document rules over what the files kept (and the context files'), by file. */
function crossDocumentReports(linter: Linter, entries: readonly (LintResult | LintedFile)[], context: Iterable<InputFile>): Map<string, DeferredReport[]> {
  const manifests = entries.flatMap((entry) => ('crossDocument' in entry ? entry.crossDocument : []));
  for (const input of context) manifests.push(...linter.contextOf(input));
  const reports = new Map<string, DeferredReport[]>();
  for (const report of linter.runCrossDocument(manifests)) reports.set(report.filePath, [...(reports.get(report.filePath) ?? []), report]);
  return reports;
}

/**
 * A file's lint before cross-document findings and finishing: what `lintFiles` keeps for the next fix pass, as the
 * file's own messages (their fixes rendered when the file was finished) stand while its text does not change.
 */
export interface OwnLint {
  file: LintedFile;
  messages: LintMessage[];
}

function describeError(error: unknown, withStack: boolean): string {
  if (error instanceof Error) return (withStack && error.stack) || error.message;
  return String(error);
}

/** What a pending render and a crash report read of a manifest. */
type RenderTarget = Pick<Manifest, 'filePath' | 'docIndex' | 'base' | 'source'>;

/** A manifest's source map without the parse behind it: it parses its document (or part) again when asked. */
function detachedSource(manifest: Manifest, reparsed: ReparsedSources): SourceMap {
  return manifest.source instanceof PartSourceMap ? manifest.source.detached() : reparsed.sourceOf(manifest.docIndex, manifest.base, manifest.source.range([]));
}

/** Where an object starts, for a message about the whole object; line 1 when its source map cannot say. */
function objectStart(manifest: RenderTarget): { line: number; column: number } {
  try {
    const range = manifest.source.range(manifest.base);
    return range ? manifest.source.position(range[0]) : { line: 1, column: 1 };
  } catch {
    return { line: 1, column: 1 };
  }
}

/**
 * ESLint's `{{ name }}` placeholders; one whose name is not in `data` stays as written. Joined, not concatenated: a
 * concatenation holds its pieces, and a value read from a file may be a slice that holds the file's whole text.
 */
export function interpolate(text: string, data: Record<string, string | number> | undefined): string {
  if (!data) return text;
  const parts = templateParts(text);
  const pieces = [parts[0]!];
  for (let i = 1; i < parts.length; i += 3) {
    const name = parts[i]!;
    pieces.push(name in data ? String(data[name]) : parts[i + 1]!, parts[i + 2]!);
  }
  return pieces.join('');
}

/** Message templates (a rule's few) split once: text, then name, placeholder and text for each placeholder. */
const TEMPLATES = new Map<string, string[]>();

function templateParts(text: string): string[] {
  let parts = TEMPLATES.get(text);
  if (!parts) {
    parts = [];
    let last = 0;
    for (const match of text.matchAll(/\{\{\s*([^{}]+?)\s*\}\}/g)) {
      parts.push(text.slice(last, match.index), match[1]!, match[0]);
      last = match.index + match[0].length;
    }
    parts.push(text.slice(last));
    TEMPLATES.set(text, parts);
  }
  return parts;
}

/** Parse errors (fatal, as ESLint's) and the notice for a skipped template. */
function fileNotices(file: SourceFile): LintMessage[] {
  if (file.templateAt) {
    return [
      {
        ruleId: null,
        severity: 1,
        message:
          'File skipped: it holds Go template syntax ({{ ... }}), not a manifest. Render it first, for example `helm template . | kubecarry lint --stdin --stdin-filename chart.yaml`.',
        line: file.templateAt.line,
        column: file.templateAt.column,
        nodeType: null,
      },
    ];
  }
  return file.errors.map((error) => ({
    ruleId: null,
    nodeType: null,
    fatal: true,
    severity: 2,
    message: `Parsing error: ${error.message}`,
    line: error.line,
    column: error.column,
  }));
}

/** Objects (or their pod templates) annotated `kubecarry.io/ignore`, as line spans. */
function ignoredSpans(manifests: readonly Manifest[]): LintedFile['ignoredSpans'] {
  const spans: LintedFile['ignoredSpans'] = [];
  for (const manifest of manifests) {
    const templateMetadata = podTemplateMetadataPath(manifest);
    const values = [getIn(manifest.value, ['metadata', 'annotations', IGNORE_ANNOTATION])];
    if (templateMetadata) values.push(getIn(manifest.value, [...templateMetadata, 'annotations', IGNORE_ANNOTATION]));
    const ruleIds = values.flatMap((value) => (asString(value) ?? '').split(',').map((id) => id.trim()).filter(Boolean));
    const range = ruleIds.length > 0 ? manifest.source.range(manifest.base) : undefined;
    if (!range) continue;
    spans.push({ startLine: manifest.source.position(range[0]).line, endLine: manifest.source.position(range[1]).line, ruleIds });
  }
  return spans;
}

function finishFile(file: LintedFile, settings: LintSettings): LintResult {
  const kept: LintMessage[] = [];
  const suppressed: LintMessage[] = [];
  for (const message of file.messages) {
    const directive = findSuppressor(file.directives, message);
    if (directive) {
      directive.used.add(message.ruleId ?? '');
      suppressed.push(suppress(message, { kind: 'directive', justification: justification(file.text, directive.line) }));
    } else if (isIgnoredByAnnotation(file, message)) {
      suppressed.push(suppress(message, { kind: 'annotation', justification: '' }));
    } else {
      kept.push(message);
    }
  }
  if (settings.reportUnusedDisableDirectives) kept.push(...unusedDirectiveMessages(file.directives, settings.reportUnusedDisableDirectives as 1 | 2));
  return toLintResult(file, sortMessages(kept), sortMessages(suppressed), undefined, !settings.omitSource);
}

function suppress(message: LintMessage, suppression: NonNullable<LintMessage['suppressions']>[number]): LintMessage {
  const copy = { ...message, suppressions: [suppression] };
  const render = UNRENDERED_SUGGESTIONS.get(message);
  if (render) UNRENDERED_SUGGESTIONS.set(copy, render);
  return copy;
}

function isIgnoredByAnnotation(file: LintedFile, message: LintMessage): boolean {
  const { ruleId, line } = message;
  if (!ruleId) return false;
  return file.ignoredSpans.some((span) => line >= span.startLine && line <= span.endLine && (span.ruleIds.includes('*') || span.ruleIds.includes(ruleId)));
}

function justification(text: string, line: number): string {
  const lineText = text.split(/\r\n|\r|\n/)[line - 1] ?? '';
  const index = lineText.indexOf(' -- ');
  return index === -1 ? '' : lineText.slice(index + 4).trim();
}

function sortMessages(messages: LintMessage[]): LintMessage[] {
  return messages.sort((a, b) => a.line - b.line || a.column - b.column);
}
