import { defineRule } from '../engine/rule.js';
import { asArray, asObject, asString, getIn } from '../model/values.js';

interface Options {
  /** Images to leave alone: `/regex/flags`, or a prefix of the image reference (`registry.k8s.io/sig-storage/`). */
  ignoreImages: string[];
}

export default defineRule({
  id: 'container-prestop-hook',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require long-running containers to have a preStop hook that drains them before SIGTERM',
      recommended: 'warn',
      kinds: ['Pod', 'PodTemplate', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'],
    },
    messages: {
      missing: 'Container "{{name}}" has no preStop hook: it gets SIGTERM while requests may still reach it, with nothing drained; add lifecycle.preStop.',
    },
    schema: {
      type: 'object',
      properties: {
        ignoreImages: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description: 'Images that need no preStop hook: `/regex/flags`, or a prefix of the image reference.',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { ignoreImages: [] } as Options,
  },
  create(context) {
    const ignored = asArray(asObject(context.options)?.['ignoreImages']).flatMap(toMatcher);
    return {
      Container(container) {
        if (!container.podSpec.longRunning || container.role === 'init') return;
        const value = asObject(container.value);
        if (!value) return;
        const preStop = getIn(value, ['lifecycle', 'preStop']);
        if (preStop !== undefined && preStop !== null) return;
        const image = asString(value['image']);
        if (image !== undefined && ignored.some((matches) => matches(image))) return;
        const name = asString(value['name']);
        // At the name; without one, the missing path points at the container's first key.
        context.report({
          manifest: container.manifest,
          path: [...container.path, 'name'],
          messageId: 'missing',
          data: { name: name ?? '(unnamed)' },
        });
      },
    };
  },
});

function toMatcher(entry: unknown): ((image: string) => boolean)[] {
  if (typeof entry !== 'string' || entry === '') return [];
  const regex = /^\/(.+)\/([a-z]*)$/.exec(entry);
  if (regex) {
    try {
      const pattern = new RegExp(regex[1]!, regex[2]);
      return [(image) => pattern.test(image)];
    } catch {
      // An invalid pattern matches nothing rather than stopping the run.
      return [];
    }
  }
  return [(image) => image.startsWith(entry)];
}
