import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { fastPathStats, parseFast } from '../src/parse/fast-yaml.js';
import { parseYaml, type ParsedFile } from '../src/parse/parse-yaml.js';
import { differences, type Mismatch } from './helpers/parse-differences.js';

/**
 * The fast parse path (js-yaml with positions) must give exactly what the full one (`yaml`) gives: the same documents,
 * values, errors, and for every path the same range, key range, nearest range and line/column positions.
 */

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus');

/** Parses both ways; also says whether the fast path handed the file to the full parser. */
function both(text: string): { full: ParsedFile; fast: ParsedFile; fellBack: boolean; rebuiltSourceMaps: () => number } {
  const full = parseYaml(text);
  const before = { ...fastPathStats };
  const fast = parseFast(text);
  return {
    full,
    fast,
    fellBack: fastPathStats.fileFallbacks > before.fileFallbacks,
    rebuiltSourceMaps: () => fastPathStats.sourceMapFallbacks - before.sourceMapFallbacks,
  };
}

function expectIdentical(text: string, expectFast: boolean): void {
  const { full, fast, fellBack, rebuiltSourceMaps } = both(text);
  expect(differences(text, full, fast)).toEqual([]);
  expect(rebuiltSourceMaps()).toBe(0);
  expect(fellBack, fellBack ? 'the fast path handed this file to the full parser' : 'the fast path kept this file').toBe(!expectFast);
}

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

/** Inputs the fast path handles itself (no fallback), with what makes them tricky. */
const TRICKY: [string, string][] = [
  ['a single manifest', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: "1"\n'],
  [
    'several documents, comments everywhere',
    '# header\n---\n# before\napiVersion: v1 # trailing\nkind: Service\nspec:\n  # inside\n  ports:\n  - port: 80 # p\n    # between\n    targetPort: 8080\n\n# after\n---\napiVersion: v1\nkind: ConfigMap\n',
  ],
  [
    'kind: List',
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: PersistentVolume\n  metadata: {name: pv1}\n  spec:\n    persistentVolumeReclaimPolicy: Delete\n- apiVersion: v1\n  kind: PersistentVolumeClaim\n  metadata:\n    name: c\n',
  ],
  ['flow mappings and sequences', 'a: {b: 1, c: [x, "y", {d: e}], f: []}\ng: [ 1 , 2 ]\nh: {}\ni: [a, [b, [c]]]\nj: {k}\nl: [{m: n}, {}]\n'],
  ['multi-line flow collections', 'a: [\n    x,\n    y\n  ]\nb: {\n    c: 1,\n    d: [2, 3]\n  }\n'],
  ['JSON', '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "spec": {"containers": [{"name": "a", "ports": [{"containerPort": 80}]}]}\n}\n'],
  [
    'block scalars',
    'a: |\n  line 1\n  line 2\nb: >\n  folded\n  text\n\n  para\nc: |-\n  strip\n\nd: |+\n  keep\n\n\ne: >-\n  more\n    indented\n  back\nf: | # comment\n  x\ng: |\n\n  leading blank\nh: |\n  trailing spaces   \n  \ni: last\n',
  ],
  ['a block scalar at the end of the file', 'a: |\n  x\n  y'],
  ['block scalars in sequences and documents', '- |\n  x\n- >-\n  y\n---\n|\n  doc\n---\n--- >\n  folded doc\n'],
  [
    'quoted scalars with escapes',
    'a: "tab\\tnl\\nq\\"u\\u00e9\\x41\\\\"\nb: \'it\'\'s\'\nc: "multi\n  line\n\n  para"\nd: \'single\n  multi\'\ne: "\\\n  continued"\n"quoted key": 1\n\'single key\': 2\n',
  ],
  ['plain multi-line scalars', 'a: one\n  two\n\n  three\nb:\n  four\n  five # c\nc: x\n'],
  [
    'anchors, aliases, merge keys',
    'base: &base\n  image: nginx\n  ports: &ports [80, 443]\nlabels: &labels {app: web}\napp:\n  <<: *base\n  image: own\n  labels: *labels\nother:\n  <<: [*labels, *base]\nports: *ports\nscalar: &s hello\nagain: *s\nlist:\n- &item {name: a}\n- *item\n',
  ],
  ['an anchor on a sequence item and on a key', '- &x\n  a: 1\n- *x\n- &y b: 2\n- c: &z 3\n  d: *z\n'],
  ['a quoted "<<" key is an ordinary key', '"<<": x\nb: 1\n'],
  ['keys with no value', 'a:\nb:\n  c:\n  d:\ne: {f, g: }\nh: # comment\ni: 1\nj:'],
  ['null items', '- ~\n- a\n- null\n- b # c\n- \'\'\n'],
  ['empty documents', '---\n---\na: 1\n---\n---\n# only a comment\n---\n...\n'],
  ['an empty document between markers', 'a: 1\n---\n--- # c\nb: 2\n'],
  ['a document that is only a comment after a marker', '---\n# nothing here\n'],
  ['a file of only comments', '# just\n# comments\n'],
  ['an empty file', ''],
  ['only blank lines', '\n\n  \n'],
  ['document end markers', 'a: 1\n...\n---\nb: 2\n...\n# trailing\n'],
  ['non-string keys', 'y: 1\nno: 2\n1: 3\n0755: 4\n1.5: 5\n.inf: 6\n"on": 7\n0x1F: 8\n-1: 9\n1e3: 10\n'],
  ['scalar documents', '--- plain\n--- "quoted"\n--- 42\n--- yes\n--- [a]\n--- {b: c}\n'],
  ['a top-level sequence', '- a\n- b: c\n  d: e\n- - nested\n  - seq\n'],
  ['sequences at the indentation of their key', 'a:\n- x\n- y: 1\n  z: 2\nb:\n- - p\n  - q\n'],
  ['trailing tabs and tabs before comments', 'a: 1\t\nb: x\t# c\nc:\t\n  - q\t\nd: |\n  \tindented with a tab\n'],
  ['a ! and a ? inside scalars', 'a: "!x"\nb: what ? no\nc: |\n  if ! true; then :; fi\nd: [a!b, "? c"]\n'],
  ['an alias as a value on the next line', 'a: &a {x: 1}\nb:\n  *a\nc: [*a]\n'],
  ['long lines and unicode', `a: "${'é'.repeat(200)}"\nb: ${'x'.repeat(2000)}\n日本: 語\n`],
  ['deep nesting', Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' leaf\n'],
  ['comments between a key and its value', 'a: # c\n  b: 1\nc: # c\n  - x\nd: # c\n  value\n'],
  ['trailing spaces and blank lines at the end', 'a: 1   \nb:\n  - x  \n\n\n   \n'],
];

/** Inputs the fast path leaves to the full parser: errors and what js-yaml reads otherwise. */
const FALLBACK: [string, string][] = [
  ['a duplicate key', 'a: 1\nb: 2\na: 3\n---\nc: 1\n'],
  ['a duplicate key in a later document', 'a: 1\n---\nb: 1\nb: 2\n---\nc: 3\n'],
  ['a syntax error', 'a: [1, 2\nb: 3\n'],
  ['bad indentation', 'a:\n  b: 1\n c: 2\n'],
  ['a tab as indentation', 'a:\n\tb: 1\n'],
  ['an explicit tag', 'a: !!str 5\nb: !!int "7"\n'],
  ['a custom tag', 'a: !Ref x\n'],
  ['an explicit key', '? a\n: 1\n'],
  ['an explicit key in a flow sequence', 'a: [? x, y]\n'],
  ['an explicit key with a comment', 'a: [x, ? # c\n  y]\n'],
  ['the non-specific tag', 'a: ! 5\nb: ! yes\n'],
  ['a tag before a line break', '! \n.\n'],
  ['an unknown alias', 'a: *nowhere\n'],
  ['an alias inside an anchored node', 'a: &a {x: 1}\nb: &b\n  <<: *a\nc: *b\n'],
  ['a null key', '~: 1\nnull: 2\n'],
  ['a collection key', '[a, b]: 1\n'],
  ['a flow collection key without a value', 'a: {[x, y]}\n'],
  ['a merge of something not a mapping', 'a: &a [1]\nb:\n  <<: [*a]\n'],
  ['a quoted scalar not indented past its key', 'a:\n  b: "one\n  two"\n'],
  ['a flow sequence not indented past its key', 'a: [x,\ny]\n'],
  ['a block collection on the --- line', '--- a: 1\n'],
  ['content after ...', 'a: 1\n... b\n'],
  ['--- glued to content', '---x: 1\n'],
  ['an indentation indicator', 'a: |2\n    x\n   \n'],
  ['a kept blank last line without a line break', 'a: |+\n  x\n  '],
  ['null items js-yaml composes no node for', '- \n- a\n-\n- # c\n- b\n'],
  ['a null sequence item before a less indented item', '- - -\n  - x\n'],
  ['an anchor redefined inside itself', 'a: &A\n  b: &A 1\nc: *A\n'],
  ['a tag on nothing', 'a: !\n'],
  ['a tag js-yaml drops on its way', '!\n...\n'],
  ['a comment glued to a quoted scalar', 'a: "x"#c\n'],
  ['a comment glued to a comma in a flow sequence', 'a: [x,#c\n  y]\n'],
  ['a key of more than 1,024 characters', `${'k'.repeat(1100)}: 1\n`],
  ['a block mapping on its key\'s line', 'k: &a inner: v\n'],
  ['a merge of a list holding a list', 'a: &a {x: 1}\nb:\n  <<:\n  - *a\n  - - y\n'],
  ['a document that is a scalar after a tab', '\tx\n'],
  ['a tab before ---', 'a: 1\n\t---\nb: 2\n'],
  ['a tab after an indicator', 'a:\t1\n'],
  ['a tab-only line', 'a:\n\t\nb: 1\n'],
  ['a tab-only line in a multi-line scalar', 'a: one\n\t\n  two\n'],
  ['a tab before properties and a line break', '-\t &x\n  a: 1\n'],
  ['--- glued to a comment', '---# c\na: 1\n'],
  ['content after ... and ---', 'a: 1\n... ---\nb\n'],
  ['a directive', '%YAML 1.1\n---\na: 1\n'],
  ['a directive before an indented ---', '%YAML 1.1\n  ---\na: 1\n'],
  ['an escaped line break before a blank line', 'a: "x\\\n\n  y"\n'],
  ['a collection glued to its anchor', 'a: &x[1]\n'],
  ['an alias before a line break in a flow sequence', 'a: &a [1]\nb: [*a\n  , *a]\n'],
  ['a flow collection key before a line break', 'a: {[x, y]\n  }\n'],
  ['an anchor name with a no-break space', 'a: &x\u00a0{b: 1}\n'],
  ['two anchors on one node', 'a: &A\n  &B 1\n'],
  ['an anchor on nothing in a flow sequence', 'a: [x, &a # c\n  ]\n'],
  ['a block scalar whose leading blank line is deeper than its text', 'a: |\n    \n  x\n'],
  ['a BOM the caller did not strip', '\uFEFFa: 1\n'],
  ['lone CR line breaks', 'a: 1\rb: 2\r'],
  ['a null byte', 'a: "x\u0000"\n'],
  ['an alias bomb', `a: &a [x]\nb: [${Array.from({ length: 1001 }, () => '*a').join(', ')}]\n`],
];

describe('parseFast gives what parseYaml gives', () => {
  it.each(TRICKY)('%s', (_name, text) => {
    expectIdentical(text, true);
    expectIdentical(crlf(text), true);
  });

  it.each(FALLBACK)('%s (left to the full parser)', (_name, text) => {
    expectIdentical(text, false);
  });

  it('never disagrees on mangled variants of those inputs, whether it keeps them or hands them over', () => {
    // A seeded generator: insert, delete or double characters and indicators at random places.
    let seed = 20240601;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const snippets = [':', ': ', '- ', ' ', '\n', '\n  ', '#', ' # c', '"', "'", '[', ']', '{', '}', ',', '&a ', '*a', '|', '>'];
    snippets.push('? ', '!', '---\n', '...\n', '~', '<<: *a', '\t', '\r\n', 'yes', '0o7', 'e3');
    const sources = [...TRICKY, ...FALLBACK].map(([, text]) => text);
    const problems: { text: string; differences: Mismatch[] }[] = [];
    let rebuilt = 0;
    for (let i = 0; i < 600; i++) {
      let text = pick(sources);
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * (text.length + 1));
        const r = random();
        if (r < 0.6) text = text.slice(0, at) + pick(snippets) + text.slice(at);
        else if (r < 0.85) text = text.slice(0, at) + text.slice(at + 1);
        else text = text.slice(0, at) + text.slice(at - 1);
      }
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const { full, fast, rebuiltSourceMaps } = both(text);
      const found = differences(text, full, fast);
      if (found.length > 0) problems.push({ text, differences: found.slice(0, 3) });
      rebuilt += rebuiltSourceMaps();
    }
    expect(problems.slice(0, 3)).toEqual([]);
    expect(rebuilt).toBe(0);
  });

  it('normalises ranges alike: starts after properties, scalars end at their last character, collections at their last node', () => {
    const text = 'a: &x |\n  text\n\n# after\nb:\n  c: [1, 2]   # c\n  d: {e: f}\n\n# end\ng:\n- h\n-   &y i  \nk:\n';
    const at = (fragment: string, from = 0) => text.indexOf(fragment, from);
    for (const parsed of [parseYaml(text), parseFast(text)]) {
      const source = parsed.documents[0]!.source;
      expect(source.range([])).toEqual([0, text.indexOf('k') + 1]);
      expect(source.range(['a'])).toEqual([at('|'), at('text') + 4]);
      expect(source.range(['b'])).toEqual([at('c:'), at('f}') + 2]);
      expect(source.range(['b', 'c'])).toEqual([at('[1'), at('2]') + 2]);
      expect(source.range(['g'])).toEqual([at('- h'), at('i  ') + 1]);
      expect(source.range(['g', 1])).toEqual([at('i  '), at('i  ') + 1]);
      expect(source.range(['k'])).toEqual([at('k:'), at('k:') + 1]);
      expect(source.keyRange(['b', 'd'])).toEqual([at('d:'), at('d:') + 1]);
      expect(source.nearest(['b', 'missing'])).toEqual([at('b:'), at('b:') + 1]);
    }
  });

  it('reads a file whose BOM the caller stripped', () => {
    expectIdentical('\uFEFFa: 1\n'.slice(1), true);
  });

  it('keeps a # inside scalars on the fast path', () => {
    expectIdentical('a: "#fff"\nb: [a#b, "#", \'#\']\nc: |\n  x"#y\nd: {"e": "#"}\n', true);
  });
});

/**
 * go-yaml v2's resolve() (resolve.go, gopkg.in/yaml.v2 v2.4.0) for a plain scalar decoded into interface{}, as
 * Kubernetes decodes manifests (sigs.k8s.io/yaml). Go's strconv.ParseInt/ParseUint with base 0 read 0x, 0o, 0b
 * (either case) and 0-prefixed octal; timestamps decode to their string.
 */
function goYamlV2(text: string): unknown {
  const first = text[0] ?? '';
  const hints: [RegExp, string][] = [[/^$/, 'N'], [/[+-]/, 'S'], [/[0-9]/, 'D'], [/[yYnNtTfFoO~]/, 'M'], [/\./, '.']];
  const hint = hints.find(([pattern]) => pattern.test(first))?.[1] ?? '';
  if (hint === '') return text;
  const words: Record<string, unknown> = {
    '': null,
    '~': null,
    null: null,
    Null: null,
    NULL: null,
    '.nan': NaN,
    '.NaN': NaN,
    '.NAN': NaN,
    '<<': '<<',
  };
  for (const w of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) words[w] = true;
  for (const w of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) words[w] = false;
  for (const w of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) words[w] = Infinity;
  for (const w of ['-.inf', '-.Inf', '-.INF']) words[w] = -Infinity;
  if (Object.prototype.hasOwnProperty.call(words, text)) return words[text];
  const parseFloat64 = (s: string) => {
    if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(s)) return undefined;
    const value = Number(s);
    return Number.isFinite(value) ? value : undefined; // ErrRange
  };
  if (hint === 'M') return text;
  if (hint === '.') return parseFloat64(text) ?? text;
  const plain = text.replace(/_/g, '');
  const int = /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([1-9][0-9]*))$/.exec(plain);
  if (int) {
    const [, sign, hex, oct, bin, oct0, dec] = int;
    const [prefix, digits] = hex !== undefined ? ['0x', hex] : oct !== undefined ? ['0o', oct] : bin !== undefined ? ['0b', bin] : oct0 !== undefined ? ['0o0', oct0] : ['', dec!];
    const magnitude = BigInt(`${prefix}${digits}`);
    const value = sign === '-' ? -magnitude : magnitude;
    if (value >= -(2n ** 63n) && value < 2n ** 63n) return Number(value); // ParseInt
    if (sign === '' && value < 2n ** 64n) return Number(value); // ParseUint
  }
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) {
    const value = parseFloat64(plain);
    if (value !== undefined) return value;
  }
  return text;
}

const SCALARS = `
  y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF yEs oN tRUE nO
  ~ null Null NULL nULL
  0 -0 +0 00 000 0755 -0755 +0755 08 09 0_7 0_ -0_ 0o17 0O17 -0o17 0o 0o8
  0x1F 0X1F -0x1F +0x1f 0x_1F 0x1F_ 0x 0xG 0x7fffffffffffffff 0xffffffffffffffff 0xffffffffffffffffff
  0b101 0B101 -0b101 +0b101 0b1_0 0b 0b2
  1_000 1__0 1_ _1 -1_0 +_1 -_1 +12 1_000_ 9223372036854775807 9223372036854775808 18446744073709551616 99999999999999999999
  1.5 1. .5 -.5 +.5 1e3 1E3 1e+3 1.5e-3 1_000.5 6.8523015e+5 685.230_15e+03 1_e3 1e3_ 0e0 0.0 -0.0 01.5 001 0001.0e1
  .inf .Inf .INF -.inf +.inf +.INF -.Inf .nan .NaN .NAN -.nan .iNf inf nan Infinity NaN
  e3 E3 -e3 .e3 . -. +. ._ ._5 .5_0 1e400 -1e400 1e-400 e5339438 E12 -e_1 +.e3 _.5 e 5e123456 1e308 2e308 -2e308 1.7976931348623157e308 1.8e308
  190:20:30 1:30 -1:30 12:00 2001-12-14 2001-12-14t21:59:43.10-05:00 2002-12-14 1.2.3 1.2.3.4 1e 1e+ 1,000 --1 +-1 1-2
  << =  a-b 1Gi 500m 10.0.0.1 v1 -a +a
`
  .trim()
  .split(/\s+/);

/**
 * Where the full parser (`yaml`'s YAML 1.1 tags, as parse-yaml.ts configures them) decodes a plain scalar otherwise than
 * go-yaml v2; the fast path reproduces the full parser exactly, so both differ alike. `yaml` / go-yaml v2:
 */
const KNOWN_GO_YAML_DEVIATIONS: Record<string, [unknown, unknown]> = {
  '-0': [-0, 0], // JSON-identical
  '0_': [NaN, 0],
  '-0_': [NaN, 0],
  '0o17': ['0o17', 15],
  '0O17': ['0O17', 15],
  '-0o17': ['-0o17', -15],
  '0X1F': ['0X1F', 31],
  '0B101': ['0B101', 5],
  '0xffffffffffffffffff': [4722366482869645213696, '0xffffffffffffffffff'],
  '+_1': ['+_1', 1],
  '-_1': ['-_1', -1],
  '1e3_': ['1e3_', 1000],
  '._5': [0.5, '._5'],
  '.5_0': [0.5, '.5_0'],
};

describe('plain scalars decode alike', () => {
  const fullValue = (text: string) => (parseYaml(text).documents[0]?.value as Record<string, unknown>)?.['v'];

  it.each(SCALARS)('%s', (scalar) => {
    for (const text of [`v: ${scalar}\n`, `${scalar}: v\n`, `v: [${scalar}]\n`, `- ${scalar}\n`, `--- ${scalar}\n`]) {
      const { full, fast, fellBack } = both(text);
      expect(differences(text, full, fast), text).toEqual([]);
      // A key that decodes to null goes to the full parser (js-yaml would name it "null", yaml ""); all else stays.
      const nullKey = text.startsWith(`${scalar}:`) && fullValue(`v: ${scalar}\n`) === null;
      expect(fellBack, text).toBe(nullKey || full.errors.length > 0);
    }
  });

  it('deviates from go-yaml v2 exactly where listed', () => {
    const found: Record<string, [unknown, unknown]> = {};
    for (const scalar of SCALARS) {
      const ours = fullValue(`v: ${scalar}\n`);
      const go = goYamlV2(scalar);
      if (!Object.is(ours, go)) found[scalar] = [ours, go];
    }
    expect(found).toEqual(KNOWN_GO_YAML_DEVIATIONS);
  });
});

describe('the shared corpus of real manifests', () => {
  it('parses identically on the fast path, file by file, path by path', { timeout: 60_000 }, () => {
    const files = fg.sync('**/*.{yaml,yml,json}', { cwd: CORPUS, absolute: true, dot: true });
    expect(files.length).toBeGreaterThan(2000);
    const problems: { file: string; differences: Mismatch[] }[] = [];
    const fallbacksWithoutErrors: string[] = [];
    let fallbacks = 0;
    let rebuilt = 0;
    for (const file of files) {
      const raw = readFileSync(file, 'utf8');
      const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      const { full, fast, fellBack, rebuiltSourceMaps } = both(text);
      // Nine documents in ten have fewer than 80 paths and are checked whole; larger ones (CRDs) get 100 paths picked
      // evenly, as DocumentSourceMap's lookups run ten times slower under vitest (its import of `yaml` goes through an
      // interop proxy) and every path of them would take a minute. Missing children are asked under collections.
      const found = differences(text, full, fast, { pathsPerDocument: 100, missingChildren: false });
      if (found.length > 0) problems.push({ file, differences: found.slice(0, 5) });
      if (fellBack) {
        fallbacks++;
        if (full.errors.length === 0) fallbacksWithoutErrors.push(file);
      }
      rebuilt += rebuiltSourceMaps();
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(rebuilt).toBe(0);
    // Files the full parser rejects (duplicate keys) go to it whole; of the rest, only js-yaml's refusal of a UTF-16 file.
    expect(fallbacksWithoutErrors.length, fallbacksWithoutErrors.join('\n')).toBeLessThanOrEqual(1);
    expect(fallbacks).toBeLessThan(files.length / 100);
  });
});
