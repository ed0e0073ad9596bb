import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WITHOUT_SHAPE_RULES, withoutShapeRules } from './helpers/witness-rules.js';
import { lintFiles, type LintSettings } from '../src/engine/linter.js';
import { readInputs } from '../src/engine/read-files.js';
import { rules } from '../src/rules/index.js';
import { resolveRules } from '../src/config/load.js';
import type { LintMessage, LintResult } from '../src/engine/types.js';
import { makeTree, runCli } from './helpers/run-cli.js';

const CORPUS = join(import.meta.dirname, 'fixtures', 'bad-input');

/** What a test pins of a message: its position and kind; the text too for kubecarry's own (ruleId null) messages. */
interface Expected {
  ruleId: string | null;
  line: number;
  column: number;
  severity: 1 | 2;
  fatal?: true;
  message?: string;
}

const parsingError = (line: number, column: number, message: string): Expected => ({ ruleId: null, line, column, severity: 2, fatal: true, message: `Parsing error: ${message}` });
const DELETE_POLICY = (line: number, column: number): Expected => ({ ruleId: 'pv-reclaim-policy', line, column, severity: 2 });
const NOT_UTF8 = (byte: string) => `Invalid UTF-8 (byte 0x${byte}): Kubernetes reads manifests as UTF-8, or UTF-16 with a byte order mark; save the file as UTF-8`;
const ALIASES = 'Excessive alias count indicates a resource exhaustion attack: anchors and aliases expand to more than 1000 nodes; write the values out';
const TOO_DEEP = 'Document nested too deeply to read (the parser ran out of stack): Kubernetes objects are never nested this deep, check how the file was generated';

/**
 * Every file of test/fixtures/bad-input and what a run reports on it. Files missing here (app.jsonnet, pv.libsonnet)
 * must not be linted at all: only *.yaml, *.yml and *.json are manifests.
 */
const EXPECTED: Record<string, Expected[]> = {
  'good.yaml': [DELETE_POLICY(7, 34)],
  // YAML errors, one of each kind the parser raises, at the offending character.
  'tab-indentation.yaml': [parsingError(4, 1, 'Tabs are not allowed as indentation: YAML indentation must use spaces')],
  'unterminated-quote.yaml': [parsingError(6, 1, 'Missing closing "quote')],
  'bad-indentation.yaml': [
    parsingError(4, 9, 'Nested mappings are not allowed in compact mappings: check the indentation of the lines below (a key indented deeper than the key above it), or quote a value that holds ": "'),
  ],
  'unclosed-bracket.yaml': [
    parsingError(7, 3, 'Flow sequence in block collection must be sufficiently indented and end with a ]: close the bracket opened above, or indent its lines deeper than its key'),
  ],
  // At the alias, in the second document: the first is linted.
  'unresolved-alias.yaml': [parsingError(9, 9, 'Unresolved alias (the anchor must be set before the alias): app-name')],
  'duplicate-key.yaml': [parsingError(7, 3, 'Map keys must be unique ("mode" appears twice): the Kubernetes API rejects duplicate keys, keep one')],
  // go-yaml keeps an unknown tag's scalar as a string, so Kubernetes reads `!custom Delete` as Delete: so do we.
  'unknown-tag.yaml': [DELETE_POLICY(7, 42)],
  'only-comment.yaml': [],
  'empty.yaml': [],
  // Resource exhaustion: refused before the expansion, reported at the document's content.
  'billion-laughs.yaml': [parsingError(1, 1, ALIASES)],
  'merge-key-bomb.yaml': [parsingError(1, 1, ALIASES)],
  // Bytes that are not text: at the first bad byte, and the file is never rewritten.
  'binary.yaml': [parsingError(1, 1, NOT_UTF8('89'))],
  'latin1.yaml': [parsingError(4, 12, NOT_UTF8('E9'))],
  'nul-byte.yaml': [
    parsingError(4, 10, 'Control character U+0000 is not allowed in YAML and Kubernetes rejects the file: remove it (or write it as an escape in a double-quoted string)'),
  ],
  // Encodings and line endings Kubernetes reads: linted like any file, positions in characters.
  'utf16le-bom.yaml': [DELETE_POLICY(7, 34)],
  'utf16be-bom.yaml': [DELETE_POLICY(7, 34)],
  'utf8-bom.yaml': [DELETE_POLICY(7, 34)],
  'crlf.yaml': [DELETE_POLICY(7, 34)],
  'mixed-line-endings.yaml': [DELETE_POLICY(7, 34)],
  // Lone CRs, which go-yaml reads as line breaks and yaml does not: said, not misread as one line (a comment).
  'cr-line-breaks.yaml': [
    parsingError(1, 72, 'Line breaks are carriage returns alone (classic Mac OS), which kubecarry cannot read: save the file with LF or CRLF line breaks'),
  ],
  // Not manifests: templates are skipped with what to do; other YAML is silently not linted.
  'helm-template.yaml': [
    {
      ruleId: null,
      line: 1,
      column: 1,
      severity: 1,
      message:
        'File skipped: it holds Go template syntax ({{ ... }}), not a manifest. Render it first, for example `helm template . | kubecarry lint --stdin --stdin-filename chart.yaml`.',
    },
  ],
  'kustomization.yaml': [],
  // patch-json6902.yaml is named by kustomization.yaml's patches: a partial manifest, left out of discovery.
  // A strategic-merge patch is a partial object: what it sets is linted (here a policy that wipes the disk).
  'patch-strategic.yaml': [DELETE_POLICY(6, 34)],
  'values.yaml': [],
  'workflow.yml': [],
  // Valid YAML in the wrong shape: rules report what is wrong where they can, and never crash.
  'wrong-shapes.yaml': [
    { ruleId: 'termination-grace-period', line: 33, column: 38, severity: 2 },
    { ruleId: 'prestop-hook-valid', line: 37, column: 23, severity: 2 },
  ],
};

function pinned(message: LintMessage): Expected {
  const { ruleId, line, column, severity, fatal } = message;
  return { ruleId, line, column, severity, ...(fatal ? { fatal } : {}), ...(ruleId === null ? { message: message.message } : {}) };
}

const byFile = (results: LintResult[]) => Object.fromEntries(results.map((result) => [result.filePath.slice(CORPUS.length + 1), result.messages.map(pinned)]));

/** What the CLI runs without a config: the recommended preset. */
const recommended: LintSettings = {
  rules: withoutShapeRules(resolveRules(rules, 'recommended')),
  kubernetesVersion: [1, 34],
  reportUnusedDisableDirectives: 0,
};

describe('the bad-input corpus', () => {
  it('each file gets its message at its position, in one run that lints every file; exit 1 as ESLint, 2 with --exit-on-fatal-error', () => {
    const run = runCli(['lint', '--no-config-lookup', ...WITHOUT_SHAPE_RULES, '-f', 'json', '.'], { cwd: CORPUS });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(byFile(JSON.parse(run.stdout))).toEqual(EXPECTED);
    expect(runCli(['lint', '--no-config-lookup', ...WITHOUT_SHAPE_RULES, '--exit-on-fatal-error', '.'], { cwd: CORPUS }).status).toBe(2);
  });

  it('worker threads and both parsers report the same', () => {
    const threaded = runCli(['lint', '--no-config-lookup', ...WITHOUT_SHAPE_RULES, '--concurrency', '2', '-f', 'json', '.'], { cwd: CORPUS });
    expect(byFile(JSON.parse(threaded.stdout))).toEqual(EXPECTED);
    const paths = Object.keys(EXPECTED).map((name) => join(CORPUS, name)).sort();
    for (const parser of ['fast', 'full'] as const) {
      const failed: LintResult[] = [];
      const { results, internalErrors } = lintFiles(readInputs(paths, failed), { ...recommended, parser });
      expect(internalErrors).toEqual([]);
      expect(byFile([...results, ...failed]), parser).toEqual(EXPECTED);
    }
  });

  it('--fix fixes what it can in each file’s own encoding and line endings, and leaves every other byte alone', () => {
    const cwd = makeTree({});
    cpSync(CORPUS, cwd, { recursive: true });
    const before = new Map(readdirSync(cwd).map((name) => [name, readFileSync(join(cwd, name))]));
    const run = runCli(['lint', '--no-config-lookup', ...WITHOUT_SHAPE_RULES, '--fix', '-f', 'json', '.'], { cwd });
    expect(run.status).toBe(1);
    const fixed = ['good.yaml', 'utf16le-bom.yaml', 'utf16be-bom.yaml', 'utf8-bom.yaml', 'crlf.yaml', 'mixed-line-endings.yaml', 'patch-strategic.yaml'];
    for (const [name, bytes] of before) {
      const after = readFileSync(join(cwd, name));
      if (!fixed.includes(name)) {
        expect(after.equals(bytes), name).toBe(true);
        continue;
      }
      // The same bytes, with the policy's value replaced in the file's own encoding.
      const encode = (text: string) => (name.startsWith('utf16') ? Buffer.from(text, 'utf16le') : Buffer.from(text));
      const swap = (buffer: Buffer) => (name.startsWith('utf16be') ? Buffer.from(buffer).swap16() : buffer);
      const old = name === 'patch-strategic.yaml' ? 'Recycle' : 'Delete';
      const expected = swap(encode(swap(bytes).toString(name.startsWith('utf16') ? 'utf16le' : 'utf8').replace(old, 'Retain')));
      expect(after.equals(expected), name).toBe(true);
    }
    expect(readdirSync(cwd).sort()).toEqual([...before.keys()].sort());
  });
});

describe('generated bad input', () => {
  const lintText = (text: string) => {
    const { results, internalErrors } = lintFiles([{ filePath: 'generated.yaml', text }], recommended);
    expect(internalErrors).toEqual([]);
    return results[0]!.messages.map(pinned);
  };
  const PV_HEAD = 'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: data}\n';

  const DELETE_THEN = (deep: string) => `${PV_HEAD}spec:\n  persistentVolumeReclaimPolicy: Delete\n---\n${deep}---\n${PV_HEAD}spec:\n  persistentVolumeReclaimPolicy: Delete\n`;

  it('flow collections nested over 500 deep: one error at the 501st bracket, found before parsing; the other documents are linted', () => {
    const FLOW_TOO_DEEP = 'Flow collections ([ ] and { }) nested more than 500 deep: Kubernetes objects are never nested this deep, check how the file was generated';
    for (const count of [501, 20_000]) {
      const deep = `a: ${'[{b: '.repeat(count)}${'}]'.repeat(count)}\n`;
      // The 501st of `[` and `{` is the `[` of the 251st `[{b: `.
      expect(lintText(DELETE_THEN(deep))).toEqual([DELETE_POLICY(5, 34), parsingError(7, 4 + 250 * 5, FLOW_TOO_DEEP), DELETE_POLICY(13, 34)]);
    }
  });

  it('block collections nested deeper than the parser can go: one error at the document start; the other documents are linted', () => {
    let block = '';
    for (let depth = 0; depth < 2_400; depth++) block += `${' '.repeat(depth)}k:\n`;
    expect(lintText(DELETE_THEN(block))).toEqual([DELETE_POLICY(5, 34), parsingError(7, 1, TOO_DEEP), DELETE_POLICY(2_412, 34)]);
  });

  it('flow collections nested 500 deep are read, and quoted brackets are text', () => {
    const nested = `${PV_HEAD}spec:\n  persistentVolumeReclaimPolicy: Delete\n  x: ${'['.repeat(499)}"${'['.repeat(600)}"${']'.repeat(499)}\n`;
    expect(lintText(nested)).toEqual([DELETE_POLICY(5, 34)]);
  });

  it('a line of a megabyte: the finding after it has the exact column', () => {
    const note = 'n'.repeat(1 << 20); // Not x: a run of x's reads as a placeholder (placeholder-value).
    const text = `${PV_HEAD}spec: {note: ${note}, persistentVolumeReclaimPolicy: Delete}\n`;
    expect(lintText(text)).toEqual([DELETE_POLICY(4, 'spec: {note: '.length + note.length + ', persistentVolumeReclaimPolicy: '.length + 1)]);
  });

  it('aliases just under the limit are expanded, one more is refused', () => {
    const uses = (count: number) => `${PV_HEAD}spec:\n  persistentVolumeReclaimPolicy: &p Delete\n  x: [${Array(count).fill('*p').join(', ')}]\n`;
    expect(lintText(uses(998))).toEqual([DELETE_POLICY(5, 37)]);
    expect(lintText(uses(1000))).toEqual([parsingError(1, 1, ALIASES)]);
  });
});
