import type { SourceMap } from './types.js';

/**
 * Stands in for a source map that lives in another thread, only in the cache, or in a context file nobody reports on.
 * (A module of its own: a run that takes every file from the cache loads it without the parsers.)
 */
export const NO_SOURCE: SourceMap = new Proxy({} as SourceMap, {
  get() {
    throw new Error('cross-document rules may not read source positions; report paths instead');
  },
});
