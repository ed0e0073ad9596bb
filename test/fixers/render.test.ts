import { describe, expect, it } from 'vitest';
import { blockLines, canBePlain, DEFAULT_LAYOUT, doubleQuoted, flowText, renderKey, renderScalar } from '../../src/fixers/render.js';
import { parseDocuments } from '../../src/fixers/yaml-options.js';

/** How the linter reads a value written after `k: `. */
function readBack(text: string): unknown {
  const [doc] = parseDocuments(`k: ${text}\n`);
  expect(doc!.errors).toEqual([]);
  return (doc!.toJS() as { k: unknown }).k;
}

describe('canBePlain', () => {
  const plain = ['web', 'nginx:1.25', '10Gi', 'a b', 'Retain', 'http://x/y', 'é', '-a', 'a-b_c.d/e', '12:30', '1.2.3', '500m'];
  const quoted = ['', 'yes', 'Yes', 'on', 'OFF', 'y', 'N', 'no', 'true', 'False', 'null', '~', '0755', '0o17', '0x1F', '0b101', '1_000', '1e3', '.5', '+1', '-2', '3.', '.inf', '.NaN', '2024-01-01', '<<', 'a: b', 'x #y', '- a', '#x', '&a', '*a', '!t', '%x', '@x', '`x', '"x', "'x", '{a}', '[a]', '? a', ' a', 'a ', 'a\nb', 'a\tb', '|', '>'];
  it.each(plain)('%j may be plain', (text) => {
    expect(canBePlain(text)).toBe(true);
    expect(readBack(text)).toBe(text);
  });
  it.each(quoted)('%j must be quoted', (text) => {
    expect(canBePlain(text)).toBe(false);
    expect(readBack(renderScalar(text)!)).toBe(text);
  });
  it('knows flow indicators', () => {
    expect(canBePlain('a,b')).toBe(true);
    expect(canBePlain('a,b', { flow: true })).toBe(false);
    expect(canBePlain('a}', { flow: true })).toBe(false);
  });
});

describe('renderScalar', () => {
  const cases: [unknown, Parameters<typeof renderScalar>[1], string][] = [
    ['web', {}, 'web'],
    ['web', { style: 'QUOTE_SINGLE' }, "'web'"],
    ['web', { style: 'QUOTE_DOUBLE' }, '"web"'],
    ["it's", { style: 'QUOTE_SINGLE' }, "'it''s'"],
    ['a\nb', { style: 'QUOTE_SINGLE' }, '"a\\nb"'],
    ['yes', {}, '"yes"'],
    ['', {}, '""'],
    ['', { style: 'QUOTE_SINGLE' }, "''"],
    [42, { style: 'QUOTE_DOUBLE' }, '42'],
    [1.5, {}, '1.5'],
    [true, { style: 'QUOTE_SINGLE' }, 'true'],
    [null, {}, 'null'],
    ['tab\there \u2028 \u0085 \u007f "q" \\', {}, '"tab\\there \\u2028 \\u0085 \\u007f \\"q\\" \\\\"'],
  ];
  it.each(cases)('%j %j → %s', (value, options, text) => {
    expect(renderScalar(value as never, options)).toBe(text);
    expect(readBack(text)).toEqual(value);
  });
  it('declines a lone surrogate', () => {
    expect(renderScalar('\ud800')).toBeNull();
  });
  it('renders keys', () => {
    expect(renderKey('app')).toBe('app');
    expect(renderKey('on')).toBe('"on"');
    expect(renderKey("a'b", 'QUOTE_SINGLE')).toBe("'a''b'");
    expect(renderKey('x,y', 'PLAIN', true)).toBe('"x,y"');
  });
  it('escapes like YAML reads', () => {
    for (const text of ['\u0000\u0001\u001f', '\r\n', '\ufeffx', 'é😀']) expect(readBack(doubleQuoted(text))).toBe(text);
  });
});

describe('blockLines', () => {
  it('lays out maps and sequences like the file', () => {
    const value = { a: 1, b: { c: [1, { d: 2, e: [] }], f: {} }, g: 'l1\nl2' };
    expect(blockLines(value, 2, DEFAULT_LAYOUT)).toEqual(['  a: 1', '  b:', '    c:', '      - 1', '      - d: 2', '        e: []', '    f: {}', '  g: |-', '    l1', '    l2']);
    expect(blockLines(value, 0, { eol: '\n', indent: 4, seqIndent: 0 })).toEqual(['a: 1', 'b:', '    c:', '    - 1', '    - d: 2', '      e: []', '    f: {}', 'g: |-', '    l1', '    l2']);
  });
  it('nests sequences on the dash\'s line', () => {
    expect(blockLines([[1, 2], [{ a: 1 }]], 0, DEFAULT_LAYOUT)).toEqual(['- - 1', '  - 2', '- - a: 1']);
  });
  it('keeps empty lines of a literal block empty', () => {
    expect(blockLines({ s: 'a\n\nb\n' }, 0, DEFAULT_LAYOUT)).toEqual(['s: |', '  a', '', '  b']);
  });
  it('escapes strings a literal block cannot hold', () => {
    expect(blockLines({ s: 'a\n\n' }, 0, DEFAULT_LAYOUT)).toEqual(['s: "a\\n\\n"']);
    expect(blockLines({ s: ' a\nb' }, 0, DEFAULT_LAYOUT)).toEqual(['s: " a\\nb"']);
    expect(blockLines({ s: 'a\n  \nb' }, 0, DEFAULT_LAYOUT)).toEqual(['s: "a\\n  \\nb"']);
  });
  it('declines what YAML cannot hold', () => {
    expect(blockLines({ a: undefined }, 0, DEFAULT_LAYOUT)).toBeNull();
    expect(blockLines([new Map()], 0, DEFAULT_LAYOUT)).toBeNull();
    expect(blockLines({ a: [{ b: Symbol('x') }] }, 0, DEFAULT_LAYOUT)).toBeNull();
  });
  it('reads back as the value', () => {
    const value = { 'yes': ['0755', '', { 'a b': 'c: d', n: null }], s: 'x\ny\n', e: {} };
    const [doc] = parseDocuments(blockLines(value, 0, DEFAULT_LAYOUT)!.join('\n'));
    expect(doc!.toJS()).toEqual(value);
  });
});

describe('flowText', () => {
  it('writes flow collections', () => {
    expect(flowText({ a: [1, 'x y'], b: {} })).toBe('{a: [1, x y], b: {}}');
    expect(flowText({ a: [1, 'x,y'] }, true)).toBe('{ a: [ 1, "x,y" ] }');
    expect(flowText([])).toBe('[]');
    expect(flowText({ a: undefined })).toBeNull();
  });
});
