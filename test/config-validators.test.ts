import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CONFIG_AJV_OPTIONS, readConfigFile } from '../src/config/load.js';
import { buildConfigSchema } from '../src/config/schema.js';
import { rules } from '../src/rules/index.js';

// Built by `npm run build` (npm test builds first) from the registry's rules.
const precompiled = createRequire(import.meta.url)(join(import.meta.dirname, '..', 'dist', 'config', 'validators.cjs')) as {
  schemas: string[];
  [name: string]: unknown;
};

function precompiledFor(schema: unknown): ValidateFunction {
  const index = precompiled.schemas.indexOf(JSON.stringify(schema));
  expect(index, 'schema missing from dist/config/validators.cjs').toBeGreaterThanOrEqual(0);
  return precompiled[`v${index}`] as ValidateFunction;
}

/** The verdict and the errors a person reads: what the precompiled validator must give as ajv at run time does. */
function outcome(validate: ValidateFunction, value: unknown) {
  const valid = validate(value);
  return { valid, errors: (validate.errors ?? []).map(({ instancePath, keyword, params, message }) => ({ instancePath, keyword, params, message })) };
}

const CONFIGS: unknown[] = [
  {},
  { extends: 'migration', kubernetesVersion: '1.31', ignores: ['legacy/**'], context: ['../volumes'], schemas: ['crds'] },
  { rules: { 'pv-reclaim-policy': 'warn', 'container-prestop-hook': ['error', { drainSeconds: 10, ignoreImages: ['/^busybox/'] }] } },
  { kubernetesVersoin: '1.30', rules: { 'pv-reclaim-policy': 'fatal' } },
  { extends: 'strictest', kubernetesVersion: 'latest' },
  { rules: { 'no-such-rule': 'error', 'pvc-pinned-volume': ['warn', { labelKey: '' }] } },
  { rules: { 'container-prestop-hook': ['error', { drainSeconds: 0, other: true }, 'extra'] } },
  { ignores: 'legacy/**', schemas: [1] },
  [],
  null,
];

describe('precompiled config validators (dist/config/validators.cjs)', () => {
  const runtime = new Ajv2020(CONFIG_AJV_OPTIONS);

  it('hold the config schema and every rule\'s options schema, and judge configs as ajv does at run time', () => {
    const schema = buildConfigSchema(rules);
    const compiled = runtime.compile(schema);
    for (const config of CONFIGS) expect(outcome(precompiledFor(schema), config), JSON.stringify(config)).toEqual(outcome(compiled, config));
  });

  it('judge each rule\'s options as ajv does at run time', () => {
    const samples: unknown[] = [{}, { drainSeconds: 3 }, { drainSeconds: -1 }, { labelKey: 'x' }, { labelKey: 7 }, { unknown: 1 }, [], 'x'];
    for (const rule of rules) {
      const compiled = runtime.compile(rule.meta.schema);
      for (const options of samples) expect(outcome(precompiledFor(rule.meta.schema), options), `${rule.id} ${JSON.stringify(options)}`).toEqual(outcome(compiled, options));
    }
  });

  it('are compiled once per schema where there are none (run from the sources): a config read twice is read alike', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kubecarry-config-')), '.kubecarry.yaml');
    writeFileSync(path, 'extends: migration\nrules:\n  pvc-pinned-volume: [warn, {labelKey: example.com/volume}]\n');
    const first = await readConfigFile(path, rules);
    expect(await readConfigFile(path, rules)).toEqual(first);
  });
});
