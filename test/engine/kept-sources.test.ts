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

  it('parses only the document again when its range is known, with the same answers as the original parse', () => {
    // Two documents between one pair of `---` lines (split by `...`), a List, and CRLF line breaks.
    const text = `# head\r\n${TEXT.replace('---', 'x: 1\n...\napiVersion: v1\nkind: Secret\nmetadata:\n  name: mid\n---')}`;
    const file = loadSourceFile('b.yaml', text);
    const kept = reparsedSources('b.yaml', text, 'fast');
    for (const manifest of file.manifests) {
      const again = kept.sourceOf(manifest.docIndex, manifest.base, manifest.source.range([]));
      for (const path of [[...manifest.base, 'metadata', 'name'], [...manifest.base, 'kind'], [...manifest.base, 'metadata', 'missing']]) {
        expect(again.range(path)).toEqual(manifest.source.range(path));
        expect(again.keyRange(path)).toEqual(manifest.source.keyRange(path));
        expect(again.nearest(path)).toEqual(manifest.source.nearest(path));
        const [start, end] = manifest.source.nearest(path);
        expect([again.position(start), again.position(end)]).toEqual([manifest.source.position(start), manifest.source.position(end)]);
      }
      expect(again.position(0)).toEqual({ line: 1, column: 1 });
      expect(again.position(text.length)).toEqual(manifest.source.position(text.length));
    }
    expect(file.manifests.map((manifest) => manifest.value.metadata?.name)).toEqual(['first', 'mid', 'disk']);
  });

  it('falls back to the whole file when the document is not where it was', () => {
    const kept = reparsedSources('a.yaml', TEXT, 'fast');
    expect(kept.sourceOf(1, ['items', 0], [1, 2]).range(['items', 0, 'metadata', 'name'])).toEqual(original(1).range(['items', 0, 'metadata', 'name']));
  });
});
