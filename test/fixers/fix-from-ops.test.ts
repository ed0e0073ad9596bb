import { describe, expect, it } from 'vitest';
import type { PathOp } from '../../src/engine/types.js';
import { fixForManifest, fixFromOps, overlapping } from '../../src/fixers/index.js';
import { applyFix } from '../../src/fixers/text.js';
import { crlf, expectFix, fixed } from './helpers.js';

const PVC = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data # the claim
  annotations:
    volume.beta.kubernetes.io/storage-class: fast # deprecated
  # the spec
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 10Gi
`;

describe('fixFromOps', () => {
  it('moves an annotation to a field, as deprecated-storage-class-annotation asks', () => {
    expectFix(
      PVC,
      `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data # the claim
  # deprecated
  # the spec
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 10Gi
  storageClassName: fast
`,
      [
        { op: 'remove', path: ['metadata', 'annotations'] },
        { op: 'set', path: ['spec', 'storageClassName'], value: 'fast' },
      ],
    );
  });

  it('merges the edits into one fix that copies the text between them', () => {
    const fix = fixFromOps(PVC, 0, [
      { op: 'set', path: ['metadata', 'name'], value: 'db' },
      { op: 'set', path: ['spec', 'resources', 'requests', 'storage'], value: '20Gi' },
    ])!;
    const first = PVC.indexOf('data #');
    const last = PVC.indexOf('10Gi') + '10Gi'.length;
    expect(fix.range).toEqual([first, last]);
    expect(fix.text).toBe(PVC.slice(first, last).replace('data', 'db').replace('10Gi', '20Gi'));
  });

  it('creates missing maps with the file\'s indentation', () => {
    expectFix('metadata:\n    name: x\n', 'metadata:\n    name: x\n    labels:\n        app: web\n', [{ op: 'set', path: ['metadata', 'labels', 'app'], value: 'web' }]);
    expectFix('kind: PersistentVolumeClaim\n', 'kind: PersistentVolumeClaim\nspec:\n  storageClassName: ""\n', [{ op: 'set', path: ['spec', 'storageClassName'], value: '' }]);
  });

  it('fills `key:` with no value', () => {
    expectFix('metadata:\n  labels:\n  name: x\n', 'metadata:\n  labels:\n    app: web\n  name: x\n', [{ op: 'set', path: ['metadata', 'labels', 'app'], value: 'web' }]);
  });

  it('turns `{}` under a key into a block map', () => {
    expectFix('spec:\n  selector: {}\n', 'spec:\n  selector:\n    matchLabels:\n      app: web\n', [{ op: 'set', path: ['spec', 'selector', 'matchLabels', 'app'], value: 'web' }]);
  });

  it('applies ops on the same new map one after the other', () => {
    expectFix('a: 1\n', 'a: 1\nm:\n  x: 1\n  z: 2\n', [
      { op: 'set', path: ['m', 'x'], value: 1 },
      { op: 'set', path: ['m', 'z'], value: 2 },
    ]);
  });

  it('adds before it removes, so a map does not pass through `{}`', () => {
    expectFix('m:\n  a: 1\nb: 2\n', 'm:\n  c: 3\nb: 2\n', [
      { op: 'remove', path: ['m', 'a'] },
      { op: 'set', path: ['m', 'c'], value: 3 },
    ]);
  });

  it('renames and appends', () => {
    expectFix('spec:\n  accesModes:\n  - ReadWriteOnce\n  args: [a]\n', 'spec:\n  accessModes:\n  - ReadWriteOnce\n  args: [a, b]\n', [
      { op: 'rename', path: ['spec', 'accesModes'], key: 'accessModes' },
      { op: 'append', path: ['spec', 'args'], value: 'b' },
    ]);
    expectFix('args:\n  - a\n', 'args:\n  - a\n  - b\n', [{ op: 'append', path: ['args'], value: 'b' }]);
    expectFix('spec: {}\n', 'spec:\n  args:\n    - b\n', [{ op: 'append', path: ['spec', 'args'], value: 'b' }]);
    expectFix('spec:\n  x: 1\n', 'spec:\n  x: 1\n  args:\n    - b\n', [{ op: 'append', path: ['spec', 'args'], value: 'b' }]);
    expectFix('spec:\n  args: []\n', 'spec:\n  args:\n    - b\n', [{ op: 'append', path: ['spec', 'args'], value: 'b' }]);
  });

  it('edits a kind: List item', () => {
    expectFix(
      'apiVersion: v1\nkind: List\nitems:\n  - kind: PersistentVolume\n    spec:\n      capacity: {storage: 1Gi}\n',
      'apiVersion: v1\nkind: List\nitems:\n  - kind: PersistentVolume\n    spec:\n      capacity: {storage: 1Gi}\n      persistentVolumeReclaimPolicy: Retain\n',
      [{ op: 'set', path: ['items', 0, 'spec', 'persistentVolumeReclaimPolicy'], value: 'Retain' }],
    );
  });

  it('takes a manifest\'s paths for a report (fixForManifest)', () => {
    const text = 'kind: List\nitems:\n- kind: A\n- kind: B\n  spec: {}\n';
    const fix = fixForManifest(text, { docIndex: 0, base: ['items', 1] }, [{ op: 'set', path: ['spec', 'x'], value: 1 }]);
    expect(applyFix(text, fix!)).toBe('kind: List\nitems:\n- kind: A\n- kind: B\n  spec:\n    x: 1\n');
  });

  it('edits only the document asked for, with offsets in the whole file', () => {
    const text = crlf('a: 1\n---\na: 1\n---\na: 1');
    const fix = fixFromOps(text, 1, [{ op: 'set', path: ['a'], value: 2 }])!;
    expect(applyFix(text, fix)).toBe(crlf('a: 1\n---\na: 2\n---\na: 1'));
    expect(fix.range).toEqual([14, 15]);
  });

  it('edits next to anchors and aliases it does not go through', () => {
    expectFix('a: &x 1\nb: *x\nc: 2\n', 'a: &x 1\nb: *x\nc: 3\n', [{ op: 'set', path: ['c'], value: 3 }]);
    expectFix('a: &x {k: 1}\nb: *x\n', 'a: &x {k: 1}\nb: *x\nc: 3\n', [{ op: 'set', path: ['c'], value: 3 }]);
  });

  it('keeps a document end marker, directives and a comment after `---`', () => {
    expectFix('a: 1\n...\n', 'a: 1\nb: 2\n...\n', [{ op: 'set', path: ['b'], value: 2 }]);
    expect(fixed('--- # first\na: 1\n', [{ op: 'set', path: ['b'], value: 2 }])).toBe('--- # first\na: 1\nb: 2\n');
    expect(fixed('%YAML 1.1\n---\na: 1\n', [{ op: 'set', path: ['a'], value: 2 }])).toBe('%YAML 1.1\n---\na: 2\n');
  });

  it('finds each document of a file with markers, directives, an empty document and comments between', () => {
    const text = '# head\na: 1\n# tail\n---\n---\n# c\nb: 2\n...\n%YAML 1.1\n---\nc: 3 # end';
    const edit = (docIndex: number, key: string) => {
      const fix = fixFromOps(text, docIndex, [{ op: 'set', path: [key], value: 9 }]);
      return fix && applyFix(text, fix);
    };
    expect(edit(0, 'a')).toBe(text.replace('a: 1', 'a: 9'));
    expect(edit(1, 'x')).toBeNull(); // the empty document
    expect(edit(2, 'b')).toBe(text.replace('b: 2', 'b: 9'));
    expect(edit(3, 'c')).toBe(text.replace('c: 3', 'c: 9'));
    expect(edit(2, 'n')).toBe(text.replace('b: 2\n', 'b: 2\n"n": 9\n'));
    expect(edit(3, 'd')).toBe(`${text}\nd: 9`);
  });

  it('returns null when nothing changes', () => {
    expect(fixFromOps(PVC, 0, [{ op: 'set', path: ['metadata', 'name'], value: 'data' }])).toBeNull();
    expect(fixFromOps(PVC, 0, [{ op: 'set', path: ['spec', 'resources'], value: { requests: { storage: '10Gi' } } }])).toBeNull();
    expect(fixFromOps(PVC, 0, [{ op: 'rename', path: ['metadata', 'name'], key: 'name' }])).toBeNull();
    expect(fixFromOps(PVC, 0, [])).toBeNull();
  });

  const declined: [string, string, PathOp[]][] = [
    ['overlapping paths', 'a:\n  b: 1\n', [{ op: 'set', path: ['a'], value: {} }, { op: 'set', path: ['a', 'b'], value: 2 }]],
    ['the same path twice', 'a: 1\n', [{ op: 'set', path: ['a'], value: 2 }, { op: 'remove', path: ['a'] }]],
    ['a rename onto a set', 'a: 1\n', [{ op: 'rename', path: ['a'], key: 'b' }, { op: 'set', path: ['b'], value: 2 }]],
    ['removing an item and editing a later one', 's: [a, b, c]\n', [{ op: 'remove', path: ['s', 0] }, { op: 'set', path: ['s', 2], value: 'x' }]],
    ['a path through an alias', 'a: &x {b: 1}\nc: *x\n', [{ op: 'set', path: ['c', 'b'], value: 2 }]],
    ['a value an alias refers to', 'a: &x {b: 1}\nc: *x\n', [{ op: 'set', path: ['a', 'b'], value: 2 }]],
    ['an alias itself', 'a: &x 1\nc: *x\n', [{ op: 'set', path: ['c'], value: 2 }]],
    ['a map with a merge key', 'base: &b {x: 1}\nd:\n  <<: *b\n  e: 2\n', [{ op: 'set', path: ['d', 'e'], value: 3 }]],
    ['a key only a merge key gives', 'base: &b {x: 1}\nd:\n  <<: *b\n', [{ op: 'remove', path: ['d', 'x'] }]],
    ['removing a missing key', 'a: 1\n', [{ op: 'remove', path: ['b'] }]],
    ['renaming a missing key', 'a: 1\n', [{ op: 'rename', path: ['b'], key: 'c' }]],
    ['renaming onto a key that is there', 'a: 1\nb: 2\n', [{ op: 'rename', path: ['a'], key: 'b' }]],
    ['a key under a scalar', 'a: 1\n', [{ op: 'set', path: ['a', 'b'], value: 2 }]],
    ['an index past the end (append adds)', 's: [a]\n', [{ op: 'set', path: ['s', 1], value: 'b' }]],
    ['a string segment on a sequence', 's: [a]\n', [{ op: 'set', path: ['s', 'x'], value: 'b' }]],
    ['appending to a map', 'm: {}\n', [{ op: 'append', path: ['m'], value: 'b' }]],
    ['the root', 'a: 1\n', [{ op: 'set', path: [], value: { b: 1 } }]],
    ['a flow map with a comment', 'm: {a: 1, # c\n  b: 2}\n', [{ op: 'set', path: ['m', 'c'], value: 3 }]],
    ['replacing a value that holds a comment', 'm:\n  # c\n  a: 1\n', [{ op: 'set', path: ['m'], value: 'x' }]],
    ['a value yaml cannot write', 'a: 1\n', [{ op: 'set', path: ['b'], value: () => 1 }]],
    ['removing what an alias refers to', 'a: &x 1\nb: *x\n', [{ op: 'remove', path: ['a'] }]],
    ['a map after an explicit key', '? a\n: 1\n', [{ op: 'set', path: ['b'], value: 2 }]],
    ['replacing a tagged map', 'a: !!map\n  b: 1\n', [{ op: 'set', path: ['a'], value: 2 }]],
  ];

  it.each(declined)('declines %s', (_name, text, ops) => {
    expect(fixFromOps(text, 0, ops)).toBeNull();
  });

  it('declines a document that does not exist or does not parse', () => {
    expect(fixFromOps('a: 1\n', 1, [{ op: 'set', path: ['a'], value: 2 }])).toBeNull();
    expect(fixFromOps('a: 1\na: 2\n', 0, [{ op: 'set', path: ['b'], value: 2 }])).toBeNull();
    expect(fixFromOps('a: [\n', 0, [{ op: 'set', path: ['b'], value: 2 }])).toBeNull();
  });

  it('edits one document of a file whose other document does not parse', () => {
    const fix = fixFromOps('a: 1\n---\nb: [\n', 0, [{ op: 'set', path: ['a'], value: 2 }]);
    expect(fix).toEqual({ range: [3, 4], text: '2' });
  });

  it('tells overlapping ops apart', () => {
    expect(overlapping([{ op: 'set', path: ['a', 'b'], value: 1 }, { op: 'set', path: ['a', 'c'], value: 1 }])).toBe(false);
    expect(overlapping([{ op: 'set', path: ['a', 0], value: 1 }, { op: 'set', path: ['a', 1], value: 1 }])).toBe(false);
    expect(overlapping([{ op: 'remove', path: ['a', 0] }, { op: 'set', path: ['a', 1], value: 1 }])).toBe(true);
    expect(overlapping([{ op: 'rename', path: ['a'], key: 'b' }, { op: 'remove', path: ['b', 'c'] }])).toBe(true);
  });
});
