import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeSelector, parseLabelSelector, selectorMatches, type Selector } from '../../src/model/label-selector.js';

function selector(value: unknown): Selector {
  const result = parseLabelSelector(value);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.selector;
}

describe('selectorMatches (labels.Requirement.Matches)', () => {
  const disk = { usage: 'db', tier: 'gold' };
  it.each([
    ['{} matches everything', {}, {}, true],
    ['matchLabels equal', { matchLabels: { usage: 'db' } }, disk, true],
    ['matchLabels different value', { matchLabels: { usage: 'web' } }, disk, false],
    ['matchLabels missing key', { matchLabels: { zone: 'a' } }, disk, false],
    ['matchLabels and expressions are ANDed', { matchLabels: { usage: 'db' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['silver'] }] }, disk, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['silver', 'gold'] }] }, disk, true],
    ['In, key missing', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, disk, false],
    ['NotIn, value listed', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['gold'] }] }, disk, false],
    ['NotIn, key missing matches', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, disk, true],
    ['Exists', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, disk, true],
    ['Exists, key missing', { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, disk, false],
    ['DoesNotExist, key missing matches', { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, disk, true],
    ['DoesNotExist, key present', { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, disk, false],
    ['an empty label value is a value', { matchLabels: { usage: '' } }, { usage: '' }, true],
  ] as const)('%s', (_name, value, labels, expected) => {
    expect(selectorMatches(selector(value), labels)).toBe(expected);
  });
});

describe('parseLabelSelector: invalid selectors are reported', () => {
  it.each([
    [{ matchExpressions: [{ key: 'a', operator: 'in', values: ['x'] }] }, 'matchExpressions[0].operator "in" is not a valid operator: use In, NotIn, Exists or DoesNotExist'],
    [{ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] }, 'matchExpressions[0].operator "Equals" is not a valid operator: use In, NotIn, Exists or DoesNotExist'],
    [{ matchExpressions: [{ key: 'a', operator: 'In' }] }, 'matchExpressions[0]: operator In needs at least one value'],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: [] }] }, 'matchExpressions[0]: operator NotIn needs at least one value'],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, 'matchExpressions[0]: operator Exists takes no values'],
    [{ matchExpressions: [{ operator: 'Exists' }] }, 'matchExpressions[0].key is required'],
    [{ matchLabels: { 'bad key!': 'x' } }, 'matchLabels: "bad key!" is not a valid label key'],
    [{ matchLabels: { app: 'not valid' } }, 'matchLabels["app"]: "not valid" is not a valid label value'],
    [{ matchLabels: ['app'] }, 'matchLabels must be a mapping of label keys to values'],
    ['usage=db', 'the selector must be a mapping with matchLabels and/or matchExpressions'],
  ])('%j', (value, problem) => {
    expect(parseLabelSelector(value)).toEqual({ ok: false, problems: [problem] });
  });

  it('accepts prefixed keys and null values (decoded as "")', () => {
    expect(selectorMatches(selector({ matchLabels: { 'example.com/disk': null } }), { 'example.com/disk': '' })).toBe(true);
  });

  it('describes a selector for messages', () => {
    expect(describeSelector(selector({ matchLabels: { usage: 'db' }, matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a', 'b'] }, { key: 'x', operator: 'DoesNotExist' }] }))).toBe(
      'usage=db, zone notin (a, b), !x',
    );
  });
});

describe('properties', () => {
  const key = fc.constantFrom('a', 'b', 'c');
  const value = fc.constantFrom('x', 'y', 'z');
  const labels = fc.dictionary(key, value);
  const values = fc.uniqueArray(value, { minLength: 1, maxLength: 3 });

  it('NotIn is the negation of In, DoesNotExist of Exists', () => {
    fc.assert(
      fc.property(labels, key, values, (set, k, vs) => {
        const inSel = selector({ matchExpressions: [{ key: k, operator: 'In', values: vs }] });
        const notIn = selector({ matchExpressions: [{ key: k, operator: 'NotIn', values: vs }] });
        expect(selectorMatches(notIn, set)).toBe(!selectorMatches(inSel, set));
        const exists = selector({ matchExpressions: [{ key: k, operator: 'Exists' }] });
        const missing = selector({ matchExpressions: [{ key: k, operator: 'DoesNotExist' }] });
        expect(selectorMatches(missing, set)).toBe(!selectorMatches(exists, set));
      }),
    );
  });

  it('matchLabels {k: v} is In [v]; requirements are ANDed', () => {
    fc.assert(
      fc.property(labels, fc.dictionary(key, value), (set, wanted) => {
        const asLabels = selectorMatches(selector({ matchLabels: wanted }), set);
        const asExpressions = Object.entries(wanted).every(([k, v]) => selectorMatches(selector({ matchExpressions: [{ key: k, operator: 'In', values: [v] }] }), set));
        expect(asLabels).toBe(asExpressions);
      }),
    );
  });
});
