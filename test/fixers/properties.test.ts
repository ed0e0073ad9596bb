import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Path, PathOp } from '../../src/engine/types.js';
import { fixContext } from '../../src/fixers/context.js';
import { fixFromOps, planFix } from '../../src/fixers/index.js';
import { applyFix } from '../../src/fixers/text.js';
import { MAX_ALIAS_COUNT, parseDocuments } from '../../src/fixers/yaml-options.js';

/*
 * Random small manifests (key order, plain and quoted scalars and keys, literal blocks, `key:` with no value, comments
 * after keys and on lines of their own at any column, blank lines, indentation 2 or 4, sequences indented or not,
 * `- name:` items, flow collections, LF or CRLF, final line break or not, several documents) and random ops on paths
 * that exist or not. The expectation is computed here on plain values, independently of src/fixers.
 */

// ---- A model of a file, rendered to text -------------------------------------------------------------------

type Quote = 'plain' | 'single' | 'double' | 'literal';
type MScalar = { t: 'scalar'; value: string | number | boolean | null; quote: Quote; empty: boolean };
/** `above`: a comment line before the entry, at this many columns from it; `blank`: an empty line before it. */
type MEntry = { key: string; keyQuote: Quote; value: MNode; comment: boolean; above: number | null; blank: boolean };
type MItem = { value: MNode; comment: boolean; above: number | null; blank: boolean };
/** `trailer`: a comment line after the last entry, at this many columns from the entries. */
type MMap = { t: 'map'; flow: boolean; spaced: boolean; entries: MEntry[]; trailer: number | null };
type MSeq = { t: 'seq'; flow: boolean; spaced: boolean; items: MItem[] };
type MNode = MScalar | MMap | MSeq;

interface Style {
  indent: number;
  seqIndent: number;
  eol: '\n' | '\r\n';
  finalBreak: boolean;
  leadingMarker: boolean;
}

/** Strings that may be written plain, in block and flow context. */
const PLAIN = ['web', 'nginx:1.25', '10Gi', 'a b', 'Retain', 'x-y_z', 'fast', 'é'];
/** Strings that must be quoted (YAML 1.1 and go-yaml read them as other types, or they break the syntax). */
const QUOTED = ['yes', 'on', 'y', 'N', '0755', '', 'a: b', 'x #y', '- a', '1e3', 'true', '{a}', "it's", 'say "hi"', '~', '0x1F', '12'];
/** Literal block scalars: `|` for one final line break, `|-` for none. */
const LITERAL = ['echo a\necho b', 'echo a\necho b\n', 'x: y\n# not a comment\n', 'one\n\nthree'];
const KEYS = ['app', 'name', 'image', 'tier', 'port', 'x.io/y', 'a-b', 'env', 'data', 'k1', 'k2', 'k3'];
const FRESH_KEYS = ['fresh', 'new-key', 'yes', '0755', 'a b', 'x.io/new', 'on', ''];

const quoteArb = fc.constantFrom<Quote>('plain', 'plain', 'single', 'double');

const scalarArb: fc.Arbitrary<MScalar> = fc.oneof(
  fc.record({ t: fc.constant('scalar' as const), value: fc.constantFrom(...PLAIN), quote: quoteArb, empty: fc.constant(false) }),
  fc.record({ t: fc.constant('scalar' as const), value: fc.constantFrom(...QUOTED), quote: fc.constantFrom<Quote>('single', 'double'), empty: fc.constant(false) }),
  fc.record({ t: fc.constant('scalar' as const), value: fc.constantFrom(0, 1, 42, -3, 1.5, true, false), quote: fc.constant<Quote>('plain'), empty: fc.constant(false) }),
  fc.record({ t: fc.constant('scalar' as const), value: fc.constant(null), quote: fc.constant<Quote>('plain'), empty: fc.boolean() }),
);
/** Scalars of block collections, which may be literal blocks. */
const blockScalarArb: fc.Arbitrary<MScalar> = fc.oneof(
  { weight: 6, arbitrary: scalarArb },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('scalar' as const), value: fc.constantFrom(...LITERAL), quote: fc.constant<Quote>('literal'), empty: fc.constant(false) }) },
);
const noFlowScalar = (value: fc.Arbitrary<MNode>) => value.filter((v) => v.t !== 'scalar' || v.quote !== 'literal');

const aboveArb = fc.option(fc.integer({ min: -8, max: 6 }), { freq: 2 });

function entriesArb(value: fc.Arbitrary<MNode>, min: number, flow: boolean): fc.Arbitrary<MEntry[]> {
  return fc.uniqueArray(
    fc.record({
      key: fc.constantFrom(...KEYS),
      keyQuote: quoteArb,
      value: flow ? noFlowScalar(value) : value,
      comment: flow ? fc.constant(false) : fc.boolean(),
      above: flow ? fc.constant(null) : aboveArb,
      blank: flow ? fc.constant(false) : fc.boolean(),
    }),
    { minLength: min, maxLength: 4, selector: (entry) => entry.key },
  );
}

function itemsArb(value: fc.Arbitrary<MNode>, min: number, flow: boolean): fc.Arbitrary<MItem[]> {
  return fc.array(
    fc.record({
      value: flow ? noFlowScalar(value) : value,
      comment: flow ? fc.constant(false) : fc.boolean(),
      above: flow ? fc.constant(null) : aboveArb,
      blank: flow ? fc.constant(false) : fc.boolean(),
    }),
    { minLength: min, maxLength: 3 },
  );
}

function flowArb(depth: number): fc.Arbitrary<MNode> {
  const scalar = scalarArb.map((s) => ({ ...s, empty: false }));
  const value: fc.Arbitrary<MNode> = depth <= 0 ? scalar : fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: flowArb(depth - 1) });
  return fc.oneof(
    fc.record({ t: fc.constant('map' as const), flow: fc.constant(true), spaced: fc.boolean(), entries: entriesArb(value, 0, true), trailer: fc.constant(null) }),
    fc.record({ t: fc.constant('seq' as const), flow: fc.constant(true), spaced: fc.boolean(), items: itemsArb(value, 0, true) }),
  );
}

function blockMapArb(value: fc.Arbitrary<MNode>): fc.Arbitrary<MMap> {
  return fc.record({
    t: fc.constant('map' as const),
    flow: fc.constant(false),
    spaced: fc.constant(false),
    entries: entriesArb(value, 1, false),
    trailer: fc.option(fc.integer({ min: -8, max: 6 }), { freq: 3 }),
  });
}

function blockArb(depth: number): fc.Arbitrary<MNode> {
  const value: fc.Arbitrary<MNode> =
    depth <= 0
      ? fc.oneof({ weight: 4, arbitrary: blockScalarArb }, { weight: 1, arbitrary: flowArb(1) })
      : fc.oneof({ weight: 4, arbitrary: blockScalarArb }, { weight: 1, arbitrary: flowArb(1) }, { weight: 3, arbitrary: blockArb(depth - 1) });
  return fc.oneof(
    { weight: 3, arbitrary: blockMapArb(value) },
    {
      weight: 1,
      // Items of a block sequence: scalars, flow collections or block maps (`- name: x`).
      arbitrary: fc.record({
        t: fc.constant('seq' as const),
        flow: fc.constant(false),
        spaced: fc.constant(false),
        items: itemsArb(value.filter((v) => v.t !== 'seq' || v.flow), 1, false),
      }),
    },
  );
}

const rootArb: fc.Arbitrary<MMap> = blockMapArb(fc.oneof({ weight: 2, arbitrary: blockScalarArb }, { weight: 3, arbitrary: blockArb(2) }, { weight: 1, arbitrary: flowArb(1) }));

const styleArb: fc.Arbitrary<Style> = fc
  .record({ indent: fc.constantFrom(2, 4), seqStyle: fc.constantFrom('flush', 'two', 'indent'), eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'), finalBreak: fc.boolean(), leadingMarker: fc.boolean() })
  .map(({ seqStyle, ...rest }) => ({ ...rest, seqIndent: seqStyle === 'flush' ? 0 : seqStyle === 'two' ? 2 : rest.indent }));

class Renderer {
  private count = 0;
  /** The column of the key or dash of a literal block that the last lines were, if so: a comment deeper would be its text. */
  private literalOwner: number | null = null;
  readonly comments: string[] = [];
  private lines: string[] = [];
  constructor(private readonly style: Style) {}

  private comment(): string {
    const text = `# c${++this.count}`;
    this.comments.push(text);
    return text;
  }

  private commentLine(column: number): void {
    const at = Math.max(0, this.literalOwner === null ? column : Math.min(column, this.literalOwner));
    this.lines.push(' '.repeat(at) + this.comment());
  }

  private line(text: string): void {
    this.lines.push(text);
    this.literalOwner = null;
  }

  private literal(value: string, owner: number, contentColumn: number): void {
    const body = value.endsWith('\n') ? value.slice(0, -1) : value;
    for (const text of body.split('\n')) this.lines.push(text === '' ? '' : ' '.repeat(contentColumn) + text);
    this.literalOwner = owner;
  }

  scalar(node: MScalar): string {
    const { value, quote } = node;
    if (typeof value !== 'string') return value === null ? (quote === 'plain' ? 'null' : '~') : String(value);
    if (quote === 'literal') return value.endsWith('\n') ? '|' : '|-';
    if (quote === 'single') return `'${value.replaceAll("'", "''")}'`;
    if (quote === 'double') return JSON.stringify(value);
    return value;
  }

  key(entry: MEntry): string {
    return this.scalar({ t: 'scalar', value: entry.key, quote: entry.keyQuote, empty: false });
  }

  flow(node: MNode): string {
    if (node.t === 'scalar') return this.scalar(node);
    const parts = node.t === 'map' ? node.entries.map((e) => `${this.key(e)}: ${this.flow(e.value)}`) : node.items.map((i) => this.flow(i.value));
    const [open, close] = node.t === 'map' ? ['{', '}'] : ['[', ']'];
    if (parts.length === 0) return open + close;
    return node.spaced ? `${open} ${parts.join(', ')} ${close}` : `${open}${parts.join(', ')}${close}`;
  }

  /** A block map whose keys are at `column`; `dash` when its first key follows a dash (`- name: x`). */
  private map(node: MMap, column: number, dash: string | null = null): void {
    node.entries.forEach((entry, index) => {
      const first = dash !== null && index === 0;
      if (!first && entry.blank) this.lines.push('');
      if (!first && entry.above !== null) this.commentLine(column + entry.above);
      let head = `${first ? dash : ' '.repeat(column)}${this.key(entry)}:`;
      const value = entry.value;
      if (value.t === 'scalar') head += value.value === null && value.empty ? '' : ` ${this.scalar(value)}`;
      else if (value.flow) head += ` ${this.flow(value)}`;
      if (entry.comment) head += ` ${this.comment()}`;
      this.line(head);
      if (value.t === 'scalar' && value.quote === 'literal') this.literal(value.value as string, column, column + this.style.indent);
      if (value.t === 'map' && !value.flow) this.map(value, column + this.style.indent);
      if (value.t === 'seq' && !value.flow) this.seq(value, column + this.style.seqIndent);
    });
    if (node.trailer !== null) this.commentLine(column + node.trailer);
  }

  private seq(node: MSeq, column: number): void {
    const pad = ' '.repeat(column);
    for (const item of node.items) {
      if (item.blank) this.lines.push('');
      if (item.above !== null) this.commentLine(column + item.above);
      const value = item.value;
      if (value.t === 'map' && !value.flow) {
        this.map(value, column + 2, `${pad}- `);
      } else {
        let line = `${pad}- ${value.t === 'scalar' ? this.scalar(value) : this.flow(value)}`;
        if (item.comment) line += ` ${this.comment()}`;
        this.line(line);
        if (value.t === 'scalar' && value.quote === 'literal') this.literal(value.value as string, column, column + 2);
      }
    }
  }

  file(docs: MMap[]): string {
    const { eol } = this.style;
    const parts = docs.map((doc) => {
      this.lines = [];
      this.literalOwner = null;
      this.map(doc, 0);
      return this.lines.join(eol);
    });
    const text = (this.style.leadingMarker ? `---${eol}` : '') + parts.join(`${eol}---${eol}`);
    return this.style.finalBreak ? text + eol : text;
  }
}

function toValue(node: MNode): unknown {
  if (node.t === 'scalar') return node.value;
  if (node.t === 'seq') return node.items.map((item) => toValue(item.value));
  return Object.fromEntries(node.entries.map((entry) => [entry.key, toValue(entry.value)]));
}

// ---- Paths and ops ------------------------------------------------------------------------------------------------

interface Spot {
  path: Path;
  node: MNode;
  /** The entry (key and value) holds a comment that a replacement of its value would have to cut. */
  commented: boolean;
  inMap: boolean;
}

function hasComment(node: MNode): boolean {
  if (node.t === 'scalar') return false;
  return node.t === 'map'
    ? node.trailer !== null || node.entries.some((e) => e.comment || e.above !== null || hasComment(e.value))
    : node.items.some((i) => i.comment || i.above !== null || hasComment(i.value));
}

function hasLiteral(node: MNode): boolean {
  if (node.t === 'scalar') return node.quote === 'literal';
  return node.t === 'map' ? node.entries.some((e) => hasLiteral(e.value)) : node.items.some((i) => hasLiteral(i.value));
}

function spots(node: MNode, path: Path = [], out: Spot[] = []): Spot[] {
  if (node.t === 'map') {
    for (const entry of node.entries) {
      const child = [...path, entry.key];
      const commentedBlock = entry.value.t !== 'scalar' && !entry.value.flow && (entry.comment || hasComment(entry.value));
      out.push({ path: child, node: entry.value, commented: commentedBlock, inMap: true });
      spots(entry.value, child, out);
    }
  } else if (node.t === 'seq') {
    node.items.forEach((item, index) => {
      const child = [...path, index];
      out.push({ path: child, node: item.value, commented: item.value.t !== 'scalar' && !item.value.flow && hasComment(item.value), inMap: false });
      spots(item.value, child, out);
    });
  }
  return out;
}

const newScalarArb = fc.constantFrom<unknown>(...PLAIN, ...QUOTED, 0, 7, 3.25, true, false, null, 'line1\nline2', 'line1\nline2\n', 'tab\there', 'trailing ');
const newValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: newScalarArb },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...KEYS, ...FRESH_KEYS), newScalarArb, { minKeys: 0, maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(newScalarArb, fc.dictionary(fc.constantFrom(...KEYS), newScalarArb, { minKeys: 1, maxKeys: 2 })), { maxLength: 3 }) },
);

interface Case {
  style: Style;
  docs: MMap[];
  docIndex: number;
  ops: PathOp[];
  /** Some op may be declined by design (replacing a value whose text holds comments). */
  mayDecline: boolean;
}

function opArb(root: MMap): fc.Arbitrary<{ op: PathOp; mayDecline: boolean }> {
  const all = spots(root);
  const maps: { path: Path; node: MMap }[] = [{ path: [], node: root }, ...all.filter((s) => s.node.t === 'map').map((s) => ({ path: s.path, node: s.node as MMap }))];
  const seqs = all.filter((s) => s.node.t === 'seq');
  const nulls = all.filter((s) => s.node.t === 'scalar' && s.node.value === null);
  const mapEntries = all.filter((s) => s.inMap);
  const choices: fc.Arbitrary<{ op: PathOp; mayDecline: boolean }>[] = [];
  const fresh = (map: MMap) => fc.constantFrom(...FRESH_KEYS.filter((key) => !map.entries.some((e) => e.key === key)));
  if (all.length > 0) {
    choices.push(
      fc.tuple(fc.constantFrom(...all), newValueArb).map(([spot, value]) => ({
        op: { op: 'set', path: spot.path, value },
        mayDecline: spot.commented,
      })),
      // Lines that would move up against a literal block could become its text: such removals are declined.
      fc.constantFrom(...all).map((spot) => ({ op: { op: 'remove', path: spot.path } as PathOp, mayDecline: hasLiteral(root) })),
    );
  }
  choices.push(
    fc.tuple(fc.constantFrom(...maps), fc.boolean(), newValueArb).chain(([map, deep, value]) =>
      fresh(map.node).map((key) => ({ op: { op: 'set', path: deep ? [...map.path, key, 'inner'] : [...map.path, key], value } as PathOp, mayDecline: false })),
    ),
  );
  if (nulls.length > 0) {
    choices.push(fc.tuple(fc.constantFrom(...nulls), newValueArb).map(([spot, value]) => ({ op: { op: 'set', path: [...spot.path, 'k'], value }, mayDecline: false })));
  }
  if (mapEntries.length > 0) {
    choices.push(
      fc.constantFrom(...mapEntries).chain((spot) => {
        const parent = maps.find((m) => m.path.length === spot.path.length - 1 && m.path.every((s, i) => s === spot.path[i]))!.node;
        return fresh(parent).map((key) => ({ op: { op: 'rename', path: spot.path, key } as PathOp, mayDecline: false }));
      }),
    );
  }
  if (seqs.length > 0) {
    choices.push(fc.tuple(fc.constantFrom(...seqs), newValueArb).map(([spot, value]) => ({ op: { op: 'append', path: spot.path, value }, mayDecline: false })));
  }
  // Any op on any path, most of them wrong: declining is fine, a wrong edit is not.
  const anyPath = fc.array(fc.oneof(fc.constantFrom(...KEYS, ...FRESH_KEYS), fc.nat(3)), { minLength: 1, maxLength: 4 });
  choices.push(
    fc
      .tuple(fc.constantFrom('set', 'remove', 'rename', 'append'), anyPath, newValueArb, fc.constantFrom(...FRESH_KEYS))
      .map(([kind, path, value, key]) => ({ op: (kind === 'rename' ? { op: kind, path, key } : kind === 'remove' ? { op: kind, path } : { op: kind, path, value }) as PathOp, mayDecline: true })),
  );
  return fc.oneof(...choices);
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({ style: styleArb, docs: fc.array(rootArb, { minLength: 1, maxLength: 3 }) })
  .chain(({ style, docs }) =>
    fc.nat(docs.length - 1).chain((docIndex) =>
      fc.array(opArb(docs[docIndex]!), { minLength: 1, maxLength: 3 }).map((ops) => ({
        style,
        docs,
        docIndex,
        ops: ops.map((o) => o.op),
        // A removal may also be declined next to a literal block that another op writes.
        mayDecline: ops.some((o) => o.mayDecline) || (ops.some((o) => o.op.op === 'remove') && ops.some((o) => JSON.stringify(o.op).includes('\\n'))),
      })),
    ),
  );

/** Most often an entry of the same map, else any map entry of the document (before or after the new keys), or none. */
function removedArb(sameMap: Path[], anyMap: Path[]): fc.Arbitrary<Path | null> {
  const targets = [...sameMap, ...sameMap, ...sameMap, ...anyMap];
  return targets.length > 0 ? fc.option(fc.constantFrom(...targets), { freq: 4 }) : fc.constant(null);
}

/**
 * Ops aimed at one map, as a fix that moves a field does (new keys, then the old key removed): what planFix's shortcuts
 * handle without reading the text again.
 */
const oneMapCaseArb = fc
  .record({ style: styleArb, docs: fc.array(rootArb, { minLength: 1, maxLength: 2 }) })
  .chain(({ style, docs }) =>
    fc.nat(docs.length - 1).chain((docIndex) => {
      const root = docs[docIndex]!;
      const maps = [{ path: [] as Path, node: root }, ...spots(root).flatMap((s) => (s.node.t === 'map' ? [{ path: s.path, node: s.node }] : []))];
      const entries = spots(root).flatMap((s) => (s.inMap ? [s.path] : []));
      return fc.constantFrom(...maps).chain(({ path, node }) =>
        fc
          .tuple(
            fc.uniqueArray(fc.constantFrom(...FRESH_KEYS.filter((key) => !node.entries.some((e) => e.key === key))), { minLength: 1, maxLength: 3 }),
            fc.array(fc.tuple(fc.boolean(), newValueArb), { minLength: 3, maxLength: 3 }),
            removedArb(node.entries.map((e) => [...path, e.key]), entries),
          )
          .map(([keys, values, removed]): { style: Style; docs: MMap[]; docIndex: number; ops: PathOp[] } => {
            const ops: PathOp[] = keys.map((key, i) => ({ op: 'set', path: values[i]![0] ? [...path, key, 'inner'] : [...path, key], value: values[i]![1] }));
            if (removed) ops.push({ op: 'remove', path: removed });
            return { style, docs, docIndex, ops };
          }),
      );
    }),
  );

// ---- The expectation, on plain values -----------------------------------------------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function expectedValue(value: unknown, ops: readonly PathOp[]): unknown {
  const root = { v: structuredClone(value) } as Record<string, unknown>;
  for (const op of ops) {
    let holder: Record<string | number, unknown> = root;
    let key: string | number = 'v';
    const path = op.path;
    if (path.length === 0) return undefined;
    for (const segment of path) {
      let next = holder[key];
      if ((next === null || (next === undefined && !Array.isArray(holder))) && (op.op === 'set' || op.op === 'append') && typeof segment === 'string') {
        next = {};
        holder[key] = next;
      }
      if (typeof segment === 'string' ? !isObject(next) : !Array.isArray(next) || segment >= next.length) return undefined;
      holder = next as Record<string | number, unknown>;
      key = segment;
    }
    const exists = Array.isArray(holder) ? (key as number) < holder.length : Object.hasOwn(holder, key);
    switch (op.op) {
      case 'set':
        holder[key] = structuredClone(op.value);
        break;
      case 'remove':
        if (!exists) return undefined;
        if (Array.isArray(holder)) holder.splice(key as number, 1);
        else delete holder[key];
        break;
      case 'rename':
        if (!exists || Array.isArray(holder)) return undefined;
        if (op.key !== key) {
          if (Object.hasOwn(holder, op.key)) return undefined;
          holder[op.key] = holder[key];
          delete holder[key];
        }
        break;
      case 'append':
        if (!exists || holder[key] === null) holder[key] = [structuredClone(op.value)];
        else if (Array.isArray(holder[key])) (holder[key] as unknown[]).push(structuredClone(op.value));
        else return undefined;
        break;
    }
  }
  return root['v'];
}

function overlap(ops: readonly PathOp[]): boolean {
  const paths = ops.map((op) => {
    if (op.op === 'rename') return [op.path, [...op.path.slice(0, -1), op.key]];
    if (op.op === 'remove' && typeof op.path[op.path.length - 1] === 'number') return [op.path.slice(0, -1)];
    return [op.path];
  });
  const prefix = (a: Path, b: Path) => a.length <= b.length && a.every((s, i) => s === b[i]);
  return paths.some((mine, i) => paths.slice(i + 1).some((theirs) => mine.some((a) => theirs.some((b) => prefix(a, b) || prefix(b, a)))));
}

function read(text: string): { errors: string[]; values: unknown[] } {
  const docs = parseDocuments(text);
  return {
    errors: docs.flatMap((doc) => doc.errors.map((error) => error.message)),
    values: docs.map((doc) => (doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }))),
  };
}

// ---- Properties ---------------------------------------------------------------------------------------------------

describe('fixFromOps on random manifests', () => {
  it('renders test files that parse to the model (sanity check of the generator)', () => {
    fc.assert(
      fc.property(styleArb, fc.array(rootArb, { minLength: 1, maxLength: 3 }), (style, docs) => {
        const text = new Renderer(style).file(docs);
        const { errors, values } = read(text);
        expect(errors).toEqual([]);
        expect(values).toEqual(docs.map(toValue));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same edit without reading the text again after each op as with', () => {
    let together = 0;
    fc.assert(
      fc.property(oneMapCaseArb, ({ style, docs, docIndex, ops }) => {
        fc.pre(!overlap(ops)); // fixFromOps declines those before planning
        const text = new Renderer(style).file(docs);
        const ctx = fixContext(text, docIndex)!;
        const planned = planFix(ctx, ops);
        expect(planned, `${JSON.stringify(ops)} on\n${text}`).toEqual(planFix(ctx, ops, { rereadEach: true }));
        if (planned && ops.length > 1) together++;
      }),
      { numRuns: 1000 },
    );
    // Most cases must edit with several ops, or the property says little.
    expect(together).toBeGreaterThan(300);
  });

  // FIXER_RUNS=20000 runs more cases; FIXER_SEED and FIXER_PATH (printed by fast-check) replay a failure, and
  // FIXER_DEBUG=1 prints each case.
  const RUNS = Number(process.env['FIXER_RUNS'] ?? 1000);
  const REPLAY = process.env['FIXER_SEED'] ? { seed: Number(process.env['FIXER_SEED']), path: process.env['FIXER_PATH'] } : {};

  it('edits exactly what the ops ask, keeps the rest byte for byte and every comment, and is idempotent', () => {
    let fixes = 0;
    fc.assert(
      fc.property(caseArb, ({ style, docs, docIndex, ops, mayDecline }) => {
        const renderer = new Renderer(style);
        const text = renderer.file(docs);
        const before = docs.map(toValue);
        const wanted = overlap(ops) ? undefined : expectedValue(before[docIndex], ops);
        const fix = fixFromOps(text, docIndex, ops);
        if (process.env['FIXER_DEBUG']) console.log(`DEBUG-BEGIN\n${JSON.stringify(ops)}\n${JSON.stringify(text)}\n${text}\n----\n${fix && applyFix(text, fix)}\nDEBUG-END`);
        // The primitives' edit, before fixFromOps reads it back: it must be right on its own.
        const planned = overlap(ops) ? null : planFix(fixContext(text, docIndex)!, ops);
        if (fix) fixes++;
        if (wanted === undefined) {
          expect(fix, `fixed impossible ops ${JSON.stringify(ops)}`).toBeNull();
          return;
        }
        if (planned === null) {
          const unchanged = JSON.stringify(wanted) === JSON.stringify(before[docIndex]);
          // Declined: only for ops that change nothing, or by design.
          expect(unchanged || mayDecline, `declined ${JSON.stringify(ops)} on\n${text}`).toBe(true);
          expect(fix).toBeNull();
          return;
        }
        const output = applyFix(text, planned.fix);
        if (fix === null) {
          // Read back and declined: only by design.
          expect(mayDecline, `declined ${JSON.stringify(ops)} on\n${text}\nafter\n${output}`).toBe(true);
        } else {
          expect(fix).toEqual(planned.fix);
        }
        // (1) it parses; (2) to the expected value, other documents untouched.
        const { errors, values } = read(output);
        expect(errors, output).toEqual([]);
        expect(values[docIndex], output).toEqual(wanted);
        expect(values.filter((_, i) => i !== docIndex)).toEqual(before.filter((_, i) => i !== docIndex));
        // (3) outside the range the text is the original's; every comment is still there; line breaks kept.
        const { range } = planned.fix;
        expect(output.slice(0, range[0])).toBe(text.slice(0, range[0]));
        expect(output.slice(range[0] + planned.fix.text.length)).toBe(text.slice(range[1]));
        for (const comment of renderer.comments) expect(output, comment).toMatch(new RegExp(`${comment}(?!\\d)`));
        // A file of one line shows no line break style: new lines get `\n`.
        if (text.includes('\r\n')) expect(output).not.toMatch(/(?<!\r)\n/);
        else expect(output).not.toContain('\r');
        expect(output.endsWith('\n')).toBe(text.endsWith('\n'));
        // (4) the same ops again change nothing (appends add again and removing item i removes the next one, by definition).
        if (ops.every((op) => op.op !== 'append' && (op.op !== 'remove' || typeof op.path[op.path.length - 1] === 'string'))) {
          const again = fixFromOps(output, docIndex, ops);
          if (again !== null) expect(applyFix(output, again)).toBe(output);
        }
      }),
      { numRuns: RUNS, ...REPLAY },
    );
    // Most cases must be fixes, or the properties say little.
    if (!('seed' in REPLAY)) expect(fixes).toBeGreaterThan(RUNS * 0.4);
  }, 300_000);
});
