import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { resolveRules } from '../src/config/load.js';
import { fixManifest, loadSourceFile } from '../src/engine/lint-file.js';
import { lintFiles, type LintSettings } from '../src/engine/linter.js';
import type { Fix, LintMessage } from '../src/engine/types.js';
import { MAX_DOCUMENT_BYTES, PART_SIZE, parseInParts, splitParts } from '../src/parse/document-parts.js';
import { parseFast } from '../src/parse/fast-yaml.js';
import { parseYaml } from '../src/parse/parse-yaml.js';
import { rules } from '../src/rules/index.js';
import { differences } from './helpers/parse-differences.js';
import { DELETE_PV } from './helpers/lint-texts.js';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus');
const BAD_INPUT = join(import.meta.dirname, 'fixtures', 'bad-input');

describe('parsing a file in parts', () => {
  it('splits before `---` lines only, keeping parts of whole documents up to the size asked', () => {
    const text = 'a: 1\n---\nb: 2\n--- # c\nc: 3\n---x: 4\n  ---\n---\n';
    const cuts = (size: number) => splitParts(text, size).map(({ start, end }) => text.slice(start, end));
    expect(cuts(1)).toEqual(['a: 1\n', '---\nb: 2\n', '--- # c\nc: 3\n---x: 4\n  ---\n', '---\n']);
    expect(cuts(20)).toEqual(['a: 1\n---\nb: 2\n', '--- # c\nc: 3\n---x: 4\n  ---\n', '---\n']);
    expect(cuts(41)).toEqual(['a: 1\n---\nb: 2\n--- # c\nc: 3\n---x: 4\n  ---\n', '---\n']);
    expect(cuts(1000)).toEqual([text]);
  });

  // Each document its own part: the strictest split. The parts must read as the whole file does.
  it('gives the documents, values, errors, ranges and positions of the whole file, over the shared corpus and the bad-input corpus', () => {
    const files = [
      ...fg.sync('**/*.{yaml,yml,json}', { cwd: CORPUS, absolute: true }),
      ...fg.sync('*.{yaml,yml}', { cwd: BAD_INPUT, absolute: true }).filter((path) => !/utf16|binary|latin1/.test(path)),
    ];
    expect(files.length).toBeGreaterThan(2000);
    let split = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
      if (splitParts(text, 1).length === 1) continue; // Parsed whole, as it is.
      split++;
      const whole = parseFast(text);
      const inParts = parseInParts(text, parseFast, { partSize: 1 });
      expect(differences(text, whole, inParts, { pathsPerDocument: 20, missingChildren: false }), path).toEqual([]);
      expect(inParts.documentCount, path).toBe(whole.documentCount);
    }
    expect(split).toBeGreaterThan(150);
  }, 120_000);

  it('the full parser in parts reports errors of later documents at their line in the file', () => {
    const text = `${DELETE_PV}---\nmetadata: {name: x\n---\n${DELETE_PV}---\na:\n\tb: 1\n`;
    const pick = ({ errors, documentCount }: ReturnType<typeof parseYaml>) => ({ errors, documentCount });
    expect(pick(parseInParts(text, parseYaml, { partSize: 1 }))).toEqual(pick(parseYaml(text)));
    expect(parseYaml(text).errors.map(({ line, docIndex }) => [line, docIndex])).toEqual([
      [12, 1],
      [24, 3],
    ]);
  });

  it('fixes made on a part are the fixes made on the whole file', () => {
    const text = `# head\n${DELETE_PV}---\n${DELETE_PV.replace('name: data', 'name: other')}\n---\n# tail\n${DELETE_PV}`;
    const fixes = (manifests: ReturnType<typeof loadSourceFile>['manifests']) =>
      manifests.map((manifest) => fixManifest(text, manifest, [{ op: 'set', path: ['spec', 'persistentVolumeReclaimPolicy'], value: 'Retain' }]));
    const whole = loadSourceFile('f.yaml', text, 'full').manifests;
    const inParts = parseInParts(text, parseYaml, { partSize: 1 }).documents.map((document) => ({ ...whole[0]!, docIndex: document.index, source: document.source }));
    expect(fixes(inParts)).toEqual(fixes(whole));
    expect(fixes(whole).map((fix) => fix && text.slice(fix.range[0], fix.range[1]))).toEqual(['Delete', 'Delete', 'Delete']);
  });
});

describe('a file of several parts', () => {
  it('cross-document findings and their fixes after the first part are where they are when the documents stand alone', () => {
    const settings: LintSettings = { rules: resolveRules(rules, 'recommended'), kubernetesVersion: [1, 34], reportUnusedDisableDirectives: 0, computeFixes: true };
    const fixture = readFileSync(join(import.meta.dirname, 'fixtures', 'pv-pvc-capacity', 'invalid.yaml'), 'utf8');
    let filler = '';
    for (let i = 0; filler.length < 1.1 * PART_SIZE; i++) filler += `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c-${i}}\ndata: {a: b}\n---\n`;
    const fillerLines = filler.split('\n').length - 1;
    const big = `${filler}${fixture}`;
    expect(splitParts(big, PART_SIZE).length).toBeGreaterThan(1);
    const [alone] = lintFiles([{ filePath: 'f.yaml', text: fixture }], settings).results;
    const [inBig] = lintFiles([{ filePath: 'f.yaml', text: big }], settings).results;
    expect(alone!.messages.filter((message) => message.ruleId === 'pv-pvc-capacity').length).toBeGreaterThan(1);
    const shift = (fix: Fix) => ({ ...fix, range: fix.range.map((offset) => offset + filler.length) });
    const shifted = alone!.messages.map((message) => ({
      ...message,
      line: message.line + fillerLines,
      endLine: message.endLine! + fillerLines,
      ...(message.fix ? { fix: shift(message.fix) } : {}),
      ...(message.suggestions ? { suggestions: message.suggestions.map((suggestion) => ({ ...suggestion, fix: shift(suggestion.fix) })) } : {}),
    }));
    expect(inBig!.messages).toEqual(shifted);
  });
});

describe('a document larger than the API server accepts', () => {
  const settings: LintSettings = { rules: resolveRules(rules, 'recommended'), kubernetesVersion: [1, 34], reportUnusedDisableDirectives: 0, computeFixes: true };
  /** A ConfigMap of `bytes` bytes and up to a hundred more. */
  const configMap = (bytes: number) => {
    let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n';
    for (let i = 0; text.length < bytes; i++) text += `  key-${i}: "${'v'.repeat(80)}"\n`;
    return text;
  };
  const pinned = (messages: LintMessage[]) => messages.map(({ ruleId, line, column, message }) => ({ ruleId, line, column, ...(ruleId ? {} : { message }) }));
  const DELETE_LINES = DELETE_PV.split('\n').length - 1; // 9, the policy on line 8, column 34

  it('is one fatal error at its start; the documents around it and the other files are linted, at their lines in the file', () => {
    const big = configMap(MAX_DOCUMENT_BYTES + 1000);
    const text = `${DELETE_PV}---\n${big}---\n${DELETE_PV}`;
    const bigLines = big.split('\n').length - 1;
    const { results, internalErrors } = lintFiles(
      [
        { filePath: 'big.yaml', text },
        { filePath: 'other.yaml', text: DELETE_PV },
      ],
      settings,
    );
    expect(internalErrors).toEqual([]);
    expect(pinned(results[0]!.messages)).toEqual([
      { ruleId: 'pv-reclaim-policy', line: 8, column: 34 },
      {
        ruleId: null,
        line: DELETE_LINES + 1,
        column: 1,
        message:
          'Parsing error: Document too large (3.0 MiB): the Kubernetes API server accepts at most 3 MiB in one request and answers 413 Request Entity Too Large, so this object cannot be applied; split it (large data belongs in several ConfigMaps or a volume). kubecarry did not read it; the other documents were checked',
      },
      { ruleId: 'pv-reclaim-policy', line: DELETE_LINES + 1 + 1 + bigLines + 8, column: 34 },
    ]);
    expect(results[0]!.fatalErrorCount).toBe(1);
    // --fix leaves a file with a fatal error alone: nothing in it is offered as a fix.
    expect(results[0]!.messages.some((message) => message.fix)).toBe(false);
    expect(pinned(results[1]!.messages)).toEqual([{ ruleId: 'pv-reclaim-policy', line: 8, column: 34 }]);
  });

  it('a fix in a later part of a file is an edit at its own place in the file', () => {
    const text = `${DELETE_PV}---\n${configMap(PART_SIZE + 1000)}---\n${DELETE_PV}`;
    const [result] = lintFiles([{ filePath: 'big.yaml', text }], settings).results;
    expect(result!.messages.map((message) => message.ruleId)).toEqual(['pv-reclaim-policy', 'pv-reclaim-policy']);
    const fix = result!.messages[1]!.fix!;
    expect(text.slice(fix.range[0], fix.range[1])).toBe('Delete');
    expect(text.lastIndexOf('Delete')).toBe(fix.range[0]);
  });

  it('a document just under the limit is read, and one alone in its file is refused too', () => {
    const under = `${configMap(MAX_DOCUMENT_BYTES - 4000)}---\n${DELETE_PV}`;
    expect(Buffer.byteLength(under)).toBeLessThan(MAX_DOCUMENT_BYTES);
    const [read] = lintFiles([{ filePath: 'under.yaml', text: under }], settings).results;
    expect(read!.messages.map((message) => message.ruleId)).toEqual(['pv-reclaim-policy']);
    // Counted in bytes, as the request body is: 1.1 M three-byte characters are 3.3 MB.
    const wide = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: wide}\ndata:\n  text: "${'€'.repeat(1_100_000)}"\n`;
    const [refused] = lintFiles([{ filePath: 'wide.yaml', text: wide }], settings).results;
    expect(pinned(refused!.messages).map(({ line, column, message }) => [line, column, message?.slice(0, 44)])).toEqual([
      [1, 1, 'Parsing error: Document too large (3.1 MiB):'],
    ]);
  });
});
