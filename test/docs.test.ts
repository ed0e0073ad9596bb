// Checks the examples in each rule's docs, as ESLint's check-rule-examples does: every ```yaml incorrect block must
// give at least one finding of the rule, every ```yaml correct block none, with only that rule on at its defaults.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKubernetesVersion } from '../src/config/kubernetes-version.js';
import type { AnyRule } from '../src/engine/rule.js';
import { lintFiles } from '../src/engine/linter.js';
import { rules } from '../src/rules/index.js';

const DOCS = join(import.meta.dirname, '..', 'docs', 'rules');
const END_GENERATED = '<!-- end generated -->';
const DEFAULT_VERSION = '1.34';

interface Example {
  kind: 'incorrect' | 'correct';
  code: string;
  /** 1-based line of the opening fence in the doc, for failure messages. */
  line: number;
  kubernetesVersion: string;
}

/** The line index where the hand-written part of a rule's doc starts: after the generated block. */
function handWrittenStart(lines: readonly string[]): number {
  return lines.findIndex((line) => line.trim() === END_GENERATED) + 1;
}

/**
 * The ```yaml incorrect / ```yaml correct blocks of a doc. A `<!-- kubernetes-version: x.y -->` line just before a
 * block (blank lines allowed between) sets the target version for that block.
 */
function examplesOf(lines: readonly string[]): Example[] {
  const examples: Example[] = [];
  for (let i = handWrittenStart(lines); i < lines.length; i++) {
    const open = /^```yaml\s+(incorrect|correct)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const close = lines.findIndex((line, index) => index > i && /^```\s*$/.test(line));
    if (close === -1) throw new Error(`unclosed code block at line ${i + 1}`);
    let kubernetesVersion = DEFAULT_VERSION;
    let previous = i - 1;
    while (previous >= 0 && lines[previous]!.trim() === '') previous--;
    const version = previous >= 0 ? /^<!--\s*kubernetes-version:\s*(\S+)\s*-->$/.exec(lines[previous]!.trim()) : null;
    if (version) kubernetesVersion = version[1]!;
    examples.push({ kind: open[1] as Example['kind'], code: `${lines.slice(i + 1, close).join('\n')}\n`, line: i + 1, kubernetesVersion });
    i = close;
  }
  return examples;
}

function lint(rule: AnyRule, example: Example, filePath: string) {
  const { results, internalErrors } = lintFiles([{ filePath, text: example.code }], {
    rules: [{ rule, severity: 2, options: rule.meta.defaultOptions }],
    kubernetesVersion: parseKubernetesVersion(example.kubernetesVersion),
    reportUnusedDisableDirectives: 0,
  });
  expect(internalErrors).toEqual([]);
  return results[0]!.messages;
}

const describeMessages = (messages: { line: number; ruleId: string | null; message: string }[]) =>
  messages.map((message) => `${message.line}: ${message.ruleId ?? '(fatal)'}: ${message.message}`);

for (const rule of rules) {
  describe(`docs/rules/${rule.id}.md`, () => {
    const path = join(DOCS, `${rule.id}.md`);
    const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
    const handWritten = lines.slice(handWrittenStart(lines));
    const examples = examplesOf(lines);

    it('has the hand-written sections and both kinds of examples', () => {
      expect(existsSync(path), path).toBe(true);
      for (const heading of ['## Why', '## Examples', '## How to fix']) {
        expect(handWritten.some((line) => line.trim() === heading), `missing "${heading}"`).toBe(true);
      }
      expect(examples.some((example) => example.kind === 'incorrect'), 'no ```yaml incorrect block').toBe(true);
      expect(examples.some((example) => example.kind === 'correct'), 'no ```yaml correct block').toBe(true);
    });

    for (const example of examples) {
      it(`${example.kind} example at line ${example.line} (Kubernetes ${example.kubernetesVersion})`, () => {
        // Complete manifests only: a fragment would be skipped silently and prove nothing.
        expect(example.code).toMatch(/^apiVersion:/m);
        expect(example.code).toMatch(/^kind:/m);
        const messages = lint(rule, example, join(DOCS, `${rule.id}-example-line-${example.line}.yaml`));
        expect(describeMessages(messages.filter((message) => message.fatal))).toEqual([]);
        if (example.kind === 'incorrect') {
          expect(messages.some((message) => message.ruleId === rule.id), 'an incorrect example must be reported').toBe(true);
        } else {
          expect(describeMessages(messages)).toEqual([]);
        }
      });
    }
  });
}
