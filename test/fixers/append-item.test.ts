import { describe, it } from 'vitest';
import type { Path } from '../../src/engine/types.js';
import { appendItem } from '../../src/fixers/append-item.js';
import { expectEdit, seqAt } from './helpers.js';

// [name, before, path of the sequence, value, after (null: declined)]
const cases: [string, string, Path, unknown, string | null][] = [
  ['an indented sequence', 'args:\n  - a\n  - b\nnext: 1\n', ['args'], 'c', 'args:\n  - a\n  - b\n  - c\nnext: 1\n'],
  ['a sequence not indented', 'args:\n- a\nnext: 1\n', ['args'], 'c', 'args:\n- a\n- c\nnext: 1\n'],
  ['after a trailing comment', 'args:\n  - a # first\n', ['args'], 'c', 'args:\n  - a # first\n  - c\n'],
  ['after comment lines nested under the last item', 'c:\n  - name: a\n    # more of a\n# next\nd: 1\n', ['c'], 'x', 'c:\n  - name: a\n    # more of a\n  - x\n# next\nd: 1\n'],
  ['a value that needs quotes', 'args:\n  - a\n', ['args'], '--port=80 #', 'args:\n  - a\n  - "--port=80 #"\n'],
  [
    'a map item starts on the dash\'s line',
    'containers:\n  - name: app\n    image: a\n',
    ['containers'],
    { name: 'sidecar', image: 'b', args: ['x'] },
    'containers:\n  - name: app\n    image: a\n  - name: sidecar\n    image: b\n    args:\n      - x\n',
  ],
  ['in a `- name:` item', 'c:\n- name: a\n  args:\n  - x\n', ['c', 0, 'args'], 'z', 'c:\n- name: a\n  args:\n  - x\n  - z\n'],
  ['a flow sequence', 'm: [a, b]\n', ['m'], 'c', 'm: [a, b, c]\n'],
  ['a flow sequence with spaces', 'm: [ a ]\n', ['m'], 'c', 'm: [ a, c ]\n'],
  ['a flow sequence keeps its separator', 'm: [a,b]\n', ['m'], 'c', 'm: [a,b,c]\n'],
  ['an empty flow sequence', 'm: [[]]\n', ['m', 0], 'c', 'm: [[c]]\n'],
  ['a flow item that needs quotes', 'm: [a]\n', ['m'], '[x]', 'm: [a, "[x]"]\n'],
  ['a map into a flow sequence', 'm: [a]\n', ['m'], { k: 'v' }, 'm: [a, {k: v}]\n'],
  ['declines a flow sequence with a comment', 'm: [a, # c\n  b]\n', ['m'], 'c', null],
  ['a flow sequence of one-pair maps', 'm: [a: 1]\n', ['m'], 'c', 'm: [a: 1, c]\n'],
];

describe('appendItem', () => {
  it.each(cases)('%s', (_name, before, path, value, after) => expectEdit(before, after, (ctx) => appendItem(ctx, seqAt(ctx, path), value)));
});
