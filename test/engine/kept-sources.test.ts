import { describe, expect, it } from 'vitest';
import { reparsedSources } from '../../src/engine/kept-sources.js';
import { loadSourceFile } from '../../src/engine/lint-file.js';

const TEXT = `apiVersion: v1
kind: ConfigMap
metadata: {name: first}
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: PersistentVolume
    metadata:
      name: disk
`;

describe('reparsedSources', () => {
  const parsed = loadSourceFile('a.yaml', TEXT);
  const original = (docIndex: number) => parsed.manifests.find((manifest) => manifest.docIndex === docIndex)!.source;

  it('answers as the original parse, for a document and a List item, also after the parse was released', () => {
    const kept = reparsedSources('a.yaml', TEXT, 'fast');
    const item = kept.sourceOf(1, ['items', 0]);
    const disk = TEXT.indexOf('disk');
    expect(item.range(['items', 0, 'metadata', 'name'])).toEqual([disk, disk + 4]);
    expect(item.position(disk)).toEqual({ line: 11, column: 13 });
    kept.release();
    expect(item.range(['items', 0, 'metadata', 'name'])).toEqual(original(1).range(['items', 0, 'metadata', 'name']));
    const first = kept.sourceOf(0, []);
    expect(first.keyRange(['metadata', 'name'])).toEqual(original(0).keyRange(['metadata', 'name']));
    expect(first.nearest(['metadata', 'name', 'missing'])).toEqual(original(0).nearest(['metadata', 'name', 'missing']));
  });

  it('names the document it cannot find again', () => {
    expect(() => reparsedSources('a.yaml', TEXT, 'fast').sourceOf(5, []).range([])).toThrow('document 6 is missing when its file is parsed again');
  });
});
