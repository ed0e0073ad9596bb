import { selectorMatches, type Requirement, type Selector } from '../model/label-selector.js';
import type { ObjectSet, VolumeObject } from './objects.js';
import { pushTo } from '../model/multimap.js';

/**
 * The volumes a claim's selector picks, found through a label index: a large set has thousands of volumes and most
 * selectors name one `key=value`, so testing every volume against every claim's selector was the binding model's
 * largest cost. Only volumes the API server accepts are considered (the others never exist in the target).
 */
export function volumesSelectedBy(selector: Selector, objects: ObjectSet): ReadonlySet<VolumeObject> {
  const index = labelIndex(objects);
  let selected = index.bySelector.get(selector);
  if (!selected) {
    const positive = selector.requirements.find(({ operator }) => operator === 'Equals' || operator === 'In');
    const candidates = positive ? withLabel(index, positive) : index.existing;
    selected = new Set(candidates.filter((volume) => selectorMatches(selector, volume.labels)));
    index.bySelector.set(selector, selected);
  }
  return selected;
}

interface LabelIndex {
  /** Volumes the API server accepts, in manifest order. */
  existing: VolumeObject[];
  position: Map<VolumeObject, number>;
  /** label key → value → volumes carrying it, in manifest order. */
  byLabel: Map<string, Map<string, VolumeObject[]>>;
  /** Claims of one StatefulSet template share their Selector: each is resolved once. */
  bySelector: WeakMap<Selector, ReadonlySet<VolumeObject>>;
}

const INDEXES = new WeakMap<ObjectSet, LabelIndex>();

function labelIndex(objects: ObjectSet): LabelIndex {
  const cached = INDEXES.get(objects);
  if (cached) return cached;
  const existing = objects.volumes.filter((volume) => !volume.rejected);
  const byLabel = new Map<string, Map<string, VolumeObject[]>>();
  for (const volume of existing) {
    for (const [key, value] of Object.entries(volume.labels)) {
      let values = byLabel.get(key);
      if (!values) byLabel.set(key, (values = new Map()));
      pushTo(values, value, volume);
    }
  }
  const index = { existing, position: new Map(existing.map((volume, i) => [volume, i])), byLabel, bySelector: new WeakMap() };
  INDEXES.set(objects, index);
  return index;
}

/** Volumes whose label `key` has one of the requirement's values, in manifest order (a volume has one value per key). */
function withLabel(index: LabelIndex, { key, values }: Requirement): VolumeObject[] {
  const byValue = index.byLabel.get(key);
  if (!byValue) return [];
  const lists = [...new Set(values)].flatMap((value) => byValue.get(value) ?? []);
  return values.length > 1 ? lists.sort((a, b) => index.position.get(a)! - index.position.get(b)!) : lists;
}
