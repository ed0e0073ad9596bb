import { describe, it } from 'vitest';
import type { Path } from '../../src/engine/types.js';
import { renameKey } from '../../src/fixers/rename-key.js';
import { context, expectEdit, found } from './helpers.js';
import { isMap } from 'yaml';

function rename(path: Path, key: string) {
  return (ctx: ReturnType<typeof context>) => {
    const at = found(ctx, path);
    return isMap(at.parent) ? renameKey(at.parent, at.index, key) : null;
  };
}

// [name, before, path of the entry, new key, after (null: declined)]
const cases: [string, string, Path, string, string | null][] = [
  ['a plain key', 'metadata:\n  name: x # n\n', ['metadata', 'name'], 'generateName', 'metadata:\n  generateName: x # n\n'],
  ['a key with dots and slashes', 'annotations:\n  volume.beta.kubernetes.io/storage-class: fast\n', ['annotations', 'volume.beta.kubernetes.io/storage-class'], 'example.com/class', 'annotations:\n  example.com/class: fast\n'],
  ['a double-quoted key stays double-quoted', '"a": 1\n', ['a'], 'b', '"b": 1\n'],
  ["a single-quoted key stays single-quoted", "'a': 1\n", ['a'], 'b', "'b': 1\n"],
  ['a plain key that needs quotes', 'a: 1\n', ['a'], 'yes', '"yes": 1\n'],
  ['a plain key with `: `', 'a: 1\n', ['a'], 'k: v', '"k: v": 1\n'],
  ['a key with no value', 'a:\nb: 1\n', ['a'], 'c', 'c:\nb: 1\n'],
  ['a key of a map value', 'a:\n  x: 1\n', ['a'], 'b', 'b:\n  x: 1\n'],
  ['the first key of a `- name:` item', 'c:\n- name: a\n  image: b\n', ['c', 0, 'name'], 'id', 'c:\n- id: a\n  image: b\n'],
  ['a key in a flow map', 'm: {a: 1, b: 2}\n', ['m', 'a'], 'c', 'm: {c: 1, b: 2}\n'],
  ['a flow key that needs quotes', 'm: {a: 1}\n', ['m', 'a'], 'x,y', 'm: {"x,y": 1}\n'],
  ['a kind: List item\'s key', 'kind: List\nitems:\n- kind: A\n  specc: {}\n', ['items', 0, 'specc'], 'spec', 'kind: List\nitems:\n- kind: A\n  spec: {}\n'],
  ['declines a key that is there', 'a: 1\nb: 2\n', ['a'], 'b', null],
  ['declines a key with an anchor', 'x: 0\n&k a: 1\n', ['a'], 'b', null],
];

describe('renameKey', () => {
  it.each(cases)('%s', (_name, before, path, key, after) => expectEdit(before, after, rename(path, key)));
});
