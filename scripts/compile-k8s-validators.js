#!/usr/bin/env node
// Precompiles the bundled Kubernetes schemas (schemas/kubernetes/v*.json) into ajv standalone validators,
// dist/schema/validators/v<minor>.cjs, as part of `npm run build`. Compiling the schemas of a pod spec at run time
// costs seconds; loading the precompiled module of a version costs about 0.3 s. Built, not committed: the code
// follows from the committed JSON. CommonJS so that rules, which are synchronous, can require it.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createAjv, standaloneName } from '../dist/schema/validator.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const standaloneCode = createRequire(import.meta.url)('ajv/dist/standalone').default;
const output = join(root, 'dist', 'schema', 'validators');
// A fresh directory: validators of versions no longer bundled must not linger in dist (and so in the package).
rmSync(output, { recursive: true, force: true });
mkdirSync(output, { recursive: true });

for (const file of readdirSync(join(root, 'schemas', 'kubernetes')).filter((name) => /^v\d+\.\d+\.json$/.test(name))) {
  const { definitions, kinds } = JSON.parse(readFileSync(join(root, 'schemas', 'kubernetes', file), 'utf8'));
  const roots = Object.values(kinds).flatMap((byKind) => Object.values(byKind));
  const ajv = createAjv({ code: { source: true } });
  ajv.addSchema({ definitions }, 'k8s');
  const exports = Object.fromEntries(roots.map((name) => [standaloneName(name), `k8s#/definitions/${name}`]));
  writeFileSync(join(output, file.replace(/\.json$/, '.cjs')), standaloneCode(ajv, exports));
}
