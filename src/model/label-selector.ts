import { asArray, asObject } from './values.js';

/**
 * `metav1.LabelSelector` as the PV controller applies it: LabelSelectorAsSelector (apimachinery
 * pkg/apis/meta/v1/helpers.go) turns matchLabels into Equals requirements and matchExpressions into In, NotIn, Exists
 * and DoesNotExist, all ANDed; Requirement.Matches (pkg/labels/selector.go) gives the missing-key semantics.
 * Validation as ValidateLabelSelectorRequirement (pkg/apis/meta/v1/validation): In/NotIn need values,
 * Exists/DoesNotExist take none; keys are qualified names, values label values.
 */

export type Operator = 'Equals' | 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  key: string;
  operator: Operator;
  values: readonly string[];
}

export interface Selector {
  requirements: readonly Requirement[];
}

export type SelectorResult = { ok: true; selector: Selector } | { ok: false; problems: string[] };

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);
const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Parses `spec.selector`. The caller decides what nil means: the PV controller never converts a nil selector (no
 * filter); `{}` has no requirements and matches every label set (labels.Everything()).
 */
export function parseLabelSelector(value: unknown): SelectorResult {
  const object = asObject(value);
  if (!object) return { ok: false, problems: ['the selector must be a mapping with matchLabels and/or matchExpressions'] };
  const problems: string[] = [];
  const requirements: Requirement[] = [];
  const matchLabels = object['matchLabels'];
  if (matchLabels !== undefined && matchLabels !== null) {
    const labels = asObject(matchLabels);
    if (!labels) problems.push('matchLabels must be a mapping of label keys to values');
    for (const [key, raw] of Object.entries(labels ?? {})) {
      const label = labelValue(raw);
      checkKey(key, `matchLabels`, problems);
      if (label === undefined || !isLabelValue(label)) problems.push(`matchLabels["${key}"]: ${JSON.stringify(raw)} is not a valid label value`);
      requirements.push({ key, operator: 'Equals', values: [label ?? ''] });
    }
  }
  const expressions = object['matchExpressions'];
  if (expressions !== undefined && expressions !== null && !Array.isArray(expressions)) problems.push('matchExpressions must be a list');
  asArray(expressions).forEach((item, index) => {
    const where = `matchExpressions[${index}]`;
    const expression = asObject(item);
    if (!expression) return void problems.push(`${where} must be a mapping with key, operator and values`);
    const key = expression['key'];
    const operator = expression['operator'];
    const rawValues = expression['values'];
    if (typeof key !== 'string') return void problems.push(`${where}.key is required`);
    checkKey(key, where, problems);
    if (typeof operator !== 'string' || !OPERATORS.has(operator)) {
      return void problems.push(`${where}.operator ${JSON.stringify(operator ?? null)} is not a valid operator: use In, NotIn, Exists or DoesNotExist`);
    }
    const values = asArray(rawValues).map(labelValue);
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0) problems.push(`${where}: operator ${operator} needs at least one value`);
    if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) problems.push(`${where}: operator ${operator} takes no values`);
    values.forEach((value, valueIndex) => {
      if (value === undefined || !isLabelValue(value)) problems.push(`${where}.values[${valueIndex}] is not a valid label value`);
    });
    requirements.push({ key, operator: operator as Operator, values: values.map((value) => value ?? '') });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, selector: { requirements } };
}

/** Do these labels satisfy every requirement? NotIn and DoesNotExist hold when the key is absent; In and Equals fail. */
export function selectorMatches(selector: Selector, labels: Readonly<Record<string, string>>): boolean {
  return selector.requirements.every(({ key, operator, values }) => {
    const has = Object.hasOwn(labels, key);
    const value = labels[key];
    switch (operator) {
      case 'Equals':
      case 'In':
        return has && values.includes(value!);
      case 'NotIn':
        return !has || !values.includes(value!);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
    }
  });
}

/** Labels of an object, as strings: YAML may give numbers or booleans, which the API server would refuse anyway. */
export function labelsOf(metadata: unknown): Record<string, string> {
  const labels = asObject(asObject(metadata)?.['labels']) ?? {};
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    const text = labelValue(value);
    if (text !== undefined) result[key] = text;
  }
  return result;
}

/** The selector as text, for messages: `usage=myservice-pv, tier in (db)`. */
export function describeSelector(selector: Selector): string {
  if (selector.requirements.length === 0) return '{} (everything)';
  return selector.requirements
    .map(({ key, operator, values }) => {
      switch (operator) {
        case 'Equals':
          return `${key}=${values[0]}`;
        case 'In':
          return `${key} in (${values.join(', ')})`;
        case 'NotIn':
          return `${key} notin (${values.join(', ')})`;
        case 'Exists':
          return key;
        case 'DoesNotExist':
          return `!${key}`;
      }
    })
    .join(', ');
}

function labelValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null) return '';
  return undefined;
}

/** A label value: empty, or up to 63 characters of [A-Za-z0-9_.-] starting and ending alphanumeric. */
function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && NAME.test(value));
}

/** A qualified name: an optional DNS-subdomain prefix (≤253) and `/`, then a name of at most 63 characters. */
function checkKey(key: string, where: string, problems: string[]): void {
  const parts = key.split('/');
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  const prefix = parts.length === 2 ? parts[0]! : undefined;
  const valid =
    parts.length <= 2 && name.length > 0 && name.length <= 63 && NAME.test(name) && (prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix)));
  if (!valid) problems.push(`${where}: "${key}" is not a valid label key`);
}
