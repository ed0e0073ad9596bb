import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import type { Path } from '../engine/types.js';
import type { PodSpecPiece } from '../model/pieces.js';
import { parseScript, programName, shellInvocation, skipPassThrough, sleepSeconds } from '../model/shell.js';
import { asArray, asObject, asString, getIn, hasKey } from '../model/values.js';

/** `DefaultTerminationGracePeriodSeconds` in core/v1. */
const DEFAULT_GRACE_SECONDS = 30;
const FIELD = 'terminationGracePeriodSeconds';

export default defineRule({
  id: 'termination-grace-period',
  meta: {
    type: 'problem',
    fixable: 'code',
    docs: {
      description: 'Require a termination grace period that leaves time for preStop hooks and a clean shutdown, set on the pod spec',
      recommended: 'error',
      kinds: ['Pod', 'PodTemplate', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
    },
    messages: {
      zero: 'terminationGracePeriodSeconds is 0: preStop hooks are skipped and containers are killed at once, mid-write; remove it or set a positive value.',
      negative: 'terminationGracePeriodSeconds is {{value}}: a negative value is treated as 1 second, too short to shut down; set a positive number of seconds.',
      notInteger: 'terminationGracePeriodSeconds must be a whole number of seconds, not {{value}}: the API server rejects the object; write an integer.',
      hookUsesGrace:
        'Container "{{name}}" sleeps {{duration}} in preStop, the whole grace period ({{grace}}): 2 s remain after SIGTERM; raise the period.',
      onContainer: 'terminationGracePeriodSeconds on a container is rejected or ignored, so the pod keeps {{grace}}; move it to the pod spec.',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    return {
      PodSpec(podSpec) {
        const value = asObject(podSpec.value)?.[FIELD];
        if (value === null || value === undefined) return;
        const path = [...podSpec.path, FIELD];
        if (typeof value !== 'number' || !Number.isInteger(value)) {
          context.report({ manifest: podSpec.manifest, path, messageId: 'notInteger', data: { value: show(value) } });
        } else if (value === 0) {
          context.report({ manifest: podSpec.manifest, path, messageId: 'zero' });
        } else if (value < 0) {
          context.report({ manifest: podSpec.manifest, path, messageId: 'negative', data: { value } });
        }
      },

      Container(container) {
        const value = asObject(container.value);
        if (!value) return;
        const name = asString(value['name']) ?? '(unnamed)';
        const grace = gracePeriod(container.podSpec);

        if (hasKey(value, FIELD)) {
          const misplaced = value[FIELD];
          // Move it where Kubernetes reads it, unless the pod spec already says something (then a person decides).
          const movable = typeof misplaced === 'number' && Number.isInteger(misplaced) && misplaced > 0 && !hasKey(container.podSpec.value, FIELD);
          context.report({
            manifest: container.manifest,
            path: [...container.path, FIELD],
            at: 'key',
            messageId: 'onContainer',
            data: { grace: describeGrace(grace) },
            ...(movable
              ? { fix: [{ op: 'remove' as const, path: [...container.path, FIELD] }, { op: 'set' as const, path: [...container.podSpec.path, FIELD], value: misplaced }] }
              : {}),
          });
        }

        // Init containers run no preStop hook; a zero, negative or invalid grace period is reported on its own.
        if (container.role === 'init' || grace.seconds === undefined || grace.seconds <= 0) return;
        const sleep = preStopSleep(value);
        if (!sleep || sleep.seconds < grace.seconds) return;
        context.report({
          manifest: container.manifest,
          path: [...container.path, 'lifecycle', 'preStop', ...sleep.path],
          messageId: 'hookUsesGrace',
          data: { name, duration: sleep.seconds === Infinity ? 'forever' : `${sleep.seconds} seconds`, grace: describeGrace(grace) },
        });
      },
    };
  },
});

function show(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

interface Grace {
  /** The effective grace period in seconds, or undefined when the field is not an integer. */
  seconds: number | undefined;
  defaulted: boolean;
}

function gracePeriod(podSpec: PodSpecPiece): Grace {
  const value = (asObject(podSpec.value) ?? {})[FIELD];
  if (value === undefined || value === null) return { seconds: DEFAULT_GRACE_SECONDS, defaulted: true };
  return { seconds: typeof value === 'number' && Number.isInteger(value) ? value : undefined, defaulted: false };
}

function describeGrace(grace: Grace): string {
  if (grace.defaulted) return `the default of ${DEFAULT_GRACE_SECONDS} seconds`;
  return grace.seconds === undefined ? 'its pod-level value' : `${grace.seconds} seconds`;
}

/**
 * How long a preStop hook sleeps before doing anything else, and where (relative to `lifecycle.preStop`):
 * a `sleep` action, an exec of `sleep N`, or a shell script of plain commands with `sleep N` in it.
 */
function preStopSleep(container: Record<string, unknown>): { seconds: number; path: Path } | undefined {
  const preStop = asObject(getIn(container, ['lifecycle', 'preStop']));
  if (!preStop) return undefined;
  const sleep = asObject(preStop['sleep']);
  if (sleep) {
    const seconds = sleep['seconds'];
    return typeof seconds === 'number' && Number.isFinite(seconds) ? { seconds, path: ['sleep', 'seconds'] } : undefined;
  }
  const command = asArray(asObject(preStop['exec'])?.['command']);
  if (command.length === 0) return undefined;
  const start = skipPassThrough(command, 0);
  const program = command[start];
  if (typeof program === 'string' && programName(program) === 'sleep') {
    const seconds = sleepSeconds(command.slice(start + 1));
    return seconds === undefined ? undefined : { seconds, path: ['exec', 'command', start + 1] };
  }
  const shell = shellInvocation(command);
  if (!shell || shell.script === undefined || shell.scriptIndex === undefined) return undefined;
  const parsed = parseScript(shell.script);
  // Loops and conditionals make the time unknowable; so does a sleep we cannot read.
  if (!parsed.ok || parsed.compound) return undefined;
  let total = 0;
  for (const step of parsed.commands) {
    const index = skipPassThrough(step.words, 0);
    const word = step.words[index];
    if (word === undefined || programName(word) !== 'sleep' || step.background) continue;
    const seconds = sleepSeconds(step.words.slice(index + 1));
    if (seconds === undefined) return undefined;
    total += seconds;
  }
  return total > 0 ? { seconds: total, path: ['exec', 'command', shell.scriptIndex] } : undefined;
}
