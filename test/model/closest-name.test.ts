import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from '../../src/model/closest-name.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'data', 4],
    ['data', 'data', 0],
    ['data', 'date', 1], // substitution
    ['data', 'dta', 1], // deletion
    ['data', 'datas', 1], // insertion
    ['data', 'dtaa', 1], // adjacent swap counts once
    ['config', 'cnofig', 1],
    ['www', 'html', 4],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3], // optimal string alignment, not unrestricted Damerau (which gives 2)
  ])('%j to %j is %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
  });

  const name = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', '0'), maxLength: 12 });

  it('is a symmetric measure that is zero exactly for equal names', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        const d = editDistance(a, b);
        expect(d).toBe(editDistance(b, a));
        expect(d === 0).toBe(a === b);
      }),
    );
  });

  it('lies between the length difference and the longer length', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        const d = editDistance(a, b);
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });

  it('counts one edit as one', () => {
    fc.assert(
      fc.property(name, fc.nat(), fc.constantFrom('x', 'y'), (a, at, c) => {
        const i = a.length === 0 ? 0 : at % a.length;
        expect(editDistance(a, a.slice(0, i) + c + a.slice(i))).toBe(1); // insertion of a character not in the alphabet
        if (a.length > 0) expect(editDistance(a, a.slice(0, i) + c + a.slice(i + 1))).toBe(1); // substitution
        if (a.length > 0) expect(editDistance(a, a.slice(0, i) + a.slice(i + 1))).toBe(1); // deletion
      }),
    );
  });
});

describe('closestName', () => {
  it('suggests the nearest candidate within a third of the name', () => {
    expect(closestName('dta', ['config', 'data', 'logs'])).toBe('data');
    expect(closestName('mysql-persistent-storage', ['mysql-persistant-storage', 'tmp'])).toBe('mysql-persistant-storage');
    expect(closestName('www', ['html', 'data'])).toBeUndefined();
    expect(closestName('a', ['b'])).toBe('b'); // one edit is always in reach
    expect(closestName('data', [])).toBeUndefined();
  });

  it('prefers the nearer of two candidates, and the first of equals', () => {
    expect(closestName('datas', ['data-1', 'data'])).toBe('data');
    expect(closestName('dat', ['date', 'data'])).toBe('date');
  });

  it('never suggests the name itself', () => {
    expect(closestName('data', ['data'])).toBeUndefined();
  });
});
