import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { generatedSchemaFiles, SOURCES } from '../scripts/generate-k8s-schemas.js';
import { bundledVersions } from '../src/schema/catalog.js';

const root = join(import.meta.dirname, '..');

it.each(generatedSchemaFiles().map((file) => [file.path, file.content]))('%s is up to date (npm run generate:schemas)', (path, content) => {
  expect(existsSync(join(root, path))).toBe(true);
  expect(readFileSync(join(root, path), 'utf8')).toBe(content);
});

it('bundles at least four Kubernetes minors, one per devDependency pinned to an exact release', () => {
  const versions = bundledVersions().map((version) => version.join('.'));
  expect(versions).toEqual(Object.keys(SOURCES));
  expect(versions.length).toBeGreaterThanOrEqual(4);
  const devDependencies = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies as Record<string, string>;
  for (const { alias } of Object.values(SOURCES)) expect(devDependencies[alias]).toMatch(/^npm:(kubernetes-types|@kubernetes\/client-node)@\d+\.\d+\.\d+$/);
});

it('records the source package, its version and the day it was pinned in every schema', () => {
  for (const [minor, { alias, pinned }] of Object.entries(SOURCES)) {
    const document = JSON.parse(readFileSync(join(root, 'schemas', 'kubernetes', `v${minor}.json`), 'utf8')) as { source: string; $comment: string };
    const { name, version } = JSON.parse(readFileSync(join(root, 'node_modules', alias, 'package.json'), 'utf8')) as { name: string; version: string };
    expect(document.source).toBe(`${name}@${version}`);
    expect(document.$comment).toContain(`pinned ${pinned}`);
  }
});
