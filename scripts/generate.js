#!/usr/bin/env node
// Writes the files generated from rule metadata (docs, config schema, README rule table).
// `--check` writes nothing and fails when a committed file is stale. Needs `npm run build` first.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedFiles } from '../dist/docs/generate.js';
import { rules } from '../dist/rules/index.js';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const read = (path) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined);
const check = process.argv.includes('--check');
let stale = 0;
for (const { path, content } of generatedFiles(rules, read)) {
  if (read(path) === content) continue;
  stale++;
  if (check) console.error(`stale: ${path}`);
  else {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
    console.log(`wrote ${path}`);
  }
}
if (check && stale > 0) {
  console.error('Run `npm run build && npm run generate` and commit the result.');
  process.exit(1);
}
