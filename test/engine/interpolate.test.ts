import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolate } from '../../src/engine/linter.js';

/** ESLint's own interpolation (lib/linter/interpolate.js): the reference the split templates must match. */
const eslintInterpolate = (text: string, data: Record<string, string | number>) =>
  text.replace(/\{\{\s*([^{}]+?)\s*\}\}/gu, (whole, name: string) => (name in data ? String(data[name]) : whole));

describe('interpolate', () => {
  it('fills placeholders as ESLint does, leaving unknown names as written', () => {
    expect(interpolate('{{claim}} needs {{ size }}; {{missing}} {{}}', { claim: '"data"', size: 3 })).toBe('"data" needs 3; {{missing}} {{}}');
    expect(interpolate('no data {{claim}}', undefined)).toBe('no data {{claim}}');
  });

  it('matches ESLint on any template, each time it is used', () => {
    const piece = fc.constantFrom('{{', '}}', '{', '}', ' ', 'claim', 'size', 'x', '.', '{{claim}}', '{{ size }}', '$&', '$1');
    const template = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
    const data = fc.dictionary(fc.constantFrom('claim', 'size', 'x', 'claim ', 'toString'), fc.oneof(fc.string(), fc.integer()));
    fc.assert(
      fc.property(template, data, data, (text, first, second) => {
        expect(interpolate(text, first)).toBe(eslintInterpolate(text, first));
        expect(interpolate(text, second)).toBe(eslintInterpolate(text, second));
      }),
    );
  });
});
