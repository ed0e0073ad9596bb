import { describe, expect, it } from 'vitest';
import type { Path } from '../../src/engine/types.js';
import { removeEntry } from '../../src/fixers/remove-entry.js';
import { applied, context, expectEdit, found } from './helpers.js';

function remove(path: Path) {
  return (ctx: ReturnType<typeof context>) => {
    const at = found(ctx, path);
    return at.parent && removeEntry(ctx, at.parent, at.index);
  };
}

// [name, before, path of the entry, after (null: declined)]
const cases: [string, string, Path, string | null][] = [
  ['a key in the middle', 'a: 1\nb: 2\nc: 3\n', ['b'], 'a: 1\nc: 3\n'],
  ['the last key', 'a: 1\nb: 2\n', ['b'], 'a: 1\n'],
  ['the first key', 'a: 1\nb: 2\n', ['a'], 'b: 2\n'],
  ['keeps the comment above', 'a: 1\n# about b\nb: 2\nc: 3\n', ['b'], 'a: 1\n# about b\nc: 3\n'],
  ['keeps the comment on its line', 'a: 1\nb: 2 # why\nc: 3\n', ['b'], 'a: 1\n# why\nc: 3\n'],
  ['keeps a nested comment, indented like the key', 'm:\n  a: 1\n  b: 2   # why\n', ['m', 'b'], 'm:\n  a: 1\n  # why\n'],
  [
    'keeps every comment of a removed map',
    'metadata:\n  annotations: # old ones\n    x: y # note\n    # more\n    z: w\n  name: n\n',
    ['metadata', 'annotations'],
    'metadata:\n  # old ones\n  # note\n  # more\n  name: n\n',
  ],
  [
    'a whole nested map',
    'metadata:\n  name: n\n  annotations:\n    volume.beta.kubernetes.io/storage-class: fast\n    other: x\nspec: {}\n',
    ['metadata', 'annotations'],
    'metadata:\n  name: n\nspec: {}\n',
  ],
  ['a key with no value', 'a:\nb: 1\n', ['a'], 'b: 1\n'],
  ['a block scalar', 'a: |\n  x\n  y\nb: 1\n', ['a'], 'b: 1\n'],
  ['leaves comment lines after it', 'm:\n  a: 1\n# next\nb: 2\n', ['m', 'a'], 'm: {}\n# next\nb: 2\n'],
  ['the last key of a map leaves `{}`', 'metadata:\n  annotations:\n    x: y\n  name: n\n', ['metadata', 'annotations', 'x'], 'metadata:\n  annotations: {}\n  name: n\n'],
  ['`{}` before a comment on the parent key', 'spec: # the spec\n  a: 1\n', ['spec', 'a'], 'spec: {} # the spec\n'],
  ['`{}` with the comment kept', 'spec:\n  a: 1 # one\nb: 2\n', ['spec', 'a'], 'spec: {}\n  # one\nb: 2\n'],
  ['the root\'s last key', 'a: 1\n', ['a'], '{}\n'],
  ['the first key of a `- name:` item', 'containers:\n- name: a\n  image: b\n', ['containers', 0, 'name'], 'containers:\n- image: b\n'],
  [
    'the first key of an item, comments moved above the dash',
    'containers:\n  - name: a # the name\n    # about the image\n    image: b\n',
    ['containers', 0, 'name'],
    'containers:\n  # the name\n  # about the image\n  - image: b\n',
  ],
  ['the only key of an item', 'c:\n- name: a\n- name: b\n', ['c', 0, 'name'], 'c:\n- {}\n- name: b\n'],
  ['the only key of an item, with a comment', 'c:\n- name: a # n\n', ['c', 0, 'name'], 'c:\n- {} # n\n'],
  ['another key of an item', 'c:\n  - name: a\n    image: b\n  - name: x\n', ['c', 0, 'image'], 'c:\n  - name: a\n  - name: x\n'],
  ['a sequence item', 'args:\n  - a\n  - b # bee\n  - c\n', ['args', 1], 'args:\n  - a\n  # bee\n  - c\n'],
  ['a map item', 'c:\n- name: a\n  image: x\n- name: b\n', ['c', 0], 'c:\n- name: b\n'],
  ['the last item leaves `[]`', 'x:\n  - a\ny: 1\n', ['x', 0], 'x: []\ny: 1\n'],
  [
    'a kind: List item\'s key',
    'kind: List\nitems:\n- kind: ConfigMap\n  metadata:\n    name: a\n    namespace: b\n',
    ['items', 0, 'metadata', 'namespace'],
    'kind: List\nitems:\n- kind: ConfigMap\n  metadata:\n    name: a\n',
  ],
  ['a flow map\'s first key', 'm: {a: 1, b: 2, c: 3}\n', ['m', 'a'], 'm: {b: 2, c: 3}\n'],
  ['a flow map\'s middle key', 'm: {a: 1, b: 2, c: 3}\n', ['m', 'b'], 'm: {a: 1, c: 3}\n'],
  ['a flow map\'s last key', 'm: { a: 1, b: 2 }\n', ['m', 'b'], 'm: { a: 1 }\n'],
  ['a flow map\'s only key', 'm: { a: 1 }\n', ['m', 'a'], 'm: {}\n'],
  ['a flow sequence item', 'm: [a, b, c]\n', ['m', 1], 'm: [a, c]\n'],
  ['a flow sequence\'s last item', 'm: [a, b]\n', ['m', 1], 'm: [a]\n'],
  ['declines a flow map with a comment', 'm: {a: 1, # c\n  b: 2}\n', ['m', 'a'], null],
  ['declines a key with an anchor', '&k a: 1\nb: 2\n', ['a'], null],
];

describe('removeEntry', () => {
  it.each(cases)('%s', (_name, before, path, after) => expectEdit(before, after, remove(path)));

  it('keeps a file without a final line break without one', () => {
    for (const text of ['a: 1\n\nb: 2', 'a: 1\r\n\r\n  \r\nb: 2']) {
      const ctx = context(text);
      const at = found(ctx, ['b']);
      expect(applied(text, removeEntry(ctx, at.parent!, at.index))).toBe('a: 1');
    }
  });

  it('declines when lines would move up against a block scalar and become its text', () => {
    for (const text of ['a: |\n  x\nb: 1\n  # c\nd: 2\n', 'a: |+\n  x\nb: 1\n\nd: 2\n', 'a: >\n    x\nb: 1\n\n     # c\n']) {
      const ctx = context(text);
      const at = found(ctx, ['b']);
      expect(removeEntry(ctx, at.parent!, at.index), text).toBeNull();
    }
    expectEdit('a: |\n  x\nb: 1\n# c\n\nd: 2\n', 'a: |\n  x\n# c\n\nd: 2\n', remove(['b']));
  });

  it('declines an index out of range', () => {
    const ctx = context('a: 1\n');
    expect(removeEntry(ctx, found(ctx, ['a']).parent!, 3)).toBeNull();
  });
});
