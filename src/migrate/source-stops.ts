import { podSpecValueOf } from '../model/kinds.js';
import { asArray, asObject, asString, type PlainObject } from '../model/values.js';
import { sameNamespace, type SourceClaim } from './claims.js';
import { nameOf, namespaceOf } from './clean.js';
import type { Pairing } from './pairing.js';
import { pushTo } from '../model/multimap.js';

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
  const movedClaims = new MovedClaims(moved);
  for (const workload of objects) {
    const kind = String(workload['kind']);
    const podSpec = podSpecValueOf(workload);
    if (!podSpec || !writesAMovedDisk(workload, podSpec, movedClaims)) continue;
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

/** The moved claims by name and by the StatefulSet that creates them: thousands of workloads look theirs up. */
class MovedClaims {
  private readonly byName = new Map<string, SourceClaim[]>();
  private readonly byStatefulSet = new Map<string, SourceClaim[]>();

  constructor(moved: readonly Pairing[]) {
    for (const { claim } of moved) {
      pushTo(this.byName, claim.name, claim);
      if (claim.replica) pushTo(this.byStatefulSet, claim.replica.statefulSet, claim);
    }
  }

  named(name: string): readonly SourceClaim[] {
    return this.byName.get(name) ?? [];
  }

  ofStatefulSet(name: string): readonly SourceClaim[] {
    return this.byStatefulSet.get(name) ?? [];
  }
}


function writesAMovedDisk(workload: PlainObject, podSpec: PlainObject, moved: MovedClaims): boolean {
  const namespace = namespaceOf(workload);
  const inNamespace = (claim: SourceClaim) => sameNamespace(claim.namespace, namespace);
  const mounted = asArray(podSpec['volumes']).some((volume) => {
    const name = asString(asObject(asObject(volume)?.['persistentVolumeClaim'])?.['claimName']);
    return !!name && moved.named(name).some(inNamespace);
  });
  return mounted || (workload['kind'] === 'StatefulSet' && moved.ofStatefulSet(nameOf(workload)).some(inNamespace));
}
