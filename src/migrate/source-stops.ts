import { podSpecValueOf } from '../model/kinds.js';
import { asArray, asObject, asString, type PlainObject } from '../model/values.js';
import { sameNamespace } from './claims.js';
import { nameOf, namespaceOf } from './clean.js';
import type { Pairing } from './pairing.js';

/** How to stop one source workload that writes to a migrated disk; `command` is empty where kubectl has no stop. */
export interface SourceStop {
  workload: string;
  command: string;
}

/** Kinds with a scale subresource: scaling to 0 stops their pods and keeps the object (and its claims). */
const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/**
 * The source workloads that mount a claim whose disk moves, with the command that stops them: each disk must be
 * detached in the source before the target attaches it (a disk attaches to one node, and two writers corrupt it).
 * Commands run in the source cluster, so they use the source namespace.
 */
export function sourceStops(objects: readonly PlainObject[], moved: readonly Pairing[]): SourceStop[] {
  const stops: SourceStop[] = [];
  for (const workload of objects) {
    const kind = String(workload['kind']);
    const podSpec = podSpecValueOf(workload);
    if (!podSpec || !writesAMovedDisk(workload, podSpec, moved)) continue;
    const namespace = namespaceOf(workload);
    const target = `${kind.toLowerCase()}/${nameOf(workload)}${namespace ? ` -n ${namespace}` : ''}`;
    stops.push({ workload: `${kind} ${namespace ? `${namespace}/` : ''}${nameOf(workload)}`, command: stopCommand(kind, target) });
  }
  return stops;
}

function stopCommand(kind: string, target: string): string {
  if (SCALABLE.has(kind)) return `kubectl scale ${target} --replicas=0`;
  // A suspended CronJob starts no new Job; a Job already running is listed on its own if the input has it.
  if (kind === 'CronJob') return `kubectl patch ${target} -p '{"spec":{"suspend":true}}'`;
  return '';
}

function writesAMovedDisk(workload: PlainObject, podSpec: PlainObject, moved: readonly Pairing[]): boolean {
  const namespace = namespaceOf(workload);
  const claimNames = new Set(
    asArray(podSpec['volumes']).flatMap((volume) => {
      const name = asString(asObject(asObject(volume)?.['persistentVolumeClaim'])?.['claimName']);
      return name ? [name] : [];
    }),
  );
  return moved.some(({ claim }) =>
    sameNamespace(claim.namespace, namespace)
    && (claimNames.has(claim.name) || (workload['kind'] === 'StatefulSet' && claim.replica?.statefulSet === nameOf(workload))));
}
