import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import type { Manifest } from '../engine/types.js';
import { CRD_KIND, crdSchemas, kindKey, needsRunSchema } from '../schema/coverage.js';
import type { Checker } from '../schema/registry.js';
import { schemaRegistry } from '../schema/registry.js';

export default defineRule({
  id: 'schema',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require every object to match the API schema of the target Kubernetes version: no unknown fields, wrong types, missing required fields or values out of range',
      recommended: 'error',
      kinds: ['*'],
    },
    crossDocumentKinds: [CRD_KIND],
    messages: {
      unknownField: '{{path}}: unknown field{{hint}}{{note}}',
      wrongType: '{{path}}: must be {{expected}}, not {{actual}}{{note}}',
      missingField: '{{path}}: required field is missing{{note}}',
      badValue: '{{path}}: {{value}} is not allowed; use one of {{allowed}}{{note}}',
      invalid: '{{path}}: {{detail}}{{note}}',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    const registry = schemaRegistry(context.kubernetesVersion, context.schemaDirectories);
    const [major, minor] = registry.version;
    // Said on every finding when the target version has no bundled schema, so a surprise can be traced to the gap.
    const builtinNote = registry.exact ? '' : ` (checked against the Kubernetes ${major}.${minor} schema)`;
    const check = (manifest: Manifest, checker: Checker, note = '') => {
      for (const { path, at, messageId, data } of checker(manifest.value)) {
        context.report({ manifest, path, ...(at ? { at } : {}), messageId, data: { ...data, note } });
      }
    };
    /**
     * A CRD schema that is no valid JSON Schema (`minProperties: null`, found by test/fuzz/wrong-shapes.test.ts)
     * checks nothing: the API server rejects such a CRD, so its objects are left unchecked rather than crash the run.
     */
    const compileOrNull = (schema: Parameters<typeof registry.compile>[0]) => {
      try {
        return registry.compile(schema);
      } catch {
        return null;
      }
    };
    return {
      Manifest(manifest) {
        const { apiVersion, kind } = manifest.value;
        if (typeof apiVersion !== 'string' || typeof kind !== 'string') return;
        const builtin = registry.builtin(apiVersion, kind);
        if (builtin) return check(manifest, builtin, builtinNote);
        const fromDirectory = registry.fromDirectory(apiVersion, kind);
        if (fromDirectory) check(manifest, fromDirectory);
      },
      keepForRun: (object) => needsRunSchema(registry, object),
      // Custom resources whose CustomResourceDefinition is part of the run, in any file.
      Run(manifests) {
        const schemas = crdSchemas(manifests);
        const compiled = new Map<string, Checker | null>();
        for (const manifest of manifests) {
          const key = kindKey(manifest.value);
          const schema = manifest.value.kind === CRD_KIND ? undefined : schemas.get(key);
          if (!schema) continue;
          if (!compiled.has(key)) compiled.set(key, compileOrNull(schema));
          const checker = compiled.get(key);
          if (checker) check(manifest, checker);
        }
      },
    };
  },
});
