import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, readdirSync, watch } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { WITHOUT_SHAPE_RULES } from './helpers/witness-rules.js';
import { parseYaml } from '../src/parse/parse-yaml.js';
import { TEMPORARY_FILE } from '../src/engine/write-atomic.js';
import { WRITES_IN_FLIGHT } from '../src/engine/write-fixed.js';
import { BIN, makeTree, runCli } from './helpers/run-cli.js';

const FILES = 120;
/** Files of different sizes (comments), each with one fixable problem. */
const original = (i: number) =>
  `# volume ${i}\n${'# padding\n'.repeat(i % 40)}apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-${i}\nspec:\n  capacity: {storage: 1Gi}\n  persistentVolumeReclaimPolicy: Delete\n`;
const fixed = (i: number) => original(i).replace('Delete', 'Retain');
const name = (i: number) => `pv-${String(i).padStart(3, '0')}.yaml`;

/** Temporary files of kubecarry's atomic writes, by the file they were for. */
const temporaries = (cwd: string) => readdirSync(cwd).filter((entry) => TEMPORARY_FILE.test(entry));

/**
 * Kills `kubecarry lint --fix` with SIGKILL at several moments of its write phase (found by watching for its first
 * temporary file or rewritten file) and checks that every file is then exactly its old or its new text, that at most
 * the temporary file of the write in progress is left (SIGKILL cannot be cleaned up after), and that the next run
 * ignores it and finishes the job.
 */
it('SIGKILL at any moment of --fix leaves every file old or new, never damaged', async () => {
  const files = Object.fromEntries(Array.from({ length: FILES }, (_, i) => [name(i), original(i)]));
  let interrupted = 0;
  // Kill at the first write, and a little later; again on a busy machine until some kill lands mid-way (at most 8 runs).
  for (let attempt = 0; attempt < 8 && (attempt < 3 || interrupted === 0); attempt++) {
    const delay = [0, 3, 15][attempt % 3]!;
    const cwd = makeTree(files);
    const child = spawn(process.execPath, [BIN, 'lint', '--no-config-lookup', ...WITHOUT_SHAPE_RULES, '--fix', '.'], { cwd, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // The directory's first change is the first temporary file of the write phase.
    const watcher = watch(cwd);
    await Promise.race([once(watcher, 'change'), exited]);
    watcher.close();
    if (delay > 0) await sleep(delay);
    child.kill('SIGKILL');
    await exited;

    let fixedCount = 0;
    for (let i = 0; i < FILES; i++) {
      const text = readFileSync(join(cwd, name(i)), 'utf8');
      expect([original(i), fixed(i)], `${name(i)} after a kill ${delay} ms into the writes`).toContain(text);
      if (text === fixed(i)) fixedCount++;
    }
    // At most the writes in progress are left, hidden, each holding part of the new text.
    const left = temporaries(cwd);
    expect(left.length).toBeLessThanOrEqual(WRITES_IN_FLIGHT);
    for (const temporary of left) {
      const i = Number(/^\.pv-(\d+)\.yaml\./.exec(temporary)![1]);
      expect(fixed(i).startsWith(readFileSync(join(cwd, temporary), 'utf8'))).toBe(true);
    }
    if (fixedCount < FILES) interrupted++;

    // The next run lints no temporary file, fixes the rest and leaves no temporary file of its own.
    const again = runCli(['lint', '--no-config-lookup', ...WITHOUT_SHAPE_RULES, '--fix', '-f', 'json', '.'], { cwd });
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toHaveLength(FILES);
    for (let i = 0; i < FILES; i++) expect(readFileSync(join(cwd, name(i)), 'utf8')).toBe(fixed(i));
    expect(temporaries(cwd)).toEqual(left);
    expect(parseYaml(readFileSync(join(cwd, name(FILES - 1)), 'utf8')).errors).toEqual([]);
  }
  // The kills did land inside the write phase, before every file was written.
  expect(interrupted).toBeGreaterThan(0);
}, 300_000);
