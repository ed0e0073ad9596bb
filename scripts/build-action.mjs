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
    plugins: [standIns],
  });
  return result.outputFiles[0].text;
}

/** Modules a bundle cannot use as they are, and their stand-ins in src/action/. */
const STAND_INS = {
  // ajv is loaded lazily through createRequire, which a bundle cannot follow: a static import instead.
  [join(root, 'src', 'config', 'ajv.js')]: join(root, 'src', 'action', 'ajv-static.ts'),
  // The schemas are found relative to the module, and the bundle sits elsewhere than dist/schema.
  [join(root, 'src', 'schema', 'schema-dir.js')]: join(root, 'src', 'action', 'schema-dir-static.ts'),
};

const standIns = {
  name: 'stand-ins',
  setup(build) {
    build.onResolve({ filter: /\/(ajv|schema-dir)\.js$/ }, (args) => {
      const standIn = STAND_INS[join(args.resolveDir, args.path)];
      return standIn ? { path: standIn } : undefined;
    });
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(BUNDLE, await bundleAction());
  console.log(`wrote ${BUNDLE}`);
}
