/**
 * `resource.Quantity` as apimachinery parses and compares it (pkg/api/resource/quantity.go: parseQuantityString,
 * ParseQuantity; suffix.go: the suffix tables). Values are kept exactly, as a whole number of nano-units in a BigInt:
 * ParseQuantity rounds every value up (away from zero) to 10^-9, so this is lossless.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value times 10^9, exact. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
  /** The text it was parsed from (a YAML number is read as its decimal text). */
  readonly text: string;
}

export type QuantityResult = { readonly ok: true; readonly quantity: Quantity } | { readonly ok: false; readonly error: string };

const NANO = 10n ** 9n;
/** BinarySI values are capped at math.MaxInt64 (ParseQuantity: `maxAllowed`). */
const MAX_INT64 = 2n ** 63n - 1n;

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const MAX_EXPONENT = 4096;
const SUFFIX_LETTERS = 'eEinumkKMGTP';

/** What users write by mistake, with what they probably meant, for messages. */
const LIKELY_MEANT: Record<string, string> = { K: 'k or Ki', KB: 'k', MB: 'M', GB: 'G', TB: 'T', gi: 'Gi', mi: 'Mi', ki: 'Ki', Kb: 'k', g: 'G', gb: 'G' };

/**
 * Parses a quantity as the API server does; an invalid one gets an error message saying why. Results are never
 * mutated, so a text's result is kept: a large tree repeats a few sizes thousands of times, and each parse does
 * BigInt arithmetic.
 */
export function parseQuantity(input: unknown): QuantityResult {
  if (typeof input === 'number' && Number.isFinite(input)) return parseQuantity(String(input));
  if (typeof input !== 'string') return { ok: false, error: `expected a quantity such as "5Gi", got ${input === null ? 'null' : typeof input}` };
  let result = PARSED.get(input);
  if (!result) {
    if (PARSED.size >= MAX_KEPT) PARSED.clear();
    result = parseText(input);
    PARSED.set(input, result);
  }
  return result;
}

const PARSED = new Map<string, QuantityResult>();
const MAX_KEPT = 10_000;

function parseText(text: string): QuantityResult {
  if (text.length === 0) return { ok: false, error: 'a quantity may not be empty' };
  const scanned = scan(text);
  const unit = scanned && interpretSuffix(scanned.suffix);
  if (!scanned || !unit) {
    const letters = /^[+-]?[0-9.]+([A-Za-z]+)$/.exec(text)?.[1];
    if (!letters) return { ok: false, error: `"${text}" is not a quantity: write a number and a unit, such as 5Gi or 500M` };
    const hint = LIKELY_MEANT[letters];
    return {
      ok: false,
      error: `"${text}" has an unknown unit "${letters}"${hint ? ` (did you mean ${hint}?)` : ''}: use Ki, Mi, Gi, Ti, Pi, Ei or k, M, G, T, P, E`,
    };
  }
  // The digits as an exact fraction: digits / 10^decimals, then the unit applied.
  const digits = BigInt((scanned.integer || '0') + scanned.fraction);
  let numerator = digits * (unit.base === 2 ? 2n ** BigInt(unit.exponent) : 1n);
  let denominator = 10n ** BigInt(scanned.fraction.length);
  if (unit.base === 10) {
    if (unit.exponent >= 0) numerator *= 10n ** BigInt(unit.exponent);
    else denominator *= 10n ** BigInt(-unit.exponent);
  }
  // Round up to nano-units (inf.RoundUp: away from zero; the sign is applied afterwards, as ParseQuantity does).
  let nanos = ceilDiv(numerator * NANO, denominator);
  let format = unit.format;
  if (format === 'BinarySI' && nanos > MAX_INT64 * NANO) nanos = MAX_INT64 * NANO;
  if (format === 'BinarySI' && nanos > 0n && nanos < NANO) format = 'DecimalSI';
  if (!scanned.positive) nanos = -nanos;
  return { ok: true, quantity: { nanos, format, text } };
}

/** -1, 0 or 1, as Quantity.Cmp. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Quantity.Value(): the value rounded up to a whole number (away from zero). */
export function quantityValue(quantity: Quantity): bigint {
  const { nanos } = quantity;
  return nanos >= 0n ? ceilDiv(nanos, NANO) : -ceilDiv(-nanos, NANO);
}

/** The canonical text, as Quantity.String() writes it (CanonicalizeBytes): `1.5Gi` becomes `1536Mi`. */
export function canonicalQuantity(quantity: Quantity): string {
  const { nanos } = quantity;
  if (nanos === 0n) return '0';
  const sign = nanos < 0n ? '-' : '';
  const magnitude = nanos < 0n ? -nanos : nanos;
  let format = quantity.format;
  if (format === 'BinarySI' && (magnitude < 1024n * NANO || magnitude % NANO !== 0n)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let mantissa = magnitude / NANO;
    let power = 0;
    while (power < 6 && mantissa % 1024n === 0n) {
      mantissa /= 1024n;
      power++;
    }
    return `${sign}${mantissa}${['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][power]}`;
  }
  // Base 10: strip trailing zeros, then bring the exponent down to a multiple of 3 (AsCanonicalBytes).
  let mantissa = magnitude;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const extra = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(extra);
  exponent -= extra;
  if (format === 'DecimalExponent') return `${sign}${mantissa}${exponent === 0 ? '' : `e${exponent}`}`;
  const suffix = Object.entries(DECIMAL_SUFFIXES).find(([, value]) => value === exponent)?.[0];
  return `${sign}${mantissa}${suffix ?? `e${exponent}`}`;
}

/** The quantity as the volume's author wrote it: a fix copies the original text rather than a canonical form. */
export function quantityText(quantity: Quantity): string {
  return quantity.text;
}

interface Scanned {
  positive: boolean;
  integer: string;
  fraction: string;
  suffix: string;
}

/** parseQuantityString: sign, digits, optional `.digits`, then suffix letters, an optional sign and digits. */
function scan(text: string): Scanned | undefined {
  let pos = 0;
  let positive = true;
  if (text[0] === '-' || text[0] === '+') {
    positive = text[0] === '+';
    pos++;
  }
  const integerStart = pos;
  while (pos < text.length && isDigit(text[pos]!)) pos++;
  const integer = text.slice(integerStart, pos);
  let fraction = '';
  if (text[pos] === '.') {
    const fractionStart = ++pos;
    while (pos < text.length && isDigit(text[pos]!)) pos++;
    fraction = text.slice(fractionStart, pos);
  }
  const suffixStart = pos;
  while (pos < text.length && SUFFIX_LETTERS.includes(text[pos]!)) pos++;
  if (text[pos] === '-' || text[pos] === '+') pos++;
  while (pos < text.length && isDigit(text[pos]!)) pos++;
  if (pos !== text.length) return undefined;
  return { positive, integer, fraction, suffix: text.slice(suffixStart) };
}

/** suffixHandler.interpret: the decimal and binary tables, then `e<int>`/`E<int>` (int64, truncated to int32 as in Go). */
function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } | undefined {
  const decimal = DECIMAL_SUFFIXES[suffix];
  if (decimal !== undefined && Object.hasOwn(DECIMAL_SUFFIXES, suffix)) return { base: 10, exponent: decimal, format: 'DecimalSI' };
  const binary = BINARY_SUFFIXES[suffix];
  if (binary !== undefined && Object.hasOwn(BINARY_SUFFIXES, suffix)) return { base: 2, exponent: binary, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    const parsed = BigInt(suffix.slice(1));
    if (parsed > MAX_INT64 || parsed < -MAX_INT64 - 1n) return undefined;
    // Clamped far beyond any real size, so a hostile `1e2000000000` cannot make us build a huge number.
    const exponent = Math.max(-MAX_EXPONENT, Math.min(MAX_EXPONENT, Number(BigInt.asIntN(32, parsed))));
    return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return undefined;
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}
