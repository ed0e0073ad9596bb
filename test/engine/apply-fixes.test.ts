import { expect, it } from 'vitest';
import { applyFixes } from '../../src/engine/apply-fixes.js';
import type { LintMessage } from '../../src/engine/types.js';

const message = (start: number, end: number, text: string): LintMessage => ({
  ruleId: 'r',
  severity: 2,
  message: 'm',
  line: 1,
  column: 1,
  nodeType: null,
  fix: { range: [start, end], text },
});

it('applies fixes in range order, whatever order they were reported in', () => {
  expect(applyFixes('a: 1\nb: 2\n', [message(8, 9, '3'), message(3, 4, '0')])).toEqual({ output: 'a: 0\nb: 3\n', fixed: true });
});

it('skips a fix that overlaps one already applied, and a second insert at the same point (next pass)', () => {
  expect(applyFixes('abcdef', [message(1, 3, 'X'), message(2, 4, 'Y')]).output).toBe('aXdef');
  expect(applyFixes('ab', [message(1, 1, 'X'), message(1, 1, 'Y')]).output).toBe('aXb');
});

it('reports nothing fixed when there are no fixes or they change nothing', () => {
  expect(applyFixes('a', [])).toEqual({ output: 'a', fixed: false });
  expect(applyFixes('a', [message(0, 1, 'a')])).toEqual({ output: 'a', fixed: false });
});
