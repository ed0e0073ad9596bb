import { describe, expect, it } from 'vitest';
import type { Path } from '../../src/engine/types.js';
import { insertPair, insertPairs } from '../../src/fixers/insert-pair.js';
import { context, expectEdit, mapAt } from './helpers.js';

// [name, before, map path, key, value, after (null: declined)]
const cases: [string, string, Path, string, unknown, string | null][] = [
  ['at the end of the root map', 'a: 1\nb: 2\n', [], 'c', 3, 'a: 1\nb: 2\nc: 3\n'],
  ['indented like its siblings', 'spec:\n  accessModes: [ReadWriteOnce]\nnext: 1\n', ['spec'], 'storageClassName', 'fast', 'spec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: fast\nnext: 1\n'],
  ['four-space indentation', 'spec:\n    a: 1\n', ['spec'], 'b', 2, 'spec:\n    a: 1\n    b: 2\n'],
  ['after a trailing comment on the last entry', 'spec:\n  a: 1 # note\nnext: x\n', ['spec'], 'b', 2, 'spec:\n  a: 1 # note\n  b: 2\nnext: x\n'],
  [
    'before comment lines that belong to the next key',
    'metadata:\n  name: x\n# the spec\nspec: {}\n',
    ['metadata'],
    'namespace',
    'ns',
    'metadata:\n  name: x\n  namespace: ns\n# the spec\nspec: {}\n',
  ],
  [
    'before a comment line at the entries\' indentation',
    'metadata:\n  name: x\n  # labels: {}\nspec: {}\n',
    ['metadata'],
    'namespace',
    'ns',
    'metadata:\n  name: x\n  namespace: ns\n  # labels: {}\nspec: {}\n',
  ],
  [
    'after comment lines nested under the last entry',
    'metadata:\n  labels:\n    a: b\n    # more labels here\nspec: {}\n',
    ['metadata'],
    'name',
    'x',
    'metadata:\n  labels:\n    a: b\n    # more labels here\n  name: x\nspec: {}\n',
  ],
  ['before a blank line', 'a:\n  b: 1\n\nc: 2\n', ['a'], 'x', 'z', 'a:\n  b: 1\n  x: z\n\nc: 2\n'],
  ['comment lines between keys stay', 'a: 1\n# about b\nb: 2\n', [], 'c', 3, 'a: 1\n# about b\nb: 2\nc: 3\n'],
  ['after `key:` with no value', 'a: 1\nb:\n', [], 'c', 3, 'a: 1\nb:\nc: 3\n'],
  ['after a block scalar', 'a: |\n  line\nb: 1\n', [], 'c', 3, 'a: |\n  line\nb: 1\nc: 3\n'],
  ['after a block scalar that ends the map', 'm:\n  a: |\n    line\nb: 1\n', ['m'], 'c', 3, 'm:\n  a: |\n    line\n  c: 3\nb: 1\n'],
  [
    'in a `- name:` item',
    'containers:\n  - name: app\n    image: nginx\n  - name: sidecar\n',
    ['containers', 0],
    'imagePullPolicy',
    'Always',
    'containers:\n  - name: app\n    image: nginx\n    imagePullPolicy: Always\n  - name: sidecar\n',
  ],
  [
    'in a one-key `- name:` item',
    'containers:\n- name: app\n- name: sidecar\n',
    ['containers', 0],
    'image',
    'x',
    'containers:\n- name: app\n  image: x\n- name: sidecar\n',
  ],
  [
    'a nested map, laid out like the file (indented sequences)',
    'containers:\n  - name: app\n    args:\n      - run\n',
    ['containers', 0],
    'lifecycle',
    { preStop: { exec: { command: ['sh', '-c', 'sleep 5'] } } },
    'containers:\n  - name: app\n    args:\n      - run\n    lifecycle:\n      preStop:\n        exec:\n          command:\n            - sh\n            - -c\n            - sleep 5\n',
  ],
  [
    'a nested map, laid out like the file (sequences not indented)',
    'spec:\n  containers:\n  - name: app\n',
    ['spec', 'containers', 0],
    'ports',
    [{ containerPort: 80, name: 'http' }],
    'spec:\n  containers:\n  - name: app\n    ports:\n    - containerPort: 80\n      name: http\n',
  ],
  ['a new map under an existing key', 'metadata:\n  name: x\n', ['metadata'], 'labels', { app: 'web' }, 'metadata:\n  name: x\n  labels:\n    app: web\n'],
  ['four-space indentation for the new map', 'metadata:\n    name: x\n', ['metadata'], 'labels', { app: 'web' }, 'metadata:\n    name: x\n    labels:\n        app: web\n'],
  ['empty collections', 'a: 1\n', [], 'b', { c: {}, d: [] }, 'a: 1\nb:\n  c: {}\n  d: []\n'],
  ['a key that needs quotes', 'a: 1\n', [], 'yes', 1, 'a: 1\n"yes": 1\n'],
  ['a value that needs quotes', 'a: 1\n', [], 'b', 'on', 'a: 1\nb: "on"\n'],
  ['a multi-line value as a literal block', 'a: 1\n', [], 'script', 'echo a\necho b\n', 'a: 1\nscript: |\n  echo a\n  echo b\n'],
  ['a multi-line value without a final line break', 'a: 1\n', [], 'script', 'echo a\necho b', 'a: 1\nscript: |-\n  echo a\n  echo b\n'],
  ['a multi-line value starting with spaces is escaped', 'a: 1\n', [], 's', '  x\ny', 'a: 1\ns: "  x\\ny"\n'],
  [
    'a kind: List item',
    'apiVersion: v1\nkind: List\nitems:\n- kind: PersistentVolumeClaim\n  spec:\n    resources: {}\n',
    ['items', 0, 'spec'],
    'storageClassName',
    'fast',
    'apiVersion: v1\nkind: List\nitems:\n- kind: PersistentVolumeClaim\n  spec:\n    resources: {}\n    storageClassName: fast\n',
  ],
  ['a flow map', 'labels: {app: web}\n', ['labels'], 'tier', 'db', 'labels: {app: web, tier: db}\n'],
  ['a flow map with spaces', 'labels: { app: web }\n', ['labels'], 'tier', 'db', 'labels: { app: web, tier: db }\n'],
  ['a flow map keeps its separator', 'labels: {app: web ,  x: y}\n', ['labels'], 'tier', 'db', 'labels: {app: web ,  x: y ,  tier: db}\n'],
  ['a flow map over lines', 'labels: {\n  app: web,\n  x: y\n}\n', ['labels'], 'tier', 'db', 'labels: {\n  app: web,\n  x: y,\n  tier: db\n}\n'],
  ['a flow map gets a flow value', 'a: {b: 1}\n', ['a'], 'c', { d: [1, 'x y'] }, 'a: {b: 1, c: {d: [1, x y]}}\n'],
  ['a flow value that needs quotes', 'a: {b: 1}\n', ['a'], 'c', 'x, y', 'a: {b: 1, c: "x, y"}\n'],
  ['an empty flow map in a flow sequence', 'a: [{}]\n', ['a', 0], 'c', 3, 'a: [{c: 3}]\n'],
  ['an empty flow map with spaces', 'a: [{ }]\n', ['a', 0], 'c', 3, 'a: [{ c: 3 }]\n'],
  ['declines a flow map with a comment', 'labels: {app: web, # c\n  x: y}\n', ['labels'], 'tier', 'db', null],
  ['declines a key that is there', 'a: 1\nb: 2\n', [], 'b', 3, null],
  ['declines undefined', 'a: 1\n', [], 'b', undefined, null],
  ['declines a class instance', 'a: 1\n', [], 'b', new Date(0), null],
];

describe('insertPair', () => {
  it.each(cases)('%s', (_name, before, path, key, value, after) => expectEdit(before, after, (ctx) => insertPair(ctx, mapAt(ctx, path), key, value)));

  it('inserts at the end of the last entry\'s line', () => {
    const ctx = context('a:\n  b: 1 # c\nd: 2');
    expect(insertPair(ctx, mapAt(ctx, ['a']), 'x', 'z')).toEqual({ range: [13, 13], text: '\n  x: z' });
  });
});

describe('insertPairs', () => {
  it('adds the keys in the order given, each as insertPair would, in one edit', () => {
    expectEdit('spec:\n  a: 1 # note\nnext: x\n', 'spec:\n  a: 1 # note\n  csi:\n    driver: d\n  "12": b\nnext: x\n', (ctx) =>
      insertPairs(ctx, mapAt(ctx, ['spec']), [
        ['csi', { driver: 'd' }],
        ['12', 'b'],
      ]),
    );
  });

  it('declines a key already there, a key given twice and a flow map', () => {
    const ctx = context('spec:\n  a: 1\nflow: {a: 1}\n');
    expect(insertPairs(ctx, mapAt(ctx, ['spec']), [['b', 1], ['a', 2]])).toBeNull();
    expect(insertPairs(ctx, mapAt(ctx, ['spec']), [['b', 1], ['b', 2]])).toBeNull();
    expect(insertPairs(ctx, mapAt(ctx, ['flow']), [['b', 1], ['c', 2]])).toBeNull();
  });
});
