/**
 * Documentation placeholders left in a value: `<name of the disk>`, `REPLACE_ME`, `TODO`, `xxxx`.
 *
 * Precision over recall, since a false alarm on a real value is worse than a missed placeholder:
 * - Only single-line values are searched. A multi-line value is a file's content (a script, a config file, HTML),
 *   whose own comments may say TODO and whose markup uses angle brackets.
 * - Template variables are not placeholders of this kind: `{{ .Values.x }}` (Helm, Go templates) and `${VAR}`
 *   (envsubst, Flux post-build substitution) are filled in by a tool before the manifest is applied, and their
 *   contents are not searched either.
 * - `<word>` must look like prose, not markup: no HTML tag name, no `</`, no `<a@b>` address.
 */

export interface Placeholder {
  /** The placeholder as it appears in the value. */
  text: string;
  /** Offset in the value. */
  index: number;
}

/** Tokens that mean "fill me in", whole words, case-insensitive. */
const TOKENS = /(?<![\w-])(?:REPLACE[_-]?ME|CHANGE[_-]?ME|FILL[_-]?ME[_-]?IN|YOUR[_-]VALUE[_-]HERE)(?![\w-])/gi;
/** Upper-case markers only: `todo` is also an ordinary word and an app name. */
const MARKERS = /(?<![\w-])(?:TODO|FIXME|TBD)(?![\w-])/g;
/** `xxx`, `XXXX`, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`: a run of at least three x standing alone. */
const EXES = /(?<![A-Za-z0-9_])(?:x{3,}|X{3,})(?:-(?:x{3,}|X{3,}))*(?![A-Za-z0-9_])/g;
/** `<name of the disk>`, `<your-pv-name>`, `<sub-id>`: a word, then words joined by spaces, `-`, `_`, `.`. */
const ANGLED = /<([A-Za-z][A-Za-z0-9]*(?:[ _.-]+[A-Za-z0-9]+)*)>/g;
/** Template variables, masked before searching. */
const TEMPLATES = /\{\{.*?\}\}|\$\{[^}]*\}/g;

/** Tag names that make `<word>` markup rather than a placeholder. */
const HTML_TAGS = new Set(
  'a abbr b body br code div em h1 h2 h3 h4 h5 h6 head hr html i img li ol p pre small span strong sub sup table tbody td th thead title tr u ul'.split(' '),
);

/**
 * A cheap first look: every placeholder has one of these; most values have none. `xxx`, not a lone `x`, which many
 * ordinary values hold (nginx, max, linux).
 */
const PREFILTER = /<|xxx|TODO|FIXME|TBD|replace|change|fill|your/i;

export function mayHoldPlaceholder(value: string): boolean {
  return PREFILTER.test(value) && !value.includes('\n') && !value.includes('\r');
}

export function findPlaceholders(value: string): Placeholder[] {
  if (!mayHoldPlaceholder(value)) return [];
  const masked = value.replace(TEMPLATES, (template) => ' '.repeat(template.length));
  const found: Placeholder[] = [];
  for (const pattern of [TOKENS, MARKERS, EXES]) {
    for (const match of masked.matchAll(pattern)) found.push({ text: match[0], index: match.index });
  }
  if (!masked.includes('</')) {
    for (const match of masked.matchAll(ANGLED)) {
      if (!HTML_TAGS.has(match[1]!.toLowerCase())) found.push({ text: match[0], index: match.index });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

export function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && findPlaceholders(value).length > 0;
}
