import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { generatedFiles } from '../src/docs/generate.js';
import { rules } from '../src/rules/index.js';

const root = join(import.meta.dirname, '..');
const read = (path: string) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined);

it.each(generatedFiles(rules, read).map((file) => [file.path, file.content]))('%s is up to date (npm run generate)', (path, content) => {
  expect(read(path)).toBe(content);
});

it('rule files are named by their rule id', async () => {
  for (const rule of rules) {
    const module = (await import(`../src/rules/${rule.id}.ts`)) as { default: { id: string } };
    expect(module.default.id).toBe(rule.id);
  }
});
