import { defineRule } from '../engine/rule.js';
import { atLeast } from '../config/kubernetes-version.js';
import { asArray, asObject, asString, getIn } from '../model/values.js';

interface Options {
  /** Images to leave alone: `/regex/flags`, or a prefix of the image reference (`registry.k8s.io/sig-storage/`). */
  ignoreImages: string[];
  /** Seconds the suggested hook waits for endpoints to drop the pod. */
  drainSeconds: number;
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
      addSleep: 'Add a preStop hook that waits {{seconds}} seconds ({{handler}}) so endpoints stop sending requests first.',
    },
    hasSuggestions: true,
    schema: {
      type: 'object',
      properties: {
        ignoreImages: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description: 'Images that need no preStop hook: `/regex/flags`, or a prefix of the image reference.',
        },
        drainSeconds: {
          type: 'integer',
          minimum: 1,
          description: 'Seconds the suggested preStop hook waits before the container gets SIGTERM.',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { ignoreImages: [], drainSeconds: 5 } as Options,
  },
  create(context) {
    const ignored = asArray(asObject(context.options)?.['ignoreImages']).flatMap(toMatcher);
    const seconds = Number(asObject(context.options)?.['drainSeconds'] ?? 5);
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
        // A human decides whether a drain delay is the right hook, so it is a suggestion, never applied by --fix.
        const hook = drainHook(seconds, context.kubernetesVersion);
        // At the name; without one, the missing path points at the container's first key.
        context.report({
          manifest: container.manifest,
          path: [...container.path, 'name'],
          messageId: 'missing',
          data: { name: name ?? '(unnamed)' },
          suggest: [
            {
              messageId: 'addSleep',
              data: { seconds, handler: hook.sleep ? 'the sleep action' : 'exec sleep, which needs a sleep binary in the image' },
              fix: [{ op: 'set', path: [...container.path, 'lifecycle', 'preStop'], value: hook }],
            },
          ],
        });
      },
    };
  },
});

/** The `sleep` action where the target cluster has it (1.30+), otherwise `exec sleep`. */
function drainHook(seconds: number, version: readonly [number, number]): { sleep?: { seconds: number }; exec?: { command: string[] } } {
  return atLeast(version, 1, 30) ? { sleep: { seconds } } : { exec: { command: ['sleep', String(seconds)] } };
}

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
