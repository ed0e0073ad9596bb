import { describe, expect, it } from 'vitest';
import { AUTO_FILES_PER_WORKER, threadCount } from '../../src/engine/parallel.js';

describe('threadCount (--concurrency)', () => {
  it('off is no worker', () => {
    expect(threadCount('off', 100_000, 8)).toBe(0);
  });

  it('auto starts one worker per AUTO_FILES_PER_WORKER files, up to the cores, and none below two', () => {
    expect(threadCount('auto', 10, 8)).toBe(0);
    expect(threadCount('auto', AUTO_FILES_PER_WORKER, 8)).toBe(0);
    expect(threadCount('auto', AUTO_FILES_PER_WORKER + 1, 8)).toBe(2);
    expect(threadCount('auto', 3 * AUTO_FILES_PER_WORKER, 8)).toBe(3);
    expect(threadCount('auto', 10_000, 8)).toBe(8);
    expect(threadCount('auto', 10_000, 2)).toBe(2);
    expect(threadCount('auto', 10_000, 1)).toBe(0);
  });

  it('N is at most one worker per file, and 1 lints in this thread', () => {
    expect(threadCount('3', 100, 2)).toBe(3);
    expect(threadCount('3', 2, 2)).toBe(2);
    expect(threadCount('1', 100, 8)).toBe(0);
  });
});
