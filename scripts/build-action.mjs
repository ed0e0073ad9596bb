#!/usr/bin/env node
// Bundles the GitHub Action (src/action/index.ts) into action/index.js, one file that runs without node_modules.
// The bundle is committed: `npm run build:action` after changing src/, and test/action-bundle.test.ts fails when stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(root, 'action', 'index.js');

/** The bundle's text. Deterministic: the same sources and dependencies give the same bytes. */
export async function bundleAction() {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/action/index.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    outfile: BUNDLE,
    legalComments: 'eof',
    logLevel: 'warning',
    define: { __KUBECARRY_VERSION__: JSON.stringify(version) },
    // Bundled CommonJS dependencies call require() for Node's built-ins.
    banner: { js: "import { createRequire as __kubecarryRequire } from 'node:module';\nconst require = __kubecarryRequire(import.meta.url);" },
    plugins: [staticAjv],
  });
  return result.outputFiles[0].text;
}

/** src/config/ajv.ts loads ajv lazily through createRequire, which a bundle cannot follow: use the static twin. */
const staticAjv = {
  name: 'static-ajv',
  setup(build) {
    build.onResolve({ filter: /^\.\/ajv\.js$/ }, (args) =>
      args.importer.endsWith(join('src', 'config', 'load.ts')) ? { path: join(root, 'src', 'action', 'ajv-static.ts') } : undefined,
    );
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(BUNDLE, await bundleAction());
  console.log(`wrote ${BUNDLE}`);
}
