import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../src/config/load.js';
import { lintFiles } from '../../src/engine/linter.js';
import { FORMATS_WITHOUT_FIXES, FORMATS_WITHOUT_SOURCE, loadFormatter } from '../../src/formatters/load-formatter.js';
import { writeReport } from '../../src/cli/outputs.js';
import { rules } from '../../src/rules/index.js';
import { formatterContext } from '../helpers/lint-texts.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

/** The bundled example linted as the CLI lints it, with fixes and suggestions rendered as edits or not. */
function lintExample(computeFixes: boolean, omitSource = false) {
  const inputs = fg.sync('**/*.yaml', { cwd: EXAMPLES, absolute: true }).map((filePath) => ({ filePath, text: readFileSync(filePath, 'utf8') }));
  const settings = { rules: resolveRules(rules, 'migration'), kubernetesVersion: [1, 34] as const, reportUnusedDisableDirectives: 0 as const, computeFixes, omitSource };
  return lintFiles(inputs, settings).results;
}

async function print(format: string, results: ReturnType<typeof lintExample>): Promise<string> {
  const formatter = await loadFormatter(format, EXAMPLES);
  let text = '';
  writeReport(await formatter(results, formatterContext(EXAMPLES)), (part) => (text += part));
  return text;
}

describe('formats that print no fixes are not given any (rendering them costs more than linting)', () => {
  const rendered = lintExample(true);
  const described = lintExample(false);

  it('the example has fixes and suggestions to render, and only their edits differ', () => {
    const messages = rendered.flatMap((result) => result.messages);
    expect(messages.some((message) => message.fix)).toBe(true);
    expect(messages.some((message) => message.suggestions?.some((suggestion) => suggestion.fix))).toBe(true);
    expect(described.flatMap((result) => result.messages).some((message) => message.fix)).toBe(false);
  });

  it.each([...FORMATS_WITHOUT_FIXES])('%s prints the same report either way', async (format) => {
    const report = await print(format, rendered);
    expect(report.length).toBeGreaterThan(100);
    expect(await print(format, described)).toBe(report);
  });

  it('json prints the edits, so it gets them', async () => {
    expect(await print('json', rendered)).toContain('"fix":{"range":');
  });
});

describe("formats that never read a result's source are not given it (on a large tree it is the tree's text)", () => {
  const withSource = lintExample(false);
  const withoutSource = lintExample(false, true);

  it('only the source differs', () => {
    expect(withSource.some((result) => result.source)).toBe(true);
    expect(withoutSource.some((result) => result.source !== undefined)).toBe(false);
    expect(withoutSource).toEqual(withSource.map(({ source: _, ...result }) => result));
  });

  it.each([...FORMATS_WITHOUT_SOURCE])('%s prints the same report either way', async (format) => {
    expect(await print(format, withoutSource)).toBe(await print(format, withSource));
  });

  it('sarif and json read it, so they get it', async () => {
    for (const format of ['sarif', 'json']) expect(await print(format, withoutSource)).not.toBe(await print(format, withSource));
  });
});
