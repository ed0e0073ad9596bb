import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const GENERATOR = join(import.meta.dirname, '..', '..', 'shared', 'bench', 'gen-corpus.mjs');

it('--concurrency gives results identical to a single-threaded run, in the same order', () => {
  const corpus = mkdtempSync(join(tmpdir(), 'kubecarry-corpus-'));
  // 3,000 manifests in ~300 files: several chunks per worker, cross-document claims and volumes across chunks.
  execFileSync(process.execPath, [GENERATOR, corpus, '3000'], { stdio: 'ignore' });
  const lint = (concurrency: string) => runCli(['lint', '.', '--no-config-lookup', '--preset', 'migration', '-f', 'json', '--concurrency', concurrency], { cwd: corpus });
  const off = lint('off');
  const two = lint('2');
  const three = lint('3');
  expect(off.status).toBe(1);
  const results = JSON.parse(off.stdout) as { messages: { ruleId: string }[] }[];
  expect(results.length).toBeGreaterThan(250);
  expect(results.some((result) => result.messages.some((message) => message.ruleId === 'pvc-pinned-volume'))).toBe(true);
  expect(two.stdout).toBe(off.stdout);
  expect(three.stdout).toBe(off.stdout);
  expect([two.status, three.status]).toEqual([1, 1]);
  // Three whole runs with fixes rendered (json): minutes on a loaded 2-core machine.
}, 300_000);
