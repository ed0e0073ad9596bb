import { NO_OPTIONS, defineRule } from '../engine/rule.js';
import type { Path } from '../engine/types.js';
import { closestName } from '../model/closest-name.js';
import { everyContainerOf } from '../model/kinds.js';
import type { PodSpecPiece } from '../model/pieces.js';
import { asArray, asObject, asString, getIn } from '../model/values.js';

/** How each list of a container refers to pod volumes, for messages. */
const USES = { volumeMounts: (name: string) => `mounts volume "${name}"`, volumeDevices: (name: string) => `uses volume "${name}" as a block device` } as const;

export default defineRule({
  id: 'volume-mount-reference',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every volume a container mounts to exist in its pod (or, for a StatefulSet, in its claim templates), and each mount path to be used once',
      recommended: 'error',
      kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'PodTemplate'],
    },
    hasSuggestions: true,
    messages: {
      notFound: 'Container "{{container}}" {{uses}}, but {{where}}: {{consequence}}; add the volume or fix the name.',
      duplicatePath: 'Container "{{container}}" mounts {{mountPath}} twice (also volume "{{first}}"): {{consequence}}; give each mount its own path.',
      mountedAndDevice: 'Container "{{container}}" mounts volume "{{name}}" and also uses it as a block device: {{consequence}}; use it one way.',
      useVolume: 'Use volume "{{suggestion}}".',
    },
    ...NO_OPTIONS,
  },
  create(context) {
    return {
      PodSpec(podSpec) {
        const known = knownVolumes(podSpec);
        if (!known) return;
        // apps/validation.go ValidatePodTemplateSpecForStatefulSet does not validate the pod spec ("TODO: Add validation
        // for PodSpec"): the StatefulSet is accepted and core ValidateVolumeMounts rejects each pod it creates.
        const statefulSet = podSpec.manifest.value.kind === 'StatefulSet';
        const consequence = statefulSet ? 'the StatefulSet is accepted but none of its pods can be created' : 'the API server rejects it';
        const where = statefulSet ? 'neither the pod nor a volumeClaimTemplate has that name' : 'the pod has no volume of that name';

        for (const { path: containerPath, value: container } of everyContainerOf(podSpec)) {
          const containerName = asString(container['name']) ?? '(unnamed)';
          const report = (path: Path, messageId: 'notFound' | 'duplicatePath' | 'mountedAndDevice', data: Record<string, string>, suggestion?: string) =>
            context.report({
              manifest: podSpec.manifest,
              path,
              messageId,
              data: { container: containerName, consequence, where, ...data },
              ...(suggestion ? { suggest: [{ messageId: 'useVolume' as const, data: { suggestion }, fix: [{ op: 'set' as const, path, value: suggestion }] }] } : {}),
            });

          for (const list of ['volumeMounts', 'volumeDevices'] as const) {
            asArray(container[list]).forEach((entry, entryIndex) => {
              const name = asString(asObject(entry)?.['name']);
              if (!name || known.has(name)) return;
              report([...containerPath, list, entryIndex, 'name'], 'notFound', { uses: USES[list](name), name }, closestName(name, known));
            });
          }

          // core/validation.go ValidateVolumeMounts: "must be unique" (exact strings) and "must not already exist in volumeDevices".
          const devices = new Set(asArray(container['volumeDevices']).map((entry) => asString(asObject(entry)?.['name'])));
          const seenPaths = new Map<string, string>();
          asArray(container['volumeMounts']).forEach((entry, entryIndex) => {
            const mount = asObject(entry);
            const name = asString(mount?.['name']);
            const mountPath = asString(mount?.['mountPath']);
            const entryPath: Path = [...containerPath, 'volumeMounts', entryIndex];
            if (mountPath) {
              const first = seenPaths.get(mountPath);
              if (first !== undefined) report([...entryPath, 'mountPath'], 'duplicatePath', { mountPath, first });
              else seenPaths.set(mountPath, name ?? '(unnamed)');
            }
            if (name && devices.has(name)) report([...entryPath, 'name'], 'mountedAndDevice', { name });
          });
        }
      },
    };
  },
});

/**
 * Names a container may refer to: the pod's volumes and, in a StatefulSet, its claim templates (the controller adds
 * one pod volume per template, `updateStorage`). Undefined when a list has a shape that hides its names.
 */
function knownVolumes(podSpec: PodSpecPiece): Set<string> | undefined {
  const lists: { items: unknown; name: Path }[] = [{ items: podSpec.value.volumes, name: ['name'] }];
  if (podSpec.manifest.value.kind === 'StatefulSet') {
    lists.push({ items: getIn(podSpec.manifest.value, ['spec', 'volumeClaimTemplates']), name: ['metadata', 'name'] });
  }
  const names = new Set<string>();
  for (const { items, name } of lists) {
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) return undefined;
    for (const item of items) {
      const value = asString(getIn(item, name));
      if (value) names.add(value);
    }
  }
  return names;
}
