import fc from 'fast-check';
import { stringify } from 'yaml';
import { expect, it, vi } from 'vitest';
import { fixFiles } from '../../src/engine/fix-files.js';
import { lintFiles } from '../../src/engine/linter.js';
import { parseYaml } from '../../src/parse/parse-yaml.js';
import type { Path } from '../../src/engine/types.js';
import { EVERY_RULE, ruleFixtures, runs, TIMEOUT } from './runs.js';

/** While `reads.seen` is set, the fast parser hands out values that record every path read from them. */
const reads = vi.hoisted(() => ({ seen: undefined as Set<string> | undefined }));
vi.mock('../../src/parse/fast-yaml.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/parse/fast-yaml.js')>();
  const { recordReads } = await import('./record-reads.js');
  return {
    ...original,
    parseFast(text: string) {
      const parsed = original.parseFast(text);
      const seen = reads.seen;
      if (!seen) return parsed;
      return { ...parsed, documents: parsed.documents.map((document) => ({ ...document, value: recordReads(document.value, [document.index], seen) })) };
    },
  };
});

/**
 * Kept manifests are copies of the parser's values (to free the parse): the recorder needs the rules to read its own
 * values, and the copy would read every path of them at once. The copy does not change what rules see.
 */
vi.mock('../../src/engine/kept-values.js', () => ({ detachedCopy: <T>(value: T): T => value }));

/** Every path the engine and the rules read in the rules' fixtures. */
const fixtures = ruleFixtures();
const readPaths = fixtures.flatMap((fixture, i) => {
  reads.seen = new Set();
  lintFiles([fixture], { ...EVERY_RULE, computeFixes: false });
  const paths = [...reads.seen].map((json) => {
    const [docIndex, ...path] = JSON.parse(json) as [number, ...Path];
    return { fixture: i, docIndex, path };
  });
  reads.seen = undefined;
  return paths;
});

/** What a value may be instead of what a rule expects. `undefined` removes the key. */
const WRONG = [null, undefined, '', 'x', 0, -1, 1.5, 2 ** 53, true, {}, [], [null], { a: { b: null } }, [[1]], 'Delete', '1Gi'];

function substitute(document: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(document);
  let parent = copy as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) parent = parent?.[segment] as Record<string | number, unknown>;
  if (parent === null || typeof parent !== 'object') return copy;
  const key = path.at(-1)!;
  if (value === undefined) delete parent[key];
  else parent[key] = value;
  return copy;
}

it('the rules read hundreds of paths in their fixtures (the recorder works)', () => {
  expect(readPaths.length).toBeGreaterThan(500);
  expect(readPaths.map(({ path }) => path.join('.'))).toContain('spec.persistentVolumeReclaimPolicy');
});

/**
 * Valid YAML in the wrong shape, made by putting a wrong type at a path a rule or the engine reads: no rule throws, every
 * file gets its result, and a fix of such a file parses and is final.
 */
it('no rule throws on a wrong type anywhere it looks; fixes of such files parse and are idempotent', () => {
  fc.assert(
    fc.property(fc.constantFrom(...readPaths), fc.constantFrom(...WRONG), ({ fixture, docIndex, path }, wrong) => {
      const documents = parseYaml(fixtures[fixture]!.text).documents.map((document) => document.value);
      documents[docIndex] = substitute(documents[docIndex], path, wrong);
      const text = documents.map((value) => stringify(value, { version: '1.1' })).join('---\n');
      const input = { filePath: fixtures[fixture]!.filePath, text };
      for (const parser of ['fast', 'full'] as const) {
        const { results, internalErrors } = lintFiles([input], { ...EVERY_RULE, parser });
        expect(internalErrors).toEqual([]);
        expect(results).toHaveLength(1);
      }
      const fixed = fixFiles([input], EVERY_RULE);
      expect(fixed.internalErrors).toEqual([]);
      const output = fixed.results[0]!.output;
      if (output === undefined) return;
      expect(parseYaml(output).errors).toEqual([]);
      expect(fixFiles([{ ...input, text: output }], EVERY_RULE).results[0]!.output).toBeUndefined();
    }),
    runs(30),
  );
}, TIMEOUT);
