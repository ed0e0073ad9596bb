import { readFileSync } from 'node:fs';

/** Replaced by the action bundle's build (esbuild `define`), where package.json does not sit beside the code. */
declare const __KUBECARRY_VERSION__: string | undefined;

/** The package version, read once from package.json next to dist/. */
export const VERSION: string =
  typeof __KUBECARRY_VERSION__ === 'string'
    ? __KUBECARRY_VERSION__
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
