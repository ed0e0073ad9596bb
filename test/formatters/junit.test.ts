import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LintResult } from '../../src/engine/types.js';
import { toLintResult } from '../../src/engine/results.js';
import { escapeXml, junit } from '../../src/formatters/junit.js';
import { BROKEN_YAML, DELETE_PV, formatterContext, lintTexts } from '../helpers/lint-texts.js';

afterEach(() => vi.unstubAllEnvs());

const ROOT = '/repo';

describe('junit formatter', () => {
  it('one testsuite per file, one failing testcase per finding, a passing testcase for a clean file', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '');
    const clean = DELETE_PV.replace('Delete', 'Retain');
    const output = junit(lintTexts({ 'k8s/pv.yaml': DELETE_PV, 'k8s/ok.yaml': clean }, ROOT).sort((a, b) => a.filePath.localeCompare(b.filePath)), formatterContext(ROOT));
    expect(output).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<testsuites>',
        '<testsuite package="org.kubecarry" time="0" tests="1" errors="0" name="k8s/ok.yaml">',
        '<testcase time="0" name="k8s/ok.yaml" classname="k8s/ok" />',
        '</testsuite>',
        '<testsuite package="org.kubecarry" time="0" tests="1" errors="1" name="k8s/pv.yaml">',
        '<testcase time="0" name="org.kubecarry.pv-reclaim-policy" classname="k8s/pv"><failure message="PersistentVolume &quot;data&quot; has persistentVolumeReclaimPolicy Delete: deleting it or its claim deletes the disk; set it to Retain.">' +
          '<![CDATA[line 8, col 34, Error - PersistentVolume "data" has persistentVolumeReclaimPolicy Delete: deleting it or its claim deletes the disk; set it to Retain. (pv-reclaim-policy)]]></failure></testcase>',
        '</testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('a parse error is an <error>, named by the fatal-error pseudo rule', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '');
    const output = junit(lintTexts({ 'broken.yaml': BROKEN_YAML }, ROOT), formatterContext(ROOT));
    expect(output).toMatch(/<testcase time="0" name="org\.kubecarry\.fatal-error" classname="broken"><error message="Parsing error: [^"]*"><!\[CDATA\[line 4, col 1, Error - Parsing error: .* \(fatal-error\)\]\]><\/error><\/testcase>/);
  });

  it('escapes markup in attributes, splits ]]> across CDATA sections, and drops characters XML cannot hold', () => {
    expect(escapeXml(`a<b>&"c'\u0001\uFFFE`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
    const message = { ruleId: 'r', severity: 1, message: 'x ]]> <y> \u0007', line: 2, column: 3, nodeType: null } as const;
    const output = junit([toLintResult({ filePath: '/repo/a&b.yaml', text: '' }, [message], [])], formatterContext(ROOT));
    expect(output).toContain('name="a&amp;b.yaml"');
    expect(output).toContain('<failure message="x ]]&gt; &lt;y&gt; "><![CDATA[line 2, col 3, Warning - x ]]]]><![CDATA[> <y>  (r)]]></failure>');
  });

  it("has the shape of ESLint's junit formatter (its last version, in ESLint 8)", async () => {
    vi.stubEnv('GITHUB_WORKSPACE', '');
    const results: LintResult[] = lintTexts({ 'pv.yaml': DELETE_PV.replace(/"/g, ''), 'ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' }, ROOT);
    const require = createRequire(join(import.meta.dirname, '..', '..', 'node_modules', '@microsoft', 'eslint-formatter-sarif', 'sarif.js'));
    const { ESLint } = require('eslint') as { ESLint: new (options: object) => { loadFormatter(name: string): Promise<{ format(results: LintResult[]): string }> } };
    const eslintJunit = await new ESLint({ useEslintrc: false, cwd: ROOT }).loadFormatter('junit');
    // Theirs names files by absolute path and XML-escapes inside CDATA (which shows the entities verbatim); ours by
    // repository-relative path with CDATA text as is.
    const theirs = eslintJunit.format(results).replaceAll(`${ROOT}/`, '').replaceAll('org.eslint', 'org.kubecarry').replace(/&quot;/g, '"');
    expect(junit(results, formatterContext(ROOT)).replace(/&quot;/g, '"')).toBe(theirs);
  });
});
