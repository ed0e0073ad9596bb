import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitHelmSources } from '../src/helm-sources.js';
import { runCli } from './helpers/run-cli.js';
import type { LintResult } from '../src/engine/types.js';

// test/inputs/helm/web is a chart; rendered.yaml is what `helm template web` prints for it (release "release-name").
const HELM = join(import.meta.dirname, 'inputs', 'helm');
const RENDERED = readFileSync(join(HELM, 'rendered.yaml'), 'utf8');
const TEMPLATES = join(HELM, 'web', 'templates');

function findings(stdout: string): Record<string, string[]> {
  return Object.fromEntries(
    (JSON.parse(stdout) as LintResult[]).map((result) => [result.filePath, result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)]),
  );
}

describe('helm template output on standard input', () => {
  const expected = {
    // Line 13 of the rendered document: the labels `include` above it renders one template line as two.
    [join(TEMPLATES, 'pv.yaml')]: ['13:34 pv-reclaim-policy'],
    [join(TEMPLATES, 'statefulset.yaml')]: ['16:17 container-prestop-hook', '18:33 sigterm-propagation'],
    // Two documents of one template, apart in Helm's output (it sorts by kind), reported as one file.
    [join(TEMPLATES, 'storage.yaml')]: ['4:9 storageclass-reclaim-policy', '11:1 pvc-storage-class'],
  };

  it('reports each finding on the template its `# Source:` comment names, resolved against the working directory', () => {
    const run = runCli(['lint', '--stdin', '-f', 'json'], { cwd: HELM, input: RENDERED });
    expect(findings(run.stdout)).toEqual(expected);
    for (const path of Object.keys(expected)) expect(existsSync(path)).toBe(true);
    expect(run.status).toBe(1);
  });

  it('resolves Source paths against the directory of --stdin-filename when it is given', () => {
    const run = runCli(['lint', '--stdin', '--stdin-filename', join('test', 'inputs', 'helm', 'rendered.yaml'), '-f', 'json'], {
      cwd: join(import.meta.dirname, '..'),
      input: RENDERED,
    });
    expect(findings(run.stdout)).toEqual(expected);
  });

  it('run inside the chart (`helm template .`), the chart name is dropped from the Source paths', () => {
    const run = runCli(['lint', '--stdin', '-f', 'json'], { cwd: join(HELM, 'web'), input: RENDERED });
    expect(findings(run.stdout)).toEqual(expected);
  });

  it('stylish names the template files', () => {
    const run = runCli(['lint', '--stdin'], { cwd: HELM, input: RENDERED });
    expect(run.stdout).toContain(`${join(TEMPLATES, 'pv.yaml')}\n  13:34  error  PersistentVolume "release-name-data" has persistentVolumeReclaimPolicy Delete`);
  });
});

describe('splitHelmSources', () => {
  const stdin = (text: string) => ({ filePath: '/work/<stdin>.yaml', text });

  it('returns text without Source comments unchanged', () => {
    const input = stdin('apiVersion: v1\nkind: ConfigMap\n---\n# just a comment\napiVersion: v1\nkind: Secret\n');
    expect(splitHelmSources(input, '/work')).toEqual([input]);
  });

  it('keeps documents without a Source comment under the standard input name, and content after a `---` marker', () => {
    const text = 'kind: A\n---\n# Source: c/templates/x.yaml\nkind: X\n--- # Source: c/templates/y.yaml\nkind: Y\r\n---\nkind: B\n';
    expect(splitHelmSources(stdin(text), '/work/charts')).toEqual([
      { filePath: '/work/<stdin>.yaml', text: 'kind: A\n---\nkind: B\n' },
      { filePath: '/work/charts/c/templates/x.yaml', text: 'kind: X\n' },
      { filePath: '/work/charts/c/templates/y.yaml', text: 'kind: Y\r\n' },
    ]);
  });

  it('gives every template exactly its own documents, in order (property)', () => {
    const sources = ['c/templates/a.yaml', 'c/templates/b.yaml', 'c/charts/sub/templates/a.yaml'];
    const body = fc.array(fc.stringMatching(/^[a-z]{1,8}: [a-z0-9]{0,8}$/), { minLength: 1, maxLength: 4 }).map((lines) => lines.map((line) => `${line}\n`).join(''));
    const document = fc.record({ source: fc.constantFrom(...sources), body });
    fc.assert(
      fc.property(fc.array(document, { minLength: 1, maxLength: 8 }), (documents) => {
        const text = documents.map(({ source, body }) => `---\n# Source: ${source}\n${body}`).join('');
        const split = splitHelmSources(stdin(text), '/r');
        const expected = new Map<string, string[]>();
        for (const { source, body } of documents) expected.set(`/r/${source}`, [...(expected.get(`/r/${source}`) ?? []), body]);
        expect(split).toEqual([...expected].map(([filePath, bodies]) => ({ filePath, text: bodies.join('---\n') })));
      }),
    );
  });
});
