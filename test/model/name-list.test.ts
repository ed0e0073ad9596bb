import { describe, expect, it } from 'vitest';
import { NAMES_SHOWN, someOf } from '../../src/model/name-list.js';

const names = (count: number) => Array.from({ length: count }, (_, i) => `"v${i}"`);

describe('someOf', () => {
  it('names every name up to one past NAMES_SHOWN, joined by the separator', () => {
    expect(someOf(names(2), 'volumes')).toBe('"v0" and "v1"');
    expect(someOf(names(NAMES_SHOWN + 1), 'volumes', ', ')).toBe('"v0", "v1", "v2", "v3", "v4", "v5"');
  });

  it('counts the rest past that, with a thousands separator whatever the locale', () => {
    expect(someOf(names(NAMES_SHOWN + 2), 'claims')).toBe('"v0", "v1", "v2", "v3", "v4" and 2 other claims');
    expect(someOf(names(NAMES_SHOWN + 1234), 'volumes')).toBe('"v0", "v1", "v2", "v3", "v4" and 1,234 other volumes');
  });
});
