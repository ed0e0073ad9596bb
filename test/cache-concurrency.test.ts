// --cache with --concurrency: a cache with nothing to reuse is filled by a worker run (src/engine/lint-paths.ts).
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fg from 'fast-glob';
import { expect, it } from 'vitest';
// From dist/: worker threads load the built worker (npm test builds first).
import { lintPaths } from '../dist/engine/lint-paths.js';
import type { LintSettings } from '../src/engine/linter.js';
import { rules } from '../src/rules/index.js';
import { resolveRules } from '../src/config/load.js';

const GENERATOR = join(import.meta.dirname, '..', '..', 'shared', 'bench', 'gen-corpus.mjs');
const settings: LintSettings = { rules: resolveRules(rules, 'recommended'), kubernetesVersion: [1, 34], reportUnusedDisableDirectives: 0 };

it('a cold cache filled by workers holds exactly what a single-threaded run writes, and serves the next runs', async () => {
  const root = mkdtempSync(join(tmpdir(), 'kubecarry-cache-workers-'));
  // ~100 files with claims and volumes across them, so cross-document findings reach files in both workers.
  execFileSync(process.execPath, [GENERATOR, join(root, 'tree'), '1000'], { stdio: 'ignore' });
  // One path deleted since discovery: a fatal result, never cached.
  const paths = [...fg.sync('**/*.yaml', { cwd: join(root, 'tree'), absolute: true }).sort(), join(root, 'tree', 'gone.yaml')];
  const run = (threads: number, cache: string) => lintPaths(paths, settings, { threads, cacheLocation: join(root, cache), version: 'test' });

  const single = await run(0, 'single');
  const workers = await run(2, 'workers');
  expect(workers.linted).toBe(paths.length - 1);
  // Equal but for the missing file's message, which names the call that failed: `open` in a worker, `stat` in this
  // thread, which looks at a file before reading it. So the workers read the files.
  const same = (results: typeof single.results) => JSON.stringify(results.slice(0, -1));
  expect(workers.results.at(-1)!.messages[0]!.message).toMatch(/^Cannot read file: ENOENT: no such file or directory, open /);
  expect(single.results.at(-1)!.messages[0]!.message).toMatch(/^Cannot read file: ENOENT: no such file or directory, stat /);
  expect(workers.results.some((result) => result.messages.some((message) => message.ruleId === 'pvc-binding'))).toBe(true);
  expect(same(workers.results)).toBe(same(single.results));
  expect(readFileSync(join(root, 'workers'), 'utf8')).toBe(readFileSync(join(root, 'single'), 'utf8'));

  const warm = await run(2, 'workers');
  expect(warm.linted).toBe(0);
  expect(JSON.stringify(warm.results)).toBe(JSON.stringify(single.results));

  // A cache with entries to reuse: the changed file alone is linted again, in this thread.
  appendFileSync(paths[0]!, '# changed\n');
  const changed = await run(2, 'workers');
  expect(changed.linted).toBe(1);
  const fresh = await lintPaths(paths, settings, { threads: 0, version: 'test' });
  expect(same(changed.results)).toBe(same(fresh.results));
}, 120_000);
