import { describe, expect, it } from 'vitest';
import { loadSourceFile, type ParserName } from '../../src/engine/lint-file.js';
import { narrowToValueSpan } from '../../src/engine/scalar-span.js';
import { getIn } from '../../src/model/values.js';

/** The text `within` points at, through a real parse of `item: <scalar>` in a manifest. */
function pointedAt(scalarSource: string, within: readonly [number, number], parser: ParserName = 'fast'): string {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  item: ${scalarSource}\n  after: 1\n`;
  const [manifest] = loadSourceFile('x.yaml', text, parser).manifests;
  const path = ['data', 'item'];
  const range = manifest!.source.range(path)!;
  const [start, end] = narrowToValueSpan(text, range, getIn(manifest!.value, path), within);
  return text.slice(start, end);
}

describe('narrowToValueSpan', () => {
  for (const parser of ['fast', 'full'] as const) {
    it(`points inside one-line scalars that show their value verbatim (${parser} parser)`, () => {
      expect(pointedAt('nginx -g “daemon off;”', [9, 22], parser)).toBe('“daemon off;”');
      expect(pointedAt('"nginx -g “daemon off;”"', [9, 22], parser)).toBe('“daemon off;”');
      expect(pointedAt("'nginx -g “daemon off;”'", [9, 22], parser)).toBe('“daemon off;”');
      expect(pointedAt('&anchor “x”', [0, 1], parser)).toBe('“');
      expect(pointedAt('“x”   # comment', [2, 3], parser)).toBe('”');
      expect(pointedAt('ab', [1, 1], parser)).toBe('');
    });

    it(`keeps the whole scalar when offsets would not map one to one (${parser} parser)`, () => {
      expect(pointedAt('"\\u201cx\\u201d"', [0, 1], parser)).toBe('"\\u201cx\\u201d"'); // escapes
      expect(pointedAt("'it''s “x”'", [5, 8], parser)).toBe("'it''s “x”'"); // doubled quote
      expect(pointedAt('“a\n    b”', [0, 1], parser)).toBe('“a\n    b”'); // plain, two lines
      expect(pointedAt('>-\n    “a”\n', [0, 1], parser)).toBe('>-\n    “a”'); // folded block
      expect(pointedAt('“x”', [2, 9], parser)).toBe('“x”'); // out of bounds
      expect(pointedAt('“x”', [2, 1], parser)).toBe('“x”'); // reversed
    });
  }

  it('keeps the range of a value that is not a string', () => {
    expect(narrowToValueSpan('a: 12', [3, 5], 12, [0, 1])).toEqual([3, 5]);
  });
});
