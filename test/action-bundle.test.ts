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
