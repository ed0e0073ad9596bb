import { atLeast } from '../config/kubernetes-version.js';
import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import type { Path, PathOp } from '../engine/types.js';
import { asArray, asObject, asString, type PlainObject } from '../model/values.js';

const HANDLERS = ['exec', 'httpGet', 'sleep', 'tcpSocket'] as const;
type MessageId = keyof (typeof rule)['meta']['messages'];

const rule = defineRule({
  id: 'prestop-hook-valid',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow preStop hooks that the API server rejects or that fail when the pod stops',
      recommended: 'error',
      kinds: ['Pod', 'PodTemplate', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
    },
    messages: {
      initContainer: 'Init container "{{name}}" has a preStop hook, which only containers and sidecars may have: the API server rejects the pod; remove it.',
      noHandler: 'The preStop hook of container "{{name}}" has no handler{{found}}: the API server rejects the pod; add one of exec, httpGet or sleep.',
      manyHandlers: 'The preStop hook of container "{{name}}" has {{handlers}}: a hook takes one handler, so the API server rejects the pod; keep one.',
      tcpSocket: 'The preStop hook of container "{{name}}" uses tcpSocket, which hooks do not support: it fails and drains nothing; use exec, httpGet or sleep.',
      execNoCommand: 'The exec preStop hook of container "{{name}}" has no command: the API server rejects the pod; set exec.command to a list of arguments.',
      execOneString:
        'The exec preStop hook of container "{{name}}" is one string: no shell splits it, so "{{command}}" is not found; split it into arguments.',
      execNotString: 'The exec preStop hook of container "{{name}}" has {{value}}, a {{type}}, in its command: the API server rejects the pod; quote it.',
      httpNoPort: 'The httpGet preStop hook of container "{{name}}" has no port: the API server rejects the pod; set the port of the shutdown endpoint.',
      httpBadPort: 'The httpGet preStop hook of container "{{name}}" has port {{port}}, not 1-65535 or a port name (a quoted number is a name): the pod is rejected.',
      httpUnknownPort:
        'The httpGet preStop hook of container "{{name}}" uses port "{{port}}", which the container does not declare: the hook fails; use the number.',
      sleepUnsupported: 'The preStop hook of container "{{name}}" uses sleep, which Kubernetes {{version}} lacks: the API server rejects the pod; use exec ["sleep", "5"].',
      sleepFeatureGate:
        'The preStop hook of container "{{name}}" uses sleep, alpha in 1.29: rejected unless PodLifecycleSleepAction is on; use exec sleep.',
      sleepInvalid: 'The sleep preStop hook of container "{{name}}" is invalid ({{value}}): the API server rejects the pod; use sleep: {seconds: N}, N > 0.',
      sleepZero: 'The sleep preStop hook of container "{{name}}" {{what}}: Kubernetes {{version}} rejects a 0-second sleep; set seconds, for example 5.',
      sleepNoop: 'The sleep preStop hook of container "{{name}}" has no seconds, so it waits 0 s and drains nothing before SIGTERM; set seconds, e.g. 5.',
      wrapInShell: 'Run the command with `sh -c`, as it uses shell syntax.',
    },
    fixable: 'code',
    hasSuggestions: true,
    ...NO_OPTIONS,
  },
  create(context) {
    const version = context.kubernetesVersion;
    const versionText = `${version[0]}.${version[1]}`;
    return {
      Container(container) {
        const value = asObject(container.value);
        const lifecycle = asObject(value?.['lifecycle']);
        if (!value || !lifecycle) return;
        const preStop = lifecycle['preStop'];
        if (preStop === undefined || preStop === null) return;
        const name = asString(value['name']) ?? '(unnamed)';
        const base: Path = [...container.path, 'lifecycle', 'preStop'];
        const under = (ops: PathOp[]) => ops.map((op) => ({ ...op, path: [...base, ...op.path] }));
        const report: ReportOf<MessageId> = (messageId, path, data = {}, at, remedy = {}) =>
          context.report({
            manifest: container.manifest,
            path: [...base, ...path],
            messageId,
            data: { name, ...data },
            ...(at ? { at } : {}),
            ...(remedy.fix ? { fix: under(remedy.fix) } : {}),
            ...(remedy.suggest ? { suggest: remedy.suggest.map((suggestion) => ({ ...suggestion, fix: under(suggestion.fix) })) } : {}),
          });

        if (container.role === 'init') return report('initContainer', [], {}, 'key');
        const hook = asObject(preStop);
        const present = hook ? HANDLERS.filter((handler) => hook[handler] !== undefined && hook[handler] !== null) : [];
        if (!hook || present.length === 0) {
          const keys = hook ? Object.keys(hook) : [];
          return report('noHandler', [], { found: keys.length > 0 ? ` (only ${keys.join(', ')})` : '' }, 'key');
        }
        if (present.length > 1) return report('manyHandlers', [], { handlers: present.join(' and ') }, 'key');

        switch (present[0]) {
          case 'tcpSocket':
            return report('tcpSocket', ['tcpSocket'], {}, 'key');
          case 'exec':
            return checkExec(asObject(hook['exec']), report);
          case 'httpGet':
            return checkHttpGet(asObject(hook['httpGet']), value, report);
          case 'sleep': {
            if (!atLeast(version, 1, 29)) return report('sleepUnsupported', ['sleep'], { version: versionText }, 'key');
            if (!atLeast(version, 1, 30)) report('sleepFeatureGate', ['sleep'], {}, 'key');
            return checkSleep(hook['sleep'], version, versionText, report);
          }
        }
      },
    };
  },
});

/** Ops with paths under `lifecycle.preStop`. */
interface Remedy {
  fix?: PathOp[];
  suggest?: { messageId: MessageId; fix: PathOp[] }[];
}
type ReportOf<M extends string> = (messageId: M, path: Path, data?: Record<string, string | number>, at?: 'key', remedy?: Remedy) => void;

/**
 * Characters a shell would read as more than a word separator: quotes, escapes, expansions, globs, operators,
 * comments, an assignment (`A=b cmd`). A one-string command without them means the same split on blanks as run by `sh -c`.
 */
const SHELL_SYNTAX = /[^A-Za-z0-9_\-./=:,@%+\s]|^~|\s~|[\n\r]|^\s*\S*=/;

function checkExec(exec: PlainObject | undefined, report: ReportOf<'execNoCommand' | 'execOneString' | 'execNotString' | 'wrapInShell'>): void {
  if (!exec) return report('execNoCommand', ['exec'], {}, 'key');
  const command = exec['command'];
  if (!Array.isArray(command) || command.length === 0) {
    return command === undefined || command === null ? report('execNoCommand', ['exec'], {}, 'key') : report('execNoCommand', ['exec', 'command']);
  }
  const bad = command.findIndex((item) => typeof item !== 'string');
  if (bad !== -1) {
    const item: unknown = command[bad];
    const type = item === null ? 'null' : Array.isArray(item) ? 'list' : typeof item === 'object' ? 'map' : typeof item;
    return report('execNotString', ['exec', 'command', bad], { value: show(item), type });
  }
  const only = command[0] as string;
  if (command.length !== 1 || !/\s/.test(only.trim())) return;
  const path = ['exec', 'command'];
  // Plain words: split them, as the author meant. Shell syntax: a shell must read it, which is a human's call.
  const remedy: Remedy = SHELL_SYNTAX.test(only)
    ? { suggest: [{ messageId: 'wrapInShell', fix: [{ op: 'set', path, value: ['sh', '-c', only] }] }] }
    : { fix: [{ op: 'set', path, value: only.trim().split(/\s+/) }] };
  report('execOneString', [...path, 0], { command: truncate(only.trim()) }, undefined, remedy);
}

function checkHttpGet(httpGet: PlainObject | undefined, container: PlainObject, report: ReportOf<'httpNoPort' | 'httpBadPort' | 'httpUnknownPort'>): void {
  const port = httpGet?.['port'];
  if (port === undefined || port === null) return report('httpNoPort', ['httpGet'], {}, 'key');
  const path = ['httpGet', 'port'];
  if (typeof port === 'number') {
    if (!Number.isInteger(port) || port < 1 || port > 65535) report('httpBadPort', path, { port: show(port) });
    return;
  }
  if (typeof port !== 'string' || !isPortName(port)) return report('httpBadPort', path, { port: show(port) });
  const declared = asArray(container['ports']).map((entry) => asObject(entry)?.['name']);
  if (!declared.includes(port)) report('httpUnknownPort', path, { port });
}

function checkSleep(
  sleep: unknown,
  version: readonly [number, number],
  versionText: string,
  report: ReportOf<'sleepInvalid' | 'sleepZero' | 'sleepNoop'>,
): void {
  const action = asObject(sleep);
  if (!action) return report('sleepInvalid', ['sleep'], { value: show(sleep) });
  const seconds = action['seconds'];
  const missing = seconds === undefined || seconds === null;
  if (!missing && (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0)) {
    return report('sleepInvalid', ['sleep', 'seconds'], { value: show(seconds) });
  }
  // PodLifecycleSleepActionAllowZero (beta, on by default from 1.33) accepts 0. Written out, 0 is a deliberate
  // no-op; a missing `seconds` decodes as 0 too, and is almost surely a mistake.
  if (atLeast(version, 1, 33)) {
    if (missing) report('sleepNoop', ['sleep'], {}, 'key');
  } else if (missing || seconds === 0) {
    const what = missing ? 'has no seconds' : 'has seconds 0';
    report('sleepZero', missing ? ['sleep'] : ['sleep', 'seconds'], { what, version: versionText }, missing ? 'key' : undefined);
  }
}

/** IANA_SVC_NAME, as Kubernetes validates port names: 1-15 of [a-z0-9-], a letter, no leading, trailing or double hyphen. */
function isPortName(value: string): boolean {
  return value.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(value) && /[a-z]/.test(value) && !value.includes('--');
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(truncate(value));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return truncate(JSON.stringify(value) ?? String(value));
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export default rule;
