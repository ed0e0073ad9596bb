import { expect, it } from 'vitest';
import { detachedCopy } from '../../src/engine/kept-values.js';
import { parseYaml } from '../../src/parse/parse-yaml.js';

it('copies a parsed value to an equal one that shares no object with it', () => {
  const value = parseYaml('kind: PersistentVolume\nmetadata:\n  name: a-rather-long-volume-name\nspec:\n  accessModes: [ReadWriteOnce]\n  x: [1, -0, .inf, .nan, null, true]\n').documents[0]!.value as Record<string, unknown>;
  const copy = detachedCopy(value);
  expect(copy).toEqual(value);
  expect(Object.is((copy['spec'] as { x: unknown[] }).x[1], -0)).toBe(true);
  expect(copy['metadata']).not.toBe(value['metadata']);
  expect((copy['spec'] as { accessModes: unknown }).accessModes).not.toBe((value['spec'] as { accessModes: unknown }).accessModes);
});

it('keeps shared nodes (aliases) shared, so a document full of aliases is not multiplied', () => {
  const leaf = { name: 'x' };
  let level: unknown = leaf;
  for (let depth = 0; depth < 40; depth++) level = [level, level];
  const copy = detachedCopy({ top: level }) as { top: [unknown, unknown] };
  expect(copy.top[0]).toBe(copy.top[1]);
});

it('keeps a __proto__ key a key, and a null-prototype mapping without a prototype', () => {
  const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
  const copy = detachedCopy(value);
  expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
  expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  const bare = Object.assign(Object.create(null) as object, { a: 'b' });
  expect(Object.getPrototypeOf(detachedCopy(bare))).toBeNull();
});

it('copies strings exactly, lone surrogates included', () => {
  const strings = ['short', 'a string of some length', '\ud800 lone high surrogate, long enough', 'é and ☃ and 😀 in a long string'];
  expect(detachedCopy(strings)).toEqual(strings);
});
