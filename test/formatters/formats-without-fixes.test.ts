import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../src/config/load.js';
import { lintFiles } from '../../src/engine/linter.js';
import { FORMATS_WITHOUT_FIXES, loadFormatter } from '../../src/formatters/load-formatter.js';
import { writeReport } from '../../src/cli/outputs.js';
import { rules } from '../../src/rules/index.js';
import { formatterContext } from '../helpers/lint-texts.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

/** The bundled example linted as the CLI lints it, with fixes and suggestions rendered as edits or not. */
function lintExample(computeFixes: boolean) {
  const inputs = fg.sync('**/*.yaml', { cwd: EXAMPLES, absolute: true }).map((filePath) => ({ filePath, text: readFileSync(filePath, 'utf8') }));
  return lintFiles(inputs, { rules: resolveRules(rules, 'migration'), kubernetesVersion: [1, 34] as const, reportUnusedDisableDirectives: 0, computeFixes }).results;
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
    const formatter = await loadFormatter(format, EXAMPLES);
    const print = async (results: typeof rendered) => {
      let text = '';
      writeReport(await formatter(results, formatterContext(EXAMPLES)), (part) => (text += part));
      return text;
    };
    const report = await print(rendered);
    expect(report.length).toBeGreaterThan(100);
    expect(await print(described)).toBe(report);
  });

  it('json prints the edits, so it gets them', async () => {
    const formatter = await loadFormatter('json', EXAMPLES);
    let text = '';
    writeReport(await formatter(rendered, formatterContext(EXAMPLES)), (part) => (text += part));
    expect(text).toContain('"fix":{"range":');
  });
});
