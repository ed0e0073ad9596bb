import { join } from 'node:path';
import fg from 'fast-glob';
import { expect, it } from 'vitest';
import { lintFiles, type LintSettings } from '../src/engine/linter.js';
import { readSource } from '../src/engine/read-files.js';
import { rules } from '../src/rules/index.js';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus');

/** 2,450 real manifest files written by others: nothing may crash, every position must exist in its file, both parsers agree. */
it('lints the shared corpus of real manifests without internal errors, with valid positions', () => {
  const files = fg.sync('**/*.{yaml,yml,json}', { cwd: CORPUS, absolute: true, dot: true });
  expect(files.length).toBeGreaterThan(2000);
  // Read as kubecarry reads files (the corpus holds a UTF-16 file).
  const inputs = files.map((filePath) => readSource(filePath));
  const settings: LintSettings = {
    rules: rules.map((rule) => ({ rule, severity: 2, options: rule.meta.defaultOptions })),
    kubernetesVersion: [1, 34],
    reportUnusedDisableDirectives: 0,
  };
  const { results, internalErrors } = lintFiles(inputs, settings);
  expect(internalErrors).toEqual([]);
  // The full parser (yaml's Documents, used for fixes) finds exactly the same, at the same positions.
  const full = lintFiles(inputs, { ...settings, parser: 'full' });
  expect(JSON.stringify(full.results)).toBe(JSON.stringify(results));
  const texts = new Map(inputs.map((input) => [input.filePath, input.text]));
  for (const result of results) {
    const lines = texts.get(result.filePath)!.split(/\r\n|\r|\n/);
    for (const message of result.messages) {
      // The corpus holds a few files with duplicate keys, which Kubernetes rejects; nothing else may fail to parse.
      if (message.fatal) expect(message.message, result.filePath).toContain('Map keys must be unique');
      expect(message.line).toBeGreaterThanOrEqual(1);
      expect(message.line).toBeLessThanOrEqual(lines.length);
      if (message.endLine === undefined) continue;
      expect(message.endLine).toBeGreaterThanOrEqual(message.line);
      expect(message.endColumn! - 1).toBeLessThanOrEqual(lines[message.endLine - 1]!.length);
    }
  }
  // The schema rule compiles the schemas of every kind in the corpus (from the sources: no precompiled validators).
}, 120_000); // Two full lints of 2,450 files: well over the default 30 s on a loaded machine.
