import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import type { Path } from '../engine/types.js';
import { everyContainerOf } from '../model/kinds.js';
import { programName, shellInvocation, skipPassThrough } from '../model/shell.js';
import { holdsTypographicQuote, isWrapped, typographicQuotes, type ItemKind } from '../model/typographic-quotes.js';
import { asArray, asString, getIn } from '../model/values.js';

/** Interpreters whose code comes in an argument after one of these flags: `python3 -c`, `node -e`, `perl -e`. */
const INTERPRETER = /^(python[0-9.]*|node|nodejs|deno|bun|perl[0-9.]*|ruby|php[0-9.]*)$/;
const CODE_FLAGS = new Set(['-c', '-e', '-E', '-r', '-p', '--eval', '--print']);

/** The argv lists of a container other than command/args: what goes wrong when their program is not found. */
const HOOKS_AND_PROBES: { path: Path; failure: string }[] = [
  { path: ['lifecycle', 'postStart', 'exec', 'command'], failure: 'the postStart hook fails and the container is killed' },
  { path: ['lifecycle', 'preStop', 'exec', 'command'], failure: 'the preStop hook fails and nothing drains before SIGTERM' },
  { path: ['startupProbe', 'exec', 'command'], failure: 'the probe always fails' },
  { path: ['livenessProbe', 'exec', 'command'], failure: 'the probe always fails' },
  { path: ['readinessProbe', 'exec', 'command'], failure: 'the probe always fails' },
];

type MessageId = 'program' | 'argument' | 'script' | 'code';

export default defineRule({
  id: 'command-typographic-quotes',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow typographic quotes (“ ” ‘ ’ „ « »…) in container commands, arguments and exec hooks, as pasted from web pages',
      recommended: 'error',
      kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'PodTemplate'],
    },
    fixable: 'code',
    messages: {
      program: 'Container "{{container}}" runs {{value}} ({{field}}): with the typographic quotes {{quotes}} no such program exists and {{failure}}; remove them.',
      argument: 'Container "{{container}}" passes {{value}} ({{field}}): the typographic quotes {{quotes}} are part of the argument, not quoting; remove them.',
      script: 'Container "{{container}}" runs a {{shell}} script ({{field}}) with the typographic quotes {{quotes}}, which the shell reads as letters, not quoting; use straight quotes.',
      code: 'Container "{{container}}" passes {{program}} code ({{field}}) with the typographic quotes {{quotes}}, which {{program}} does not accept; use straight quotes.',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    return {
      PodSpec(podSpec) {
        for (const container of everyContainerOf(podSpec)) {
          for (const argv of argvListsOf(container.value)) {
            for (const finding of findingsIn(argv)) {
              const path = [...container.path, ...finding.path];
              const data = { ...finding.data, container: asString(container.value['name']) ?? '(unnamed)' };
              const fix = finding.fixed === undefined ? {} : { fix: [{ op: 'set' as const, path, value: finding.fixed }] };
              // One report per pair of quotes, each with the whole corrected item (ESLint applies one, then re-lints).
              for (const within of finding.spans) context.report({ manifest: podSpec.manifest, path, within, messageId: finding.messageId, data, ...fix });
            }
          }
        }
      },
    };
  },
});

/** One argv as the runtime builds it, from one or two lists (`command` then `args`). */
interface Argv {
  parts: { path: Path; items: unknown[] }[];
  /** False when the first item is not the program (`args` alone go to the image's entrypoint). */
  runsProgram: boolean;
  /** What happens when the program is not found, for messages. */
  failure: string;
}

function argvListsOf(container: Record<string, unknown>): Argv[] {
  const command = container['command'];
  const lists: Argv[] = [
    {
      parts: [
        { path: ['command'], items: asArray(command) },
        { path: ['args'], items: asArray(container['args']) },
      ],
      runsProgram: Array.isArray(command) && command.length > 0,
      failure: 'the container cannot start',
    },
  ];
  for (const { path, failure } of HOOKS_AND_PROBES) {
    const items = getIn(container, path);
    if (Array.isArray(items)) lists.push({ parts: [{ path, items }], runsProgram: true, failure });
  }
  return lists;
}

interface Finding {
  /** Path of the item, relative to the container. */
  path: Path;
  messageId: MessageId;
  data: Record<string, string>;
  spans: [number, number][];
  fixed: string | undefined;
}

function findingsIn({ parts, runsProgram, failure }: Argv): Finding[] {
  // Every finding is at a quote: an argv without one (nearly all) needs no parse of its shell script.
  if (!parts.some((part) => part.items.some((item) => typeof item === 'string' && holdsTypographicQuote(item)))) return [];
  const argv = parts.flatMap((part) => part.items);
  const clean = argv.map(unwrap);
  const kinds = itemKinds(clean);
  const programIndex = runsProgram ? skipPassThrough(clean, 0) : -1;
  const program = clean[programIndex];
  const findings: Finding[] = [];
  let offset = 0;
  for (const part of parts) {
    part.items.forEach((value, itemIndex) => {
      const at = offset + itemIndex;
      if (typeof value !== 'string') return;
      const kind = kinds.get(at) ?? 'argument';
      const found = typographicQuotes(value, kind);
      if (!found) return;
      const path = [...part.path, itemIndex];
      findings.push({
        path,
        messageId: kind === 'argument' ? (at === programIndex ? 'program' : 'argument') : kind,
        data: {
          field: path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join('').slice(1),
          value: JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value),
          quotes: found.quotes,
          failure,
          shell: shellInvocation(clean)?.shell ?? 'sh',
          program: typeof program === 'string' ? programName(program) : '',
        },
        spans: found.spans,
        fixed: found.fixed,
      });
    });
    offset += part.items.length;
  }
  return findings;
}

/** An item with its wrapping typographic quotes taken off, to recognise `“sh” “-c” “…”` as a shell invocation. */
function unwrap(item: unknown): unknown {
  return typeof item === 'string' && isWrapped(item) ? item.slice(1, -1) : item;
}

/** Which argv items (wrapping quotes taken off) are a shell script or interpreter code; the others are plain arguments. */
function itemKinds(clean: readonly unknown[]): Map<number, ItemKind> {
  const kinds = new Map<number, ItemKind>();
  const shell = shellInvocation(clean);
  if (shell?.scriptIndex !== undefined) kinds.set(shell.scriptIndex, 'script');
  const programIndex = skipPassThrough(clean, 0);
  const program = clean[programIndex];
  if (typeof program === 'string' && INTERPRETER.test(programName(program))) {
    for (let i = programIndex + 1; i < clean.length - 1; i++) {
      const word = clean[i];
      if (typeof word === 'string' && CODE_FLAGS.has(word)) {
        kinds.set(i + 1, 'code');
        break;
      }
    }
  }
  return kinds;
}
