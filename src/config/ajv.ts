import { createRequire } from 'node:module';
import type { Ajv } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';

/**
 * ajv takes tens of milliseconds to load: required only when there is something to validate.
 * The action bundle swaps this module for a static import (scripts/build-action.mjs), as it ships without node_modules.
 */
export function loadAjv2020(): typeof Ajv2020 {
  return (createRequire(import.meta.url)('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 }).Ajv2020;
}

/** ajv for draft-07 schemas (the Kubernetes schemas), loaded as lazily. */
export function loadAjv(): typeof Ajv {
  return (createRequire(import.meta.url)('ajv') as { Ajv: typeof Ajv }).Ajv;
}
