import type { AnyRule } from '../engine/rule.js';
import { PRESETS } from './presets.js';

const SEVERITY = { enum: ['off', 'warn', 'error', 0, 1, 2] };

/** The JSON Schema of `.kubecarry.yaml`, generated from the rules' metadata (committed as schemas/config.schema.json). */
export function buildConfigSchema(rules: readonly AnyRule[]): Record<string, unknown> {
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of rules) {
    ruleProperties[rule.id] = {
      description: rule.meta.docs.description,
      oneOf: [
        SEVERITY,
        { type: 'array', prefixItems: [SEVERITY], items: false, minItems: 1, maxItems: 1 },
        { type: 'array', prefixItems: [SEVERITY, rule.meta.schema], items: false, minItems: 2, maxItems: 2 },
      ],
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/kubecarry/kubecarry/blob/main/schemas/config.schema.json',
    title: 'kubecarry configuration (.kubecarry.yaml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      extends: { description: 'Preset to start from.', enum: [...PRESETS] },
      kubernetesVersion: {
        description: 'Version of the target cluster, MAJOR.MINOR.',
        type: 'string',
        pattern: '^v?\\d+\\.\\d+(\\.\\d+)?$',
      },
      schemas: {
        description: 'Directories of JSON Schemas for custom resources (kubeconform file names: {kind}-{group}-{version}.json), relative to this file.',
        type: 'array',
        items: { type: 'string' },
      },
      ignores: { description: 'Glob patterns (gitignore syntax) of files not to lint.', type: 'array', items: { type: 'string' } },
      context: {
        description:
          'Files, directories or globs read only for rules that relate manifests across files (as --context): never reported on. Relative to the working directory.',
        type: 'array',
        items: { type: 'string' },
      },
      rules: { type: 'object', additionalProperties: false, properties: ruleProperties },
    },
  };
}
