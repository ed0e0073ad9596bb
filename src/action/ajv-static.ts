import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** The action bundle's stand-in for src/config/ajv.ts: a static import that esbuild can bundle. */
export function loadAjv2020(): typeof Ajv2020 {
  return Ajv2020;
}

export function loadAjv(): typeof Ajv {
  return Ajv;
}
