#!/usr/bin/env node
// Bundles the command line (src/cli/main.ts, what it imports and its dependencies) into dist/kubecarry.js, the module
// bin/kubecarry.js runs, as part of `npm run build`. A process that loads the ~120 compiled modules and ~100 CommonJS
// files of yaml, fast-glob and the others one by one spends about 0.35 s of CPU on it; one file takes about 0.05 s.
// What the code imports only when it needs it (`await import(...)`: the linter, the fixers, migrate, yaml, fast-glob)
// goes to chunks beside it, dist/kubecarry.chunk.*.js: a lint run that takes every file from the cache loads a third
// of the code. The lint worker (src/engine/worker.ts) is bundled the same way into dist/kubecarry-worker.js: each
// worker thread loads it (src/engine/parallel.ts). dist/ keeps the separate modules: the library API uses them.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
export const CLI_BUNDLE = join(dist, 'kubecarry.js');
export const WORKER_BUNDLE = join(dist, 'kubecarry-worker.js');
const CHUNK_PREFIX = 'kubecarry.chunk.';

/**
 * Each module finds files relative to itself (schemas, precompiled validators, package.json, the worker): in the bundle
 * its `import.meta.url` becomes the URL of its compiled twin in dist/, so it finds the same files.
 */
const compiledUrls = {
  name: 'compiled-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!args.path.startsWith(src) || !text.includes('import.meta.url')) return undefined;
      const twin = `./${relative(src, args.path).replace(/\.ts$/, '.js').split('\\').join('/')}`;
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(twin)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require() for Node's built-ins.
  banner: { js: "import { createRequire as __kubecarryRequire } from 'node:module';\nconst require = __kubecarryRequire(import.meta.url);" },
  plugins: [compiledUrls],
};

// Chunks of earlier builds: their names change with their content.
for (const name of readdirSync(dist)) if (name.startsWith(CHUNK_PREFIX)) rmSync(join(dist, name));

await Promise.all([
  // Split where the code imports a module when it needs it: a run loads what its command and path use (a lint that
  // takes every file from the cache neither the parsers nor the fixers). Chunks sit next to the bundle, as the
  // compiled-urls plugin wants.
  build({
    ...common,
    stdin: {
      contents: "export { main } from './src/cli/main.ts';\nexport { readStdin } from './src/cli/read-input.ts';\n",
      resolveDir: root,
      sourcefile: 'kubecarry.ts',
      loader: 'ts',
    },
    splitting: true,
    outdir: dist,
    entryNames: 'kubecarry',
    chunkNames: `${CHUNK_PREFIX}[name]-[hash]`,
  }),
  build({ ...common, entryPoints: [join(src, 'engine', 'worker.ts')], outfile: WORKER_BUNDLE }),
]);
