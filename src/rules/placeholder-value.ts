import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import type { Path } from '../engine/types.js';
import { findPlaceholders, mayHoldPlaceholder } from '../model/placeholders.js';
import { asObject } from '../model/values.js';

/** A copy of the whole object: its placeholders are reported where they are written. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** Prose about a field (CRD schemas), where `<name>` describes a format rather than stands for a value. */
const PROSE_KEYS = new Set(['description']);

export default defineRule({
  id: 'placeholder-value',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow values still holding a documentation placeholder (`<name of the disk>`, `REPLACE_ME`, `TODO`)',
      recommended: 'error',
      kinds: ['*'],
    },
    messages: {
      placeholder: '{{where}} holds the placeholder {{placeholder}} copied from documentation; put the real value there.',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    return {
      Manifest(manifest) {
        const { status: _, ...applied } = manifest.value;
        for (const { path, value } of stringScalars(applied)) {
          const seen = new Set<string>();
          for (const { text, index } of findPlaceholders(value)) {
            if (seen.has(text)) continue;
            seen.add(text);
            context.report({ manifest, path, within: [index, index + text.length], messageId: 'placeholder', data: { where: showPath(path), placeholder: JSON.stringify(text) } });
          }
        }
      },
    };
  },
});

/**
 * Every string value (never a key) with its path, skipping copies of the object and prose. `status` is skipped by the
 * caller: the cluster writes it, `kubectl apply` ignores it. One path stack is shared and copied only for a value
 * that may hold a placeholder: this runs over every scalar of every manifest.
 */
function stringScalars(root: unknown): { path: Path; value: string }[] {
  const found: { path: Path; value: string }[] = [];
  const path: (string | number)[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (mayHoldPlaceholder(value)) found.push({ path: [...path], value });
    } else if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        path.push(index);
        walk(value[index]);
        path.pop();
      }
    } else {
      const object = asObject(value);
      if (!object) return;
      for (const key of Object.keys(object)) {
        if (PROSE_KEYS.has(key) || key === LAST_APPLIED) continue;
        path.push(key);
        walk(object[key]);
        path.pop();
      }
    }
  };
  walk(root);
  return found;
}

/** `spec.azureDisk.diskURI`, `spec.containers[0].args[1]`. */
export function showPath(path: Path): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : /^[A-Za-z_][\w-]*$/.test(segment) ? (index === 0 ? segment : `.${segment}`) : `[${JSON.stringify(segment)}]`)).join('');
}
