import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_NAMES } from '../src/action/inputs.js';

const ROOT = join(import.meta.dirname, '..');

interface ActionYml {
  runs: { using: string; main: string };
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
}

describe('action.yml and its committed bundle', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

  it('is a node24 JavaScript action whose inputs and outputs are the ones the code reads and writes', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'action/index.js' });
    expect(Object.keys(action.inputs)).toEqual([...INPUT_NAMES]);
    expect(action.inputs['fail-on']?.default).toBe('error');
    expect(Object.keys(action.outputs)).toEqual(['errors', 'warnings', 'sarif-file']);
  });

  it('action/index.js is what `npm run build:action` builds from the current sources (rebuild and commit it if not)', async () => {
    const { bundleAction } = (await import(join(ROOT, 'scripts', 'build-action.mjs'))) as { bundleAction: () => Promise<string> };
    const fresh = await bundleAction();
    const committed = readFileSync(join(ROOT, 'action', 'index.js'), 'utf8');
    expect(fresh.length).toBeGreaterThan(100_000);
    expect(fresh === committed, 'action/index.js is stale: run `npm run build:action` and commit it').toBe(true);
    expect(await bundleAction()).toBe(fresh);
  });
});

describe("README's workflow", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```yaml\n(name: kubecarry\n[\s\S]*?)```/.exec(readme)?.[1];
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

  it('uses only inputs and outputs the action declares, and uploads its SARIF with the permission that needs', () => {
    expect(block).toBeDefined();
    const workflow = parse(block!) as {
      permissions: Record<string, string>;
      jobs: Record<string, { steps: { id?: string; uses?: string; if?: string; with?: Record<string, string> }[] }>;
    };
    expect(workflow.permissions['security-events']).toBe('write');
    const steps = Object.values(workflow.jobs)[0]!.steps;
    const ours = steps.find((step) => step.uses?.startsWith('kubecarry/kubecarry@'));
    for (const input of Object.keys(ours?.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    const upload = steps.find((step) => step.uses === 'github/codeql-action/upload-sarif@v3');
    expect(upload?.with?.['sarif_file']).toBe(`\${{ steps.${ours?.id}.outputs.sarif-file }}`);
    expect(upload?.if).toContain('always()');
    expect(Object.keys(action.outputs)).toContain('sarif-file');
  });
});
