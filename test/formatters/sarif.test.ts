import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LintResult } from '../../src/engine/types.js';
import { FATAL_RULE_ID, NOTICE_RULE_ID, region, sarif } from '../../src/formatters/sarif.js';
import { BROKEN_YAML, DELETE_PV, formatterContext, lintTexts } from '../helpers/lint-texts.js';
import { runCli } from '../helpers/run-cli.js';

// The SARIF SDK's schema (draft 2020-12), vendored from @microsoft/sarif-multitool-linux 5.7.0: never fetched here.
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'schemas', 'sarif-2.1.0.json'), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

const ROOT = '/repo';
const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

interface Log {
  runs: [
    {
      tool: { driver: { name: string; version: string; rules: { id: string; helpUri?: string; shortDescription?: { text: string } }[] } };
      originalUriBaseIds: Record<string, { uri: string }>;
      invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; message: { text: string }; descriptor: { id: string } }[] }[];
      results: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
        partialFingerprints: Record<string, string>;
        suppressions?: { kind: string; justification?: string }[];
      }[];
    },
  ];
}

function format(results: LintResult[], cwd = ROOT): Log {
  const text = sarif(results, formatterContext(cwd));
  const log = JSON.parse(text) as Log;
  expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  return log;
}

afterEach(() => vi.unstubAllEnvs());

describe('sarif formatter', () => {
  it('one run describing every rule with its docs, a result with an exact region and a repository-relative URI', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '');
    const log = format(lintTexts({ 'k8s/pv.yaml': DELETE_PV }, ROOT));
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    expect(run.tool.driver.name).toBe('kubecarry');
    expect(run.tool.driver.version).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')).version);
    const ids = run.tool.driver.rules.map((rule) => rule.id);
    expect(ids).toContain('pv-reclaim-policy');
    expect(ids.slice(-2)).toEqual([FATAL_RULE_ID, NOTICE_RULE_ID]);
    const rule = run.tool.driver.rules.find((candidate) => candidate.id === 'pv-reclaim-policy');
    expect(rule?.helpUri).toBe('https://github.com/kubecarry/kubecarry/blob/main/docs/rules/pv-reclaim-policy.md');
    expect(run.originalUriBaseIds['%SRCROOT%']).toEqual({ uri: 'file:///repo/' });
    expect(run.results).toHaveLength(1);
    const [result] = run.results;
    expect(result).toMatchObject({ ruleId: 'pv-reclaim-policy', level: 'error', ruleIndex: ids.indexOf('pv-reclaim-policy') });
    expect(result!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'k8s/pv.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 8, startColumn: 34, endLine: 8, endColumn: 40 },
    });
  });

  it('paths are relative to GITHUB_WORKSPACE on a runner, percent-encoded; paths outside it stay absolute file URIs', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '/repo');
    const results = lintTexts({ 'my manifests/pv#1.yaml': DELETE_PV }, '/repo/sub');
    const outside = lintTexts({ 'pv.yaml': DELETE_PV }, '/elsewhere');
    const log = format([...results, ...outside], '/repo/sub');
    expect(log.runs[0].results.map((result) => result.locations[0]!.physicalLocation.artifactLocation)).toEqual([
      { uri: 'sub/my%20manifests/pv%231.yaml', uriBaseId: '%SRCROOT%' },
      { uri: 'file:///elsewhere/pv.yaml' },
    ]);
  });

  it('a YAML syntax error is a result of the fatal-error pseudo rule and a tool execution notification', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '');
    const log = format(lintTexts({ 'broken.yaml': BROKEN_YAML }, ROOT));
    const [run] = log.runs;
    expect(run.results).toHaveLength(1);
    expect(run.results[0]).toMatchObject({ ruleId: FATAL_RULE_ID, level: 'error', ruleIndex: run.tool.driver.rules.length - 2 });
    expect(run.results[0]!.message.text).toMatch(/^Parsing error: /);
    expect(run.results[0]!.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 4, startColumn: 1 });
    expect(run.invocations[0]).toMatchObject({
      executionSuccessful: true,
      toolExecutionNotifications: [{ level: 'error', message: { text: run.results[0]!.message.text }, descriptor: { id: FATAL_RULE_ID } }],
    });
  });

  it('messages without a rule or a position still have a region: unused directives, unreadable files, stdin', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '');
    const withDirective = `# kubecarry-disable-next-line pv-reclaim-policy\n${DELETE_PV.replace('Delete', 'Retain')}`;
    const results = lintTexts({ 'pv.yaml': withDirective, '<text>': DELETE_PV }, ROOT, 1);
    const unreadable: LintResult = { ...results[0]!, filePath: '/repo/gone.yaml', messages: [{ ruleId: null, fatal: true, severity: 2, message: 'Cannot read file: ENOENT', line: 0, column: 0, nodeType: null }], suppressedMessages: [] };
    const log = format([...results, unreadable]);
    expect(log.runs[0].results.map((result) => [result.ruleId, result.locations[0]!.physicalLocation.artifactLocation.uri, result.locations[0]!.physicalLocation.region])).toEqual([
      [NOTICE_RULE_ID, 'pv.yaml', { startLine: 1, startColumn: 1, endLine: 1, endColumn: 48 }],
      ['pv-reclaim-policy', '%3Ctext%3E', { startLine: 8, startColumn: 34, endLine: 8, endColumn: 40 }],
      [FATAL_RULE_ID, 'gone.yaml', { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }],
    ]);
  });

  it('suppressed findings are kept with an inSource suppression, as the SARIF SDK formatter does', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '');
    const text = DELETE_PV.replace('persistentVolumeReclaimPolicy: Delete', 'persistentVolumeReclaimPolicy: Delete  # kubecarry-disable-line pv-reclaim-policy -- scratch disk');
    const log = format(lintTexts({ 'pv.yaml': text }, ROOT));
    expect(log.runs[0].results).toHaveLength(1);
    expect(log.runs[0].results[0]!.suppressions).toEqual([{ kind: 'inSource', justification: 'scratch disk' }]);
  });

  it('fingerprints survive lines added above a finding, and tell identical findings in one file apart', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '');
    const fingerprints = (text: string) => format(lintTexts({ 'pv.yaml': text }, ROOT)).runs[0].results.map((result) => result.partialFingerprints['kubecarry/v1']);
    const before = fingerprints(DELETE_PV);
    const shifted = fingerprints(`# a comment\n# and another\n${DELETE_PV}`);
    expect(shifted).toEqual(before);
    expect(before[0]).toMatch(/^[0-9a-f]{32}:1$/);
    const twice = fingerprints(`${DELETE_PV}---\n${DELETE_PV}`);
    expect(twice).toEqual([before[0], before[0]!.replace(/:1$/, ':2')]);
    const otherName = fingerprints(DELETE_PV.replace('name: data', 'name: logs'));
    expect(otherName[0]).not.toBe(before[0]);
    expect(fingerprints(DELETE_PV.replace('Delete', 'Recycle'))[0]).not.toBe(before[0]);
  });

  it('the vendored schema does reject what code scanning rejects (a zero line, an unencoded space in a URI)', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '');
    const log = JSON.parse(sarif(lintTexts({ 'pv.yaml': DELETE_PV }, ROOT), formatterContext(ROOT))) as Log;
    const location = log.runs[0].results[0]!.locations[0]!.physicalLocation;
    expect(validate(log)).toBe(true);
    location.region['startLine'] = 0;
    expect(validate(log)).toBe(false);
    location.region['startLine'] = 8;
    location.artifactLocation.uri = 'my manifests/pv.yaml';
    expect(validate(log)).toBe(false);
  });

  it('region() gives a well-ordered region for any position ESLint could report', () => {
    const position = fc.nat({ max: 10_000 });
    fc.assert(
      fc.property(position, position, fc.option(position, { nil: undefined }), fc.option(position, { nil: undefined }), (line, column, endLine, endColumn) => {
        const got = region({ line, column, endLine, endColumn });
        expect(got.startLine).toBeGreaterThanOrEqual(1);
        expect(got.startColumn).toBeGreaterThanOrEqual(1);
        expect(got.endLine).toBeGreaterThanOrEqual(got.startLine);
        if (got.endLine === got.startLine) expect(got.endColumn).toBeGreaterThanOrEqual(got.startColumn);
        if (line >= 1 && column >= 1) expect([got.startLine, got.startColumn]).toEqual([line, column]);
      }),
    );
  });

  it('agrees with @microsoft/eslint-formatter-sarif on rules, locations and levels for the bundled example', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '');
    const run = runCli(['lint', '.', '-f', 'json'], { cwd: EXAMPLES });
    const results = JSON.parse(run.stdout) as LintResult[];
    const context = formatterContext(EXAMPLES);
    const require = createRequire(import.meta.url);
    const theirFormatter = require('@microsoft/eslint-formatter-sarif') as (results: LintResult[], data: unknown) => string;
    const theirs = JSON.parse(theirFormatter(results, { rulesMeta: context.rulesMeta })) as Log;
    const ours = format(results, EXAMPLES);
    const base = ours.runs[0].originalUriBaseIds['%SRCROOT%']!.uri;

    const theirRules = new Map(theirs.runs[0].tool.driver.rules.map((rule) => [rule.id, rule]));
    for (const result of theirs.runs[0].results) {
      const ourRule = ours.runs[0].tool.driver.rules.find((rule) => rule.id === result.ruleId);
      expect(ourRule?.helpUri).toBe(theirRules.get(result.ruleId)?.helpUri);
      expect(ourRule?.shortDescription).toEqual(theirRules.get(result.ruleId)?.shortDescription);
    }
    const summary = (log: Log, resolve: (uri: string, uriBaseId?: string) => string) =>
      log.runs[0].results.map((result) => {
        const { artifactLocation, region } = result.locations[0]!.physicalLocation;
        return { ruleId: result.ruleId, level: result.level, message: result.message.text, file: resolve(artifactLocation.uri, artifactLocation.uriBaseId), region };
      });
    const theirSummary = summary(theirs, (uri) => fileURLToPath(uri));
    const ourSummary = summary(ours, (uri, uriBaseId) => fileURLToPath(uriBaseId ? new URL(uri, base) : uri));
    expect(theirSummary.length).toBeGreaterThan(5);
    expect(ourSummary).toEqual(theirSummary);
    expect(pathToFileURL(EXAMPLES).href + '/').toBe(base);
  });
});
