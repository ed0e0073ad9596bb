/**
 * Names a message lists: a claim can tie with or fit thousands of volumes (every same-sized volume of its class), and
 * a volume be wanted by hundreds of claims; a message naming them all is megabytes no one reads. `kubecarry bindings
 * --format json` lists every candidate volume of a claim.
 */
export const NAMES_SHOWN = 5;

/**
 * `a and b` (or `a, b` with `separator`), or `a, b, c, d, e and 1,234 other volumes` past NAMES_SHOWN (one more is
 * named rather than counted).
 */
export function someOf(names: readonly string[], others: string, separator = ' and '): string {
  if (names.length <= NAMES_SHOWN + 1) return names.join(separator);
  return `${names.slice(0, NAMES_SHOWN).join(', ')} and ${(COUNT ??= new Intl.NumberFormat('en-US')).format(names.length - NAMES_SHOWN)} other ${others}`;
}

/** One formatter for every count: toLocaleString makes one a call, which costs more than the rest of the message. */
let COUNT: Intl.NumberFormat | undefined;
