import { describe, expect, it } from 'vitest';
import { detectLayout, fixContext, locate } from '../../src/fixers/context.js';
import { breakLength, collectComments, lineEnd, lineStart, mergeEdits } from '../../src/fixers/text.js';
import { parseDocuments } from '../../src/fixers/yaml-options.js';

describe('collectComments', () => {
  it('finds comments, and no `#` inside scalars', () => {
    const text = 'a: "x # no" # yes\nb: |\n  # no\nc: d#no\n# yes\n---\n# yes\ne: [1, # yes\n  2]\n';
    const offsets = [...text.matchAll(/# yes/g)].map((match) => match.index);
    expect(collectComments(text)).toEqual(offsets.map((offset) => ({ offset, source: '# yes' })));
  });
  it('finds a comment line before `---` (which yaml\'s CST drops)', () => {
    expect(collectComments("a: # 1\n# 2\n# 3\n---\nb: 1\n")!.map((c) => c.source)).toEqual(['# 1', '# 2', '# 3']);
  });
  it('reads a block scalar starting with # at the root as a scalar', () => {
    expect(collectComments('--- |\n#x\n')).toEqual([]);
  });
});

describe('detectLayout', () => {
  const layout = (text: string) => detectLayout(text, parseDocuments(text)[0]!);
  it('finds indentation and sequence indentation', () => {
    expect(layout('a:\n    b:\n    - x\n')).toEqual({ eol: '\n', indent: 4, seqIndent: 0 });
    expect(layout('a:\r\n  - x\r\nb:\r\n  c: 1\r\n')).toEqual({ eol: '\r\n', indent: 2, seqIndent: 2 });
    expect(layout('c:\n- name: a\n  env:\n    - x\n')).toEqual({ eol: '\n', indent: 2, seqIndent: 0 });
  });
  it('falls back on two spaces', () => {
    expect(layout('a: 1\n')).toEqual({ eol: '\n', indent: 2, seqIndent: 2 });
    expect(layout('a:\n    b: 1\n')).toEqual({ eol: '\n', indent: 4, seqIndent: 4 });
  });
});

describe('locate', () => {
  const ctx = fixContext('a:\n  b: [x]\ne:\ns: text\n', 0)!;
  it('finds nodes and the deepest existing one', () => {
    expect(locate(ctx, ['a', 'b', 0])).toMatchObject({ found: { index: 0 } });
    expect(locate(ctx, ['a', 'c', 'd'])).toMatchObject({ depth: 1 });
    expect(locate(ctx, ['e', 'x'])).toMatchObject({ depth: 1 });
  });
  it('declines wrong shapes', () => {
    expect(locate(ctx, ['s', 'x'])).toBeNull();
    expect(locate(ctx, ['a', 0])).toBeNull();
    expect(locate(ctx, ['a', 'b', 'x'])).toBeNull();
    expect(locate(ctx, ['a', 'b', -1])).toBeNull();
  });
});

describe('text helpers', () => {
  it('find lines in LF and CRLF text', () => {
    const text = 'ab\r\ncd\nef';
    expect(lineEnd(text, 0)).toBe(2);
    expect(lineEnd(text, 4)).toBe(6);
    expect(lineEnd(text, 7)).toBe(9);
    expect(lineStart(text, 5)).toBe(4);
    expect([breakLength(text, 2), breakLength(text, 6), breakLength(text, 9)]).toEqual([2, 1, 0]);
  });
  it('merge edits like ESLint', () => {
    expect(mergeEdits('abcdef', [{ range: [4, 5], text: 'X' }, { range: [1, 2], text: 'Y' }])).toEqual({ range: [1, 5], text: 'YcdX' });
    expect(mergeEdits('abcdef', [{ range: [1, 3], text: '' }, { range: [2, 4], text: '' }])).toBeNull();
    expect(mergeEdits('abc', [])).toBeNull();
  });
});

describe('reading', () => {
  it('reads a file as the linter does (YAML 1.1, merge keys, no timestamps)', async () => {
    const { parseYaml } = await import('../../src/parse/parse-yaml.js');
    const text = 'a: yes\nb: 0755\nc: 2024-01-01\nd: 12:30\ne: &x {f: 1}\ng:\n  <<: *x\n  h: y\n---\nkind: List\n';
    const linter = parseYaml(text).documents.map((doc) => doc.value);
    expect(parseDocuments(text).map((doc) => doc.toJS())).toEqual(linter);
    expect(linter[0]).toEqual({ a: true, b: 493, c: '2024-01-01', d: '12:30', e: { f: 1 }, g: { f: 1, h: true } });
  });
});
