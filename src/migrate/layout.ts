import { asObject, asString, type PlainObject } from '../model/values.js';

/** Directories in apply order: what a later object needs exists first (namespaces, then volumes, then their claims, ...). */
const GROUPS: readonly { dir: string; kinds: readonly string[] | 'rest' }[] = [
  { dir: '00-namespaces', kinds: ['Namespace'] },
  { dir: '01-persistentvolumes', kinds: ['PersistentVolume'] },
  { dir: '02-persistentvolumeclaims', kinds: ['PersistentVolumeClaim'] },
  { dir: '03-config', kinds: 'rest' },
  { dir: '04-workloads', kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Pod'] },
  { dir: '05-services', kinds: ['Service', 'Ingress'] },
];

export function groupOf(kind: string): string {
  const group = GROUPS.find((candidate) => candidate.kinds !== 'rest' && candidate.kinds.includes(kind)) ?? GROUPS.find((candidate) => candidate.kinds === 'rest')!;
  return group.dir;
}

export function groupOrder(dir: string): number {
  return GROUPS.findIndex((group) => group.dir === dir);
}

/**
 * A file name from kind, namespace and name that stays inside its directory whatever the names hold: every character
 * outside `[A-Za-z0-9.-]` becomes `-`, and the parts are joined with `_` after the kind, so no part can be `..` or hold a `/`.
 */
export function fileNameFor(value: PlainObject): string {
  const metadata = asObject(value['metadata']) ?? {};
  const parts = [String(value['kind']).toLowerCase(), asString(metadata['namespace']), asString(metadata['name']) ?? 'unnamed'];
  const name = parts
    .filter((part): part is string => part !== undefined && part !== '')
    .map((part) => part.replace(/[^A-Za-z0-9.-]/g, '-'))
    .join('_');
  return `${name.slice(0, 200)}.yaml`;
}

/** Relative paths for the objects, in apply order; names that collide get `-2`, `-3`, ... */
export function layout(values: readonly PlainObject[]): { path: string; value: PlainObject }[] {
  const placed = values.map((value) => ({ dir: groupOf(String(value['kind'])), file: fileNameFor(value), value }));
  placed.sort((a, b) => groupOrder(a.dir) - groupOrder(b.dir) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const used = new Set<string>();
  return placed.map(({ dir, file, value }) => {
    let path = `${dir}/${file}`;
    for (let n = 2; used.has(path); n++) path = `${dir}/${file.replace(/\.yaml$/, `-${n}.yaml`)}`;
    used.add(path);
    return { path, value };
  });
}
