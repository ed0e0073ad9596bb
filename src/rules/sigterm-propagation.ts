import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import type { Path } from '../engine/types.js';
import { parseScript, programName, shellInvocation, skipPassThrough, type SimpleCommand } from '../model/shell.js';
import { asArray, asObject, asString } from '../model/values.js';

/** Init processes that forward signals to their child: a shell started under one of them is not PID 1. */
const INIT_PROCESSES = new Set([
  'tini',
  'tini-static',
  'docker-init',
  'dumb-init',
  'catatonit',
  'init', // s6-overlay's /init, and /sbin/init
  's6-svscan',
  'runsvdir',
  'runit',
  'my_init',
  'pid1',
]);

/**
 * Programs that are shell plumbing, idling or short-lived utilities rather than a service: a script made only of
 * these (`while true; do date >> f; sleep 10; done`, `tail -f /dev/null`) holds nothing that needs SIGTERM.
 */
const NOT_A_SERVICE = new Set([
  ':', '.', '[', '[[', 'alias', 'awk', 'base64', 'basename', 'break', 'cat', 'cd', 'chgrp', 'chmod', 'chown', 'command',
  'continue', 'cp', 'curl', 'cut', 'date', 'declare', 'df', 'dig', 'dirname', 'du', 'echo', 'envsubst', 'exit', 'export',
  'expr', 'false', 'find', 'getent', 'getopts', 'grep', 'hash', 'head', 'hostname', 'id', 'kill', 'let', 'ln', 'local',
  'ls', 'md5sum', 'mkdir', 'mv', 'nslookup', 'ping', 'printenv', 'printf', 'ps', 'pwd', 'read', 'readonly', 'return', 'rm',
  'sed', 'seq', 'set', 'sha256sum', 'shift', 'sleep', 'sort', 'source', 'stat', 'sync', 'tail', 'tee', 'test', 'touch', 'tr',
  'trap', 'true', 'type', 'typeset', 'ulimit', 'umask', 'uname', 'uniq', 'unset', 'wait', 'wc', 'wget', 'which', 'whoami',
]);

export default defineRule({
  id: 'sigterm-propagation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a service started through `sh -c` to be started with `exec`, so SIGTERM reaches it',
      recommended: 'warn',
      kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'PodTemplate'],
    },
    messages: {
      noExec:
        'Container "{{name}}" starts `{{service}}` via `{{shell}} -c` without exec: the shell gets SIGTERM and `{{service}}` is SIGKILLed later; start it with exec.',
      prefixExec: 'Start the script with `exec`, so `{{service}}` replaces the shell and gets SIGTERM.',
    },
    hasSuggestions: true,
    ...NO_OPTIONS,
  },
  create(context) {
    return {
      Container(container) {
        // Run-to-completion pods and init containers are not stopped with SIGTERM in the normal course of things.
        if (!container.podSpec.longRunning || container.role === 'init') return;
        const value = asObject(container.value);
        if (!value) return;
        const command = value['command'];
        // Without `command`, `args` go to the image's ENTRYPOINT, which may well be an init: nothing to conclude.
        if (!Array.isArray(command) || command.length === 0) return;
        const args = asArray(value['args']);
        const argv: unknown[] = [...command, ...args];

        const first = argv[skipPassThrough(argv, 0)];
        if (typeof first === 'string' && INIT_PROCESSES.has(programName(first))) return;
        const invocation = shellInvocation(argv);
        if (!invocation || invocation.scriptIndex === undefined || invocation.script === undefined) return;

        const service = unforwardedService(invocation.shell, invocation.script);
        if (!service) return;
        const index = invocation.scriptIndex;
        const path: Path = index < command.length ? [...container.path, 'command', index] : [...container.path, 'args', index - command.length];
        const withExec = execPrefixed(invocation.script);
        context.report({
          manifest: container.manifest,
          path,
          messageId: 'noExec',
          data: { name: asString(value['name']) ?? '(unnamed)', shell: invocation.shell, service },
          // A suggestion, not a fix: after exec, nothing the script would have run after the service runs (a trap, a cleanup).
          ...(withExec === undefined ? {} : { suggest: [{ messageId: 'prefixExec', data: { service }, fix: [{ op: 'set', path, value: withExec }] }] }),
        });
      },
    };
  },
});

/**
 * The service a `-c` script starts without handing it PID 1, or undefined when the script is fine or cannot be
 * judged: it execs, traps TERM, only idles, or is a single command that bash execs by itself.
 */
function unforwardedService(shell: string, script: string): string | undefined {
  const parsed = parseScript(script);
  if (!parsed.ok || parsed.commands.length === 0) return undefined;
  const { commands } = parsed;
  if (commands.some(trapsTerm) || commands.some(execs)) return undefined;
  // bash runs a lone simple command given to -c with an implicit exec.
  if (shell === 'bash' && !parsed.multiple && !parsed.compound && !commands[0]!.redirected) return undefined;
  // What runs while the shell waits: the last top-level list (a compound command counts whole) and anything in the background.
  const lastList = commands[commands.length - 1]!.list;
  const candidates = commands.filter((command) => command.list === lastList || command.background);
  const services = candidates.map(serviceName).filter((name): name is string => name !== undefined);
  return services[services.length - 1];
}

/**
 * The script with `exec` before its only command, or undefined when it is more than one simple command or starts
 * with something `exec` cannot precede (an assignment `A=b cmd`, a reserved word).
 */
function execPrefixed(script: string): string | undefined {
  const parsed = parseScript(script);
  if (!parsed.ok || parsed.multiple || parsed.compound || parsed.commands.length !== 1) return undefined;
  const start = script.length - script.trimStart().length;
  const name = parsed.commands[0]!.name;
  return name !== '' && script.startsWith(name, start) ? `${script.slice(0, start)}exec ${script.slice(start)}` : undefined;
}

/** The program a command runs when it is a service (not a builtin or idle utility), else undefined. */
function serviceName(command: SimpleCommand): string | undefined {
  const words = command.words;
  const index = skipPassThrough(words, 0);
  const word = words[index];
  if (word === undefined) return undefined;
  const name = programName(word);
  if (name === '' || NOT_A_SERVICE.has(name)) return undefined;
  return word.length > 60 ? `${word.slice(0, 57)}...` : word;
}

function trapsTerm(command: SimpleCommand): boolean {
  if (command.name !== 'trap') return false;
  const words = command.words.slice(1).filter((word) => word !== '--');
  // trap ACTION SIGNAL...
  return words.slice(1).some((word) => /^(sig)?term$/i.test(word) || word === '15');
}

/** `exec PROGRAM ...` replaces the shell; `exec >log 2>&1` (redirections only) does not. */
function execs(command: SimpleCommand): boolean {
  if (command.name !== 'exec') return false;
  const rest = command.words.slice(1);
  let i = 0;
  while (i < rest.length) {
    const word = rest[i]!;
    if (word === '--') {
      i += 1;
      break;
    }
    if (word === '-a') i += 2;
    else if (/^-[cl]+$/.test(word)) i += 1;
    else break;
  }
  return i < rest.length;
}
