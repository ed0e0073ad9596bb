import { isScalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Path } from '../../src/engine/types.js';
import type { Scalar } from '../../src/fixers/render.js';
import { setScalar } from '../../src/fixers/set-scalar.js';
import { context, expectEdit, nodeAt } from './helpers.js';

function set(path: Path, value: Scalar) {
  return (ctx: ReturnType<typeof context>) => {
    const node = nodeAt(ctx, path);
    if (!isScalar(node)) throw new Error('not a scalar');
    return setScalar(ctx, node, value);
  };
}

// [name, before, path, value, after (null: declined)]
const cases: [string, string, Path, Scalar, string | null][] = [
  ['plain to plain', 'kind: PersistentVolume\nreclaimPolicy: Delete\n', ['reclaimPolicy'], 'Retain', 'kind: PersistentVolume\nreclaimPolicy: Retain\n'],
  ['keeps a trailing comment and its spacing', 'reclaimPolicy: Delete   # was\nx: 1\n', ['reclaimPolicy'], 'Retain', 'reclaimPolicy: Retain   # was\nx: 1\n'],
  ['plain "" is quoted', 'storageClassName: fast\n', ['storageClassName'], '', 'storageClassName: ""\n'],
  ['plain yes is quoted (YAML 1.1 boolean)', 'a: b\n', ['a'], 'yes', 'a: "yes"\n'],
  ['plain y is quoted (go-yaml boolean)', 'a: b\n', ['a'], 'y', 'a: "y"\n'],
  ['plain on is quoted', 'a: b\n', ['a'], 'on', 'a: "on"\n'],
  ['plain 0755 is quoted (YAML 1.1 octal)', 'mode: x\n', ['mode'], '0755', 'mode: "0755"\n'],
  ['plain 0o17 is quoted (go-yaml octal)', 'mode: x\n', ['mode'], '0o17', 'mode: "0o17"\n'],
  ['plain 10Gi stays plain', 'storage: 5Gi\n', ['storage'], '10Gi', 'storage: 10Gi\n'],
  ['plain a: b is quoted', 'a: x\n', ['a'], 'k: v', 'a: "k: v"\n'],
  ['plain with # is quoted', 'a: x\n', ['a'], 'x #y', 'a: "x #y"\n'],
  ['plain multi-line is escaped on one line', 'a: x # c\n', ['a'], 'l1\nl2', 'a: "l1\\nl2" # c\n'],
  ['double stays double', 'name: "web"\n', ['name'], 'api', 'name: "api"\n'],
  ['double escapes', 'name: "web"\n', ['name'], 'say "hi" \\', 'name: "say \\"hi\\" \\\\"\n'],
  ['single stays single', "name: 'web' # c\n", ['name'], 'api', "name: 'api' # c\n"],
  ['single doubles quotes', "name: 'web'\n", ['name'], "it's", "name: 'it''s'\n"],
  ['single keeps a value that needs quotes', "a: 'x'\n", ['a'], 'yes', "a: 'yes'\n"],
  ['single with a line break turns double', "a: 'x'\n", ['a'], 'l1\nl2', 'a: "l1\\nl2"\n'],
  ['a number is plain even where a string was quoted', 'replicas: "3"\n', ['replicas'], 5, 'replicas: 5\n'],
  ['a boolean is plain', "a: 'x'\n", ['a'], false, 'a: false\n'],
  ['null', 'a: x\n', ['a'], null, 'a: null\n'],
  ['a string where a number was', 'port: 80\n', ['port'], 'http', 'port: http\n'],
  ['"true" as a string is quoted', 'a: x\n', ['a'], 'true', 'a: "true"\n'],
  ['~ to a string', 'a: ~\n', ['a'], 'x', 'a: x\n'],
  ['in a flow map', 'labels: {app: web, tier: db}\n', ['labels', 'app'], 'api', 'labels: {app: api, tier: db}\n'],
  ['in a flow map, flow indicators are quoted', 'labels: {app: web, tier: db}\n', ['labels', 'app'], 'a,b', 'labels: {app: "a,b", tier: db}\n'],
  ['in a flow sequence', 'accessModes: [ReadWriteOnce]\n', ['accessModes', 0], 'ReadWriteMany', 'accessModes: [ReadWriteMany]\n'],
  ['in a `- name:` item', 'containers:\n  - name: app\n    image: nginx:1 # pinned\n', ['containers', 0, 'image'], 'nginx:2', 'containers:\n  - name: app\n    image: nginx:2 # pinned\n'],
  ['the first key of an item', 'containers:\n- name: app\n  image: x\n', ['containers', 0, 'name'], 'web', 'containers:\n- name: web\n  image: x\n'],
  ['a sequence item', 'args:\n  - a # first\n  - b\n', ['args', 0], 'c', 'args:\n  - c # first\n  - b\n'],
  [
    'a kind: List item',
    'apiVersion: v1\nkind: List\nitems:\n- kind: PersistentVolume\n  spec:\n    persistentVolumeReclaimPolicy: Delete\n',
    ['items', 0, 'spec', 'persistentVolumeReclaimPolicy'],
    'Retain',
    'apiVersion: v1\nkind: List\nitems:\n- kind: PersistentVolume\n  spec:\n    persistentVolumeReclaimPolicy: Retain\n',
  ],
  ['a block scalar becomes plain', 'script: |\n  echo hi\nnext: 1\n', ['script'], 'echo bye', 'script: echo bye\nnext: 1\n'],
  ['a multi-line plain scalar', 'a: one\n  two\nb: 1\n', ['a'], 'x', 'a: x\nb: 1\n'],
  ['declines an anchored scalar', 'a: &x 1\nb: 2\n', ['a'], 2, null],
  ['declines a tagged scalar', 'a: !!str 1\n', ['a'], '2', null],
  ['declines `key:` with no value (replaceValue writes it)', 'a:\nb: 1\n', ['a'], 'x', null],
  ['keeps the comment of a block scalar\'s header', 'a: |-  # note\n  x\n  y\nb: 1\n', ['a'], 'z', 'a: z  # note\nb: 1\n'],
];

describe('setScalar', () => {
  it.each(cases)('%s', (_name, before, path, value, after) => expectEdit(before, after, set(path, value)));

  it('edits only the scalar', () => {
    const ctx = context('a: "x" # c\n');
    const node = nodeAt(ctx, ['a']);
    expect(isScalar(node) && setScalar(ctx, node, 'y')).toEqual({ range: [3, 6], text: '"y"' });
  });
});
