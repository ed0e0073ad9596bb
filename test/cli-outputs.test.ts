import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planOutputs, writeReport } from '../src/cli/outputs.js';
import { DELETE_PV } from './helpers/lint-texts.js';
import { makeTree, runCli } from './helpers/run-cli.js';

describe('planOutputs: -f formats paired with -o targets', () => {
  it('stylish to stdout by default; a plain -o takes the one format, as in ESLint', () => {
    expect(planOutputs(undefined, undefined)).toEqual([{ format: 'stylish' }]);
    expect(planOutputs(['json'], ['out.json'])).toEqual([{ format: 'json', file: 'out.json' }]);
    expect(planOutputs(undefined, ['report.txt'])).toEqual([{ format: 'stylish', file: 'report.txt' }]);
  });

  it('-o FORMAT=path sends one format to a file, adding it when no -f named it; the rest print in order', () => {
    expect(planOutputs(['stylish', 'sarif'], ['sarif=results.sarif'])).toEqual([{ format: 'stylish' }, { format: 'sarif', file: 'results.sarif' }]);
    expect(planOutputs(undefined, ['sarif=results.sarif'])).toEqual([{ format: 'stylish' }, { format: 'sarif', file: 'results.sarif' }]);
    expect(planOutputs(['github', 'json'], ['json=a/b=c.json', 'report.txt'])).toEqual([{ format: 'github', file: 'report.txt' }, { format: 'json', file: 'a/b=c.json' }]);
    expect(planOutputs(['json', 'json'], undefined)).toEqual([{ format: 'json' }]);
  });

  it('a name before "=" that is no format is part of a plain path', () => {
    expect(planOutputs(['json'], ['build/x=1.json'])).toEqual([{ format: 'json', file: 'build/x=1.json' }]);
    expect(planOutputs(['./my-formatter.js'], ['./my-formatter.js=out.txt'])).toEqual([{ format: './my-formatter.js', file: 'out.txt' }]);
  });

  it('ambiguous plans are usage errors that say how to name the format', () => {
    expect(() => planOutputs(['stylish', 'sarif'], ['out.txt'])).toThrow('Output file "out.txt" fits no single format (stylish, sarif): write -o FORMAT=out.txt.');
    expect(() => planOutputs(['json'], ['a.json', 'b.json'])).toThrow('Several output files (a.json, b.json): name the format of each, e.g. -o sarif=b.json.');
    expect(() => planOutputs(['sarif'], ['sarif=a', 'sarif=b'])).toThrow('Two output files for format "sarif"');
  });
});

describe('planOutputs: properties', () => {
  const builtIn = fc.constantFrom<string>('stylish', 'json', 'sarif', 'github', 'junit');
  it('every format is printed once, in the order named, and each -o FORMAT=path reaches its format', () => {
    fc.assert(
      fc.property(fc.array(builtIn, { maxLength: 6 }), fc.uniqueArray(builtIn, { maxLength: 5 }), fc.stringMatching(/^[a-z][a-z0-9./=-]{0,12}$/), (formats, targeted, path) => {
        const plan = planOutputs(formats.length > 0 ? formats : undefined, targeted.map((format) => `${format}=${path}`));
        const names = plan.map((output) => output.format);
        expect(new Set(names).size).toBe(names.length);
        expect(names).toEqual([...new Set([...(formats.length > 0 ? formats : ['stylish']), ...targeted])]);
        for (const output of plan) expect(output.file).toBe(targeted.includes(output.format) ? path : undefined);
      }),
    );
  });
});

describe('writeReport: a report written in parts', () => {
  it('writes every piece, in order, in parts of about 1 MB, and returns the last character written', () => {
    const pieces = Array.from({ length: 5000 }, (_, i) => `${String(i).padStart(4, '0')}${'x'.repeat(495)}\n`);
    const writes: string[] = [];
    expect(writeReport(pieces, (text) => writes.push(text))).toBe('\n');
    expect(writes.join('')).toBe(pieces.join(''));
    // 2.5 MB in pieces of 500 characters: a write each time 2,098 pieces pass 1 MiB, then the rest.
    expect(writes.map((text) => text.length)).toEqual([1_049_000, 1_049_000, 402_000]);
  });

  it('a string report is written whole; an empty report writes nothing and counts as an ended line', () => {
    const writes: string[] = [];
    expect(writeReport('no newline', (text) => writes.push(text))).toBe('e');
    expect(writeReport('', (text) => writes.push(text))).toBe('\n');
    expect(writeReport([], (text) => writes.push(text))).toBe('\n');
    expect(writes).toEqual(['no newline']);
  });
});

describe('CLI: several outputs in one run', () => {
  it('-f stylish -f sarif -o sarif=results.sarif: stylish on stdout, SARIF in its file', () => {
    const cwd = makeTree({ 'pv.yaml': DELETE_PV });
    const run = runCli(['lint', '.', '-f', 'stylish', '-f', 'sarif', '-o', 'sarif=out/results.sarif'], { cwd, env: { GITHUB_WORKSPACE: '' } });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('8:34  error  PersistentVolume "data" has persistentVolumeReclaimPolicy Delete');
    expect(run.stdout).not.toContain('"version": "2.1.0"');
    const log = JSON.parse(readFileSync(join(cwd, 'out', 'results.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(log.runs[0]!.results.map((result) => result.ruleId)).toEqual(['pv-reclaim-policy']);
  });

  it('--output-file with one format still writes that format alone, and -f github prints annotations', () => {
    const cwd = makeTree({ 'pv.yaml': DELETE_PV });
    const run = runCli(['lint', '.', '-f', 'json', '--output-file', 'report.json'], { cwd });
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(cwd, 'report.json'), 'utf8'))[0].messages[0].line).toBe(8);
    const annotations = runCli(['lint', '.', '-f', 'github'], { cwd, env: { GITHUB_WORKSPACE: '' } });
    expect(annotations.stdout).toMatch(/^::error file=pv\.yaml,line=8,endLine=8,col=34,endColumn=40,title=pv-reclaim-policy::PersistentVolume "data"/);
  });

  it('an ambiguous -o is exit 2 with the fix in the message', () => {
    const cwd = makeTree({ 'pv.yaml': DELETE_PV });
    const run = runCli(['lint', '.', '-f', 'stylish', '-f', 'junit', '-o', 'out.xml'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('kubecarry: Output file "out.xml" fits no single format (stylish, junit): write -o FORMAT=out.xml.\n');
  });
});
