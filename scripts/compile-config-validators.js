#!/usr/bin/env node
// Precompiles the config schema (built from the rules' metadata) and each rule's options schema into ajv standalone
// validators, dist/config/validators.cjs, as part of `npm run build`. Loading ajv and compiling the config schema at
// run time cost about 0.12 s of every run with a config file. The module lists the schemas it was compiled from
// (as JSON text): src/config/load.ts uses a validator only for exactly its schema, and compiles any other.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CONFIG_AJV_OPTIONS } from '../dist/config/load.js';
import { buildConfigSchema } from '../dist/config/schema.js';
import { rules } from '../dist/rules/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { Ajv2020 } = require('ajv/dist/2020.js');
const standaloneCode = require('ajv/dist/standalone').default;

const schemas = [buildConfigSchema(rules), ...rules.map((rule) => rule.meta.schema)].map((schema) => JSON.stringify(schema));
const unique = [...new Set(schemas)];
const ajv = new Ajv2020({ ...CONFIG_AJV_OPTIONS, code: { source: true } });
unique.forEach((schema, i) => ajv.addSchema({ ...JSON.parse(schema), $id: `kubecarry:${i}` }));
const code = standaloneCode(ajv, Object.fromEntries(unique.map((_, i) => [`v${i}`, `kubecarry:${i}`])));
writeFileSync(join(root, 'dist', 'config', 'validators.cjs'), `${code}\nexports.schemas = ${JSON.stringify(unique)};\n`);
