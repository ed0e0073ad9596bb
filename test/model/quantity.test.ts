import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalQuantity, compareQuantities, parseQuantity, quantityValue, type Quantity } from '../../src/model/quantity.js';

function parsed(text: string | number): Quantity {
  const result = parseQuantity(text);
  if (!result.ok) throw new Error(`${text}: ${result.error}`);
  return result.quantity;
}

/** Value in nano-units as a decimal string, for readable tables. */
const nanos = (text: string) => parsed(text).nanos;
const G = 10n ** 9n;

// Values and formats from apimachinery's TestQuantityParse (pkg/api/resource/quantity_test.go).
describe('parseQuantity: apimachinery TestQuantityParse table', () => {
  const table: [string, bigint, string][] = [
    ['0', 0n, 'DecimalSI'],
    ['0n', 0n, 'DecimalSI'],
    ['0Ki', 0n, 'BinarySI'],
    ['0Ti', 0n, 'BinarySI'],
    ['1', 1n * G, 'DecimalSI'],
    ['1Ki', 1024n * G, 'BinarySI'],
    ['7Mi', 7n * 1024n ** 2n * G, 'BinarySI'],
    ['6Gi', 6n * 1024n ** 3n * G, 'BinarySI'],
    ['4Pi', 4n * 1024n ** 5n * G, 'BinarySI'],
    ['3Ei', 3n * 1024n ** 6n * G, 'BinarySI'],
    ['5n', 5n, 'DecimalSI'],
    ['4u', 4000n, 'DecimalSI'],
    ['3m', 3_000_000n, 'DecimalSI'],
    ['50k', 50_000n * G, 'DecimalSI'],
    ['300T', 300n * 10n ** 12n * G, 'DecimalSI'],
    ['1E', 10n ** 18n * G, 'DecimalSI'],
    ['1E-3', 10n ** 6n, 'DecimalExponent'],
    ['1e3', 1000n * G, 'DecimalExponent'],
    ['1e13', 10n ** 13n * G, 'DecimalExponent'],
    ['100.035k', 100_035n * G, 'DecimalSI'],
    ['0.0005k', 500_000_000n, 'DecimalSI'],
    ['0.5e-2', 5_000_000n, 'DecimalExponent'],
    ['1.3E+6', 1_300_000n * G, 'DecimalExponent'],
    ['1.7E18', 17n * 10n ** 17n * G, 'DecimalExponent'],
    ['6.987654321G', 6_987_654_321n * G, 'DecimalSI'],
    ['1.01E', 101n * 10n ** 16n * G, 'DecimalSI'],
    // Things that saturate or round (up, to 10^-9).
    ['3.001n', 4n, 'DecimalSI'],
    ['1.1E-9', 2n, 'DecimalExponent'],
    ['0.0000000001', 1n, 'DecimalSI'],
    ['0.00000012345', 124n, 'DecimalSI'],
    ['9Ei', (2n ** 63n - 1n) * G, 'BinarySI'],
    ['9223372036854775807Ki', (2n ** 63n - 1n) * G, 'BinarySI'],
    ['12E', 12n * 10n ** 18n * G, 'DecimalSI'],
    ['100.035Ki', 102_435_840_000_000n, 'BinarySI'], // 102435.84
    ['0.5Mi', 524_288n * G, 'BinarySI'],
    ['0.000000000001Ki', 2n, 'DecimalSI'],
    ['.001', 1_000_000n, 'DecimalSI'],
    ['1.', 1n * G, 'DecimalSI'],
    ['1.G', 10n ** 9n * G, 'DecimalSI'],
  ];
  it.each(table)('%s', (text, expected, format) => {
    const quantity = parsed(text);
    expect(quantity.format).toBe(format);
    expect(quantity.nanos).toBe(expected);
  });

  it('negative and explicit + forms parse to the negated and the same values', () => {
    for (const [text, expected] of table) {
      expect(nanos(`-${text}`)).toBe(-expected);
      expect(nanos(`+${text}`)).toBe(expected);
    }
  });
});

describe('parseQuantity: invalid input is reported, never guessed', () => {
  // apimachinery's invalid list, plus what people write in manifests.
  it.each(['', '1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 ', '5K', '5GB', '5gi', '5Kb', '1e'])(
    '%j',
    (text) => expect(parseQuantity(text).ok).toBe(false),
  );

  it('says what was probably meant', () => {
    expect(parseQuantity('5gi')).toEqual({ ok: false, error: expect.stringContaining('did you mean Gi?') });
    expect(parseQuantity('5GB')).toEqual({ ok: false, error: expect.stringContaining('unknown unit "GB"') });
    expect(parseQuantity(null)).toEqual({ ok: false, error: 'expected a quantity such as "5Gi", got null' });
  });

  it('reads YAML numbers as their decimal text (storage: 5 is 5 bytes)', () => {
    expect(nanos(String(5))).toBe(5n * G);
    expect(parsed(5).nanos).toBe(5n * G);
  });
});

describe('compareQuantities', () => {
  it.each([
    ['0', '0', 0],
    ['100m', '50m', 1],
    ['50m', '100m', -1],
    ['10000T', '100Gi', 1],
    ['5G', '5Gi', -1],
    ['5000Mi', '5Gi', -1],
    ['5120Mi', '5Gi', 0],
    ['1Gi', '1073741824', 0],
    ['1e3', '1k', 0],
  ] as const)('%s vs %s', (a, b, expected) => {
    expect(compareQuantities(parsed(a), parsed(b))).toBe(expected);
    expect(compareQuantities(parsed(b), parsed(a))).toBe(-expected || 0);
  });

  it('Value() rounds up to whole units', () => {
    expect(quantityValue(parsed('1500m'))).toBe(2n);
    expect(quantityValue(parsed('5Gi'))).toBe(5_368_709_120n);
    expect(quantityValue(parsed('-1500m'))).toBe(-2n);
  });
});

describe('canonicalQuantity: apimachinery TestQuantityParseEmit and TestQuantityString', () => {
  it.each([
    ['1Ki', '1Ki'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
    ['1.5Gi', '1536Mi'],
    ['307200Ki', '300Mi'],
    ['5000m', '5'],
    ['1.08', '1080m'],
    ['1000E', '1e21'],
    ['.001e12', '1e9'],
    ['0.001e0', '1e-3'],
    ['1025', '1025'],
    ['-1024Mi', '-1Gi'],
  ])('%s → %s', (text, expected) => expect(canonicalQuantity(parsed(text))).toBe(expected));
});

describe('properties', () => {
  const suffix = fc.constantFrom('', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'e3', 'E-2', 'e0');
  const text = fc
    .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^[0-9]{1,8}$/), fc.option(fc.stringMatching(/^[0-9]{0,4}$/)), suffix)
    .map(([sign, integer, fraction, unit]) => `${sign}${integer}${fraction === null ? '' : `.${fraction}`}${unit}`);

  it('every generated quantity parses, and its canonical text parses back to the same value', () => {
    fc.assert(
      fc.property(text, (input) => {
        const quantity = parsed(input);
        const again = parsed(canonicalQuantity(quantity));
        expect(again.nanos).toBe(quantity.nanos);
        // Canonical text is a fixed point.
        expect(canonicalQuantity(again)).toBe(canonicalQuantity(quantity));
      }),
    );
  });

  it('ordering is a total order consistent with equality and negation', () => {
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        const [x, y, z] = [parsed(a), parsed(b), parsed(c)];
        expect(compareQuantities(x, y)).toBe(-compareQuantities(y, x) || 0);
        if (compareQuantities(x, y) <= 0 && compareQuantities(y, z) <= 0) expect(compareQuantities(x, z)).toBeLessThanOrEqual(0);
        const negated = (q: Quantity) => ({ ...q, nanos: -q.nanos });
        expect(compareQuantities(negated(x), negated(y))).toBe(compareQuantities(y, x));
      }),
    );
  });

  it('a binary unit is worth more than its decimal namesake (5G < 5Gi), scaling by 1024 and 1000', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8000 }), fc.constantFrom('K', 'M', 'G', 'T', 'P'), (n, letter) => {
        const decimal = letter === 'K' ? 'k' : letter;
        expect(compareQuantities(parsed(`${n}${decimal}`), parsed(`${n}${letter}i`))).toBe(-1);
      }),
    );
  });
});
