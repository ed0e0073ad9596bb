import { describe, expect, it } from 'vitest';
import { faithful, fixContext } from '../../src/fixers/index.js';
import { applyFix } from '../../src/fixers/text.js';
import type { Fix } from '../../src/engine/types.js';

/** faithful on `text` edited by `fix`, against the value the edit was meant to give. */
function check(text: string, fix: Fix, expected: unknown): boolean {
  return faithful(fixContext(text, 0)!, { fix, text: applyFix(text, fix) }, expected);
}

describe('faithful', () => {
  it('takes an edit that gives the value asked for and leaves the comments around it', () => {
    const text = '# head\na: 1 # one\n# between\nb: 2 # two\n';
    const at = text.indexOf('2');
    expect(check(text, { range: [at, at + 1], text: '3' }, { a: 1, b: 3 })).toBe(true);
  });

  it('declines an edit that gives another value', () => {
    expect(check('a: 1 # one\n', { range: [3, 4], text: '2' }, { a: 3 })).toBe(false);
  });

  it('declines an edit that drops a comment it touches, though the value is right', () => {
    expect(check('a: 1 # one\nb: 2\n', { range: [3, 10], text: '3' }, { a: 3, b: 2 })).toBe(false);
    expect(check('m:\n  # lost\n  a: 1\nb: 2\n', { range: [2, 18], text: ' x' }, { m: 'x', b: 2 })).toBe(false);
    // An insertion into a comment's text changes the comment.
    expect(check('a: 1 # one\n', { range: [7, 7], text: 'x' }, { a: 1 })).toBe(false);
  });

  it('takes an edit that touches a comment and keeps it', () => {
    expect(check('a: 1 # one\nb: 2\n', { range: [3, 10], text: '3 # one' }, { a: 3, b: 2 })).toBe(true);
  });

  it('declines an edit that turns a comment it does not touch into a scalar: the value changes', () => {
    // `a: |` makes the more indented comment line below the block scalar's content.
    expect(check('a: 1\n    # note\nb: 2\n', { range: [3, 4], text: '|' }, { a: '', b: 2 })).toBe(false);
    // An open quote runs into the comment.
    expect(check('a: 1 # note\nb: 2\n', { range: [3, 4], text: '"x' }, { a: 'x', b: 2 })).toBe(false);
  });
});
