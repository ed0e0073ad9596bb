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

it('bundles at least four Kubernetes minors, one per kubernetes-types devDependency', () => {
  const versions = bundledVersions().map((version) => version.join('.'));
  expect(versions).toEqual(Object.keys(SOURCES));
  expect(versions.length).toBeGreaterThanOrEqual(4);
  const devDependencies = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies as Record<string, string>;
  for (const [minor, alias] of Object.entries(SOURCES)) expect(devDependencies[alias]).toMatch(new RegExp(`^npm:kubernetes-types@${minor.replace('.', '\\.')}\\.`));
});
