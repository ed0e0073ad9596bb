import { defineConfig } from 'vitest/config';

/** `npm run fuzz`: the property tests of test/fuzz with 10,000 runs each (a few dozen in `npm test`). */
export default defineConfig({
  test: { include: ['test/fuzz/**/*.test.ts'], env: { FUZZ_RUNS: process.env['FUZZ_RUNS'] ?? '10000' }, testTimeout: 0 },
});
