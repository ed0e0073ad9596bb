import { Schema, Type } from 'js-yaml';
import { FLOAT, FLOAT_EXP } from './parse-yaml.js';

/**
 * A js-yaml schema that decodes plain scalars exactly as the full parser does (`yaml` with YAML 1.1 tags, merge keys,
 * no timestamps and go-yaml's floats: see KUBERNETES_YAML in parse-yaml.ts), so both paths give the same values.
 *
 * The rules are the `yaml` package's yaml-1.1 tags, tried in its order (null, true, false, binary, octal, decimal and
 * hexadecimal ints, .inf/.nan, exponent floats, floats), with the same regular expressions and the same arithmetic,
 * and the floats as parse-yaml.ts changes them (a digit required, a float past float64's range a string).
 * Where that differs from go-yaml v2, which Kubernetes decodes with, both paths differ alike: see KNOWN_GO_YAML_DEVIATIONS
 * in test/parse-identity.test.ts.
 *
 * There are no explicit types on purpose: js-yaml throws on any explicit tag (`!!str`, `!!int`, `!Custom`), and the fast
 * path then hands the file to the full parser, so explicit tags never need to agree. The non-specific tag `!` still loads.
 */

const WORDS = new Map<string, null | boolean>([
  ['~', null],
  ['null', null],
  ['Null', null],
  ['NULL', null],
  ...['Y', 'y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((word) => [word, true] as const),
  ...['N', 'n', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((word) => [word, false] as const),
]);

/**
 * yaml's yaml-1.1 number tests (schema/yaml-1.1/int.js, float.js), in the order `yaml` tries its tags; the float tests
 * are the full parser's (parse-yaml.ts), which need a digit.
 */
const NUMBER_TESTS = [
  /^[-+]?0b[0-1_]+$/, // 1 intBin
  /^[-+]?0[0-7_]+$/, // 2 intOct
  /^[-+]?[0-9][0-9_]*$/, // 3 int
  /^[-+]?0x[0-9a-fA-F_]+$/, // 4 intHex
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, // 5 floatNaN
  FLOAT_EXP, // 6 floatExp
  FLOAT, // 7 float
];

/** The tests as one anchored alternation: the first alternative that matches the whole text wins, as in `yaml`. */
const NUMBER = new RegExp(`^(?:${NUMBER_TESTS.map((test) => `(${test.source.slice(1, -1)})`).join('|')})$`);

/** yaml's intResolve: sign, prefix skipped, underscores dropped, parseInt; `-0` stays -0 as there. */
function intResolve(text: string, offset: number, radix: number): number {
  const sign = text[0];
  if (sign === '-' || sign === '+') offset += 1;
  const n = parseInt(text.substring(offset).replace(/_/g, ''), radix);
  return sign === '-' ? -1 * n : n;
}

/** The value of a plain scalar, or `undefined` when it stays a string. */
export function resolvePlainScalar(text: string): unknown {
  const c = text.charCodeAt(0);
  // Digits, `+`, `-`, `.`.
  const numeric = (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
  if (numeric) {
    const match = NUMBER.exec(text);
    if (match === null) return undefined;
    if (match[1] !== undefined) return intResolve(text, 2, 2);
    if (match[2] !== undefined) return intResolve(text, 1, 8);
    if (match[3] !== undefined) return intResolve(text, 0, 10);
    if (match[4] !== undefined) return intResolve(text, 2, 16);
    if (match[5] !== undefined) {
      if (text.slice(-3).toLowerCase() === 'nan') return NaN;
      return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    }
    // Too large for float64: a string, as in go-yaml v2 and the full parser (goYamlFloat).
    const value = parseFloat(text.replace(/_/g, ''));
    return Number.isFinite(value) ? value : undefined;
  }
  if (text.length > 5) return undefined;
  return WORDS.get(text);
}

// js-yaml calls resolve() then, when it returned true, construct() on the same text: keep the value in between.
let resolved: unknown;

/** Null, booleans, ints and floats. Its tag is private so that no explicit tag in a document can select it. */
const plainScalar = new Type('tag:kubecarry.io,2024:plain', {
  kind: 'scalar',
  resolve: (data: unknown) => {
    if (typeof data !== 'string') return false;
    resolved = resolvePlainScalar(data);
    return resolved !== undefined;
  },
  construct: () => resolved,
});

/** `<<`: js-yaml merges a mapping pair whose key carries this tag. As a value it stays the string "<<", as in `yaml`. */
const merge = new Type('tag:yaml.org,2002:merge', {
  kind: 'scalar',
  resolve: (data: unknown) => data === '<<',
});

export const KUBERNETES_JS_YAML_SCHEMA = new Schema({ implicit: [plainScalar, merge], explicit: [] });
