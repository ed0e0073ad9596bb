import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ObjectSet, VolumeObject } from '../src/binding/objects.js';
import { volumesSelectedBy } from '../src/binding/selected.js';
import { selectorMatches, type Operator, type Selector } from '../src/model/label-selector.js';

// Few keys and values, so selectors and labels often meet.
const key = fc.constantFrom('app', 'tier', 'zone');
const value = fc.constantFrom('a', 'b', 'c', '');
const labels = fc.dictionary(key, value, { maxKeys: 3 });
const requirement = fc.record({
  key,
  operator: fc.constantFrom<Operator>('Equals', 'In', 'NotIn', 'Exists', 'DoesNotExist'),
  values: fc.array(value, { minLength: 1, maxLength: 3 }),
});
const selector = fc.record({ requirements: fc.array(requirement, { maxLength: 3 }) });

function objectSet(volumeLabels: Record<string, string>[], rejected: boolean[]): ObjectSet {
  const volumes = volumeLabels.map((labels, i) => ({ name: `pv-${i}`, labels, rejected: rejected[i] ? 'refused' : undefined }) as VolumeObject);
  return { volumes, claims: [], classes: new Map(), defaultClass: undefined };
}

describe('volumesSelectedBy', () => {
  it('picks exactly the accepted volumes whose labels match, in manifest order', () => {
    fc.assert(
      fc.property(fc.array(labels, { maxLength: 12 }), fc.array(fc.boolean(), { maxLength: 12 }), selector, (volumeLabels, rejected, chosen) => {
        const objects = objectSet(volumeLabels, rejected);
        const expected = objects.volumes.filter((volume) => !volume.rejected && selectorMatches(chosen, volume.labels));
        expect([...volumesSelectedBy(chosen, objects)]).toEqual(expected);
      }),
    );
  });

  it('answers a selector shared by several claims from the first lookup', () => {
    const objects = objectSet([{ app: 'a' }, { app: 'b' }, { app: 'a', tier: 'c' }], []);
    const shared: Selector = { requirements: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] };
    const first = volumesSelectedBy(shared, objects);
    expect([...first].map((volume) => volume.name)).toEqual(['pv-0', 'pv-1', 'pv-2']);
    expect(volumesSelectedBy(shared, objects)).toBe(first);
  });
});
