import { describe, it } from 'vitest';
import type { Path } from '../../src/engine/types.js';
import { replaceValue } from '../../src/fixers/replace-value.js';
import { expectEdit, found } from './helpers.js';

// [name, before, path, value, after (null: declined)]
const cases: [string, string, Path, unknown, string | null][] = [
  ['`key:` gets a scalar', 'a:\nb: 1\n', ['a'], 'x', 'a: x\nb: 1\n'],
  ['`key:` before a comment', 'a:   # c\nb: 1\n', ['a'], 'x', 'a: x   # c\nb: 1\n'],
  ['`key:` gets a map', 'labels:\nb: 1\n', ['labels'], { app: 'web' }, 'labels:\n  app: web\nb: 1\n'],
  ['`key:` with a comment gets a map under it', 'labels: # c\nb: 1\n', ['labels'], { app: 'web' }, 'labels: # c\n  app: web\nb: 1\n'],
  ['`key:` gets a sequence, laid out like the file', 'a:\n- x\nb:\n', ['b'], ['z'], 'a:\n- x\nb:\n- z\n'],
  ['a scalar becomes a map', 'a: old # c\nb: 1\n', ['a'], { x: 1 }, 'a: # c\n  x: 1\nb: 1\n'],
  ['a scalar becomes an empty map', 'a: old\n', ['a'], {}, 'a: {}\n'],
  ['a map becomes a scalar', 'a:\n  x: 1\n  y: 2\nb: 1\n', ['a'], 5, 'a: 5\nb: 1\n'],
  ['a map becomes another map', 'a:\n    x: 1\nb: 1\n', ['a'], { z: [1] }, 'a:\n    z:\n        - 1\nb: 1\n'],
  ['`{}` becomes a block map', 'spec:\n  selector: {}\n', ['spec', 'selector'], { app: 'web' }, 'spec:\n  selector:\n    app: web\n'],
  ['a sequence item becomes a map', 'c:\n  - a\n  - b # bee\n', ['c', 1], { x: 1, z: 2 }, 'c:\n  - a\n  - x: 1 # bee\n    z: 2\n'],
  ['a map item becomes a scalar', 'c:\n- x: 1\n  y: 2\n- b\n', ['c', 0], 'a', 'c:\n- a\n- b\n'],
  ['a multi-line string in place of a scalar, on one line', 'a: x\n', ['a'], 'l1\nl2\n', 'a: "l1\\nl2\\n"\n'],
  ['a multi-line string in a new map, as a literal block', 'a: x\n', ['a'], { s: 'l1\nl2\n' }, 'a:\n  s: |\n    l1\n    l2\n'],
  ['in a flow map', 'm: {a: 1, b: 2}\n', ['m', 'a'], [1, 2], 'm: {a: [1, 2], b: 2}\n'],
  ['in a flow sequence', 'm: [ 1, 2 ]\n', ['m', 0], { k: 'v' }, 'm: [ { k: v }, 2 ]\n'],
  ['a scalar stays in place (setScalar)', "a: 'x'\n", ['a'], 'y', "a: 'y'\n"],
  ['declines a map holding a comment', 'a:\n  # c\n  x: 1\n', ['a'], 5, null],
  ['declines a map after a comment', 'a: # c\n  x: 1\n', ['a'], 5, null],
  ['declines an anchored map', 'a: &x\n  k: 1\n', ['a'], 5, null],
  ['declines the root', 'a: 1\n', [], { b: 1 }, null],
];

describe('replaceValue', () => {
  it.each(cases)('%s', (_name, before, path, value, after) => expectEdit(before, after, (ctx) => replaceValue(ctx, found(ctx, path), value)));
});
