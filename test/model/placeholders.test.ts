import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPlaceholders, mayHoldPlaceholder } from '../../src/model/placeholders.js';

const texts = (value: string) => findPlaceholders(value).map((placeholder) => placeholder.text);

describe('findPlaceholders', () => {
  it('finds the article\'s and the usual placeholders', () => {
    expect(texts('<name of the disk>')).toEqual(['<name of the disk>']);
    expect(texts('<your-pv-name>')).toEqual(['<your-pv-name>']);
    expect(texts('/subscriptions/<sub-id>/resourceGroups/<rg>/x')).toEqual(['<sub-id>', '<rg>']);
    expect(texts('REPLACE_ME')).toEqual(['REPLACE_ME']);
    expect(texts('Change-Me please')).toEqual(['Change-Me']);
    expect(texts('TODO')).toEqual(['TODO']);
    expect(texts('arn:aws:acm:XXXX:certificate/xxx')).toEqual(['XXXX', 'xxx']);
    expect(texts('xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx')).toEqual(['xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx']);
  });

  it('the first look passes values with a placeholder and skips ordinary values with an x (findPlaceholders goes through it)', () => {
    for (const value of ['nginx:1.27', 'max-surge', 'linux', 'XFS']) expect(mayHoldPlaceholder(value)).toBe(false);
    for (const value of ['xxx', 'XXXX-XXXX', 'a<b c>', 'Todo TODO', 'tbd TBD', 'fill_me_in', 'your-value-here']) expect(mayHoldPlaceholder(value)).toBe(true);
  });

  it('leaves template variables, markup, addresses, words and multi-line text alone', () => {
    for (const value of [
      '${DISK_URI}',
      '${X:-<default>}',
      '{{ .Values.uri | default "<uri>" }}',
      '<b>bold</b>',
      'Jane <jane@example.com>',
      'a < b > c',
      'todo',
      'xbox',
      'max-xxl',
      'REPLACE_ANNOUNCE0',
      '# TODO\nrun',
      '<br>',
    ]) {
      expect(texts(value), value).toEqual([]);
    }
  });

  it('reports each placeholder at its own offset in the value', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        for (const { text, index } of findPlaceholders(value)) expect(value.slice(index, index + text.length)).toBe(text);
      }),
    );
  });

  it('finds a placeholder between spaces whatever surrounds it, unless inside a template variable', () => {
    const word = fc.stringMatching(/^[a-z0-9 ]{0,12}$/);
    const placeholder = fc.constantFrom('<name of the disk>', 'REPLACE_ME', 'TODO', 'xxxx', 'CHANGEME');
    fc.assert(
      fc.property(word, placeholder, word, (before, token, after) => {
        expect(texts(`${before} ${token} ${after}`)).toContain(token);
        expect(texts(`${before} \${${token}} ${after}`)).not.toContain(token);
        expect(texts(`${before} {{ ${token} }} ${after}`)).not.toContain(token);
      }),
    );
  });
});
