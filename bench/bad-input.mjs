#!/usr/bin/env node
// npm run bench:bad-input: time and peak memory of whole `kubecarry lint` runs on hostile input at full size (the
// tests use small versions). Not part of npm test. Inputs are generated into bench/corpora/bad-input/ (git-ignored).
// `node bench/bad-input.mjs deep laughs` runs only the cases whose label contains one of the words. The numbers measured
// on the development machine are in README.md (Guarantees).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'kubecarry.js');
const dir = join(here, 'corpora', 'bad-input');
const only = process.argv.slice(2);

const volume = (i) =>
  `# volume ${i}\napiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-${i}\n  labels: {app: data, index: "${i}"}\nspec:\n  capacity: {storage: 10Gi}\n  accessModes: [ReadWriteOnce]\n  persistentVolumeReclaimPolicy: Delete\n  csi: {driver: ebs.csi.aws.com, volumeHandle: vol-${i}}\n`;
const configMap = (i) => `# settings ${i}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${i}\n  labels: {app: web, index: "${i}"}\ndata:\n  mode: production\n  url: https://example.com/${i}\n  retries: "3"\n`;
const MB = 1024 * 1024;

/** `megabytes` of documents made by `document`, separated by `---`. */
function manyDocuments(path, megabytes, document) {
  const chunks = [];
  let size = 0;
  for (let i = 0; size < megabytes * MB; i++) {
    const text = `${i ? '---\n' : ''}${document(i)}`;
    chunks.push(text);
    size += text.length;
  }
  writeFileSync(path, chunks.join(''));
}

/** One ConfigMap of `megabytes` (its data lines), between two small PersistentVolumes that are still linted. */
function oneBigDocument(path, megabytes) {
  const lines = [];
  for (let i = 0, size = 0; size < megabytes * MB; i++) {
    const line = `  key-${i}: "${'v'.repeat(80)}"\n`;
    lines.push(line);
    size += line.length;
  }
  writeFileSync(path, `${volume(0)}---\n${configMap(0)}${lines.join('')}---\n${volume(1)}`);
}

/** Each input is generated once; `make` writes it under `path`. */
const CASES = [
  { label: '10 MB file of 37,000 PersistentVolumes', path: 'big/10mb-volumes.yaml', make: (path) => manyDocuments(path, 10, volume) },
  { label: '10 MB file of 54,000 ConfigMaps', path: 'big/10mb-configmaps.yaml', make: (path) => manyDocuments(path, 10, configMap) },
  { label: '100 MB file of 364,000 PersistentVolumes', path: 'big/100mb-volumes.yaml', make: (path) => manyDocuments(path, 100, volume) },
  { label: '100 MB file of 529,000 ConfigMaps', path: 'big/100mb-configmaps.yaml', make: (path) => manyDocuments(path, 100, configMap) },
  // V8 grows its heap lazily, so peak RSS overstates what a run needs: the same file with the heap capped.
  { label: '  the same, JavaScript heap capped at 300 MB', path: 'big/100mb-configmaps.yaml', heap: 300, make: (path) => manyDocuments(path, 100, configMap) },
  { label: 'a 2.9 MB document (under the limit)', path: 'big/2.9mb-document.yaml', make: (path) => oneBigDocument(path, 2.9) },
  { label: 'a 10 MB document', path: 'big/10mb-document.yaml', make: (path) => oneBigDocument(path, 10) },
  { label: 'a 100 MB document', path: 'big/100mb-document.yaml', make: (path) => oneBigDocument(path, 100) },
  {
    label: '100,000 small files in one directory',
    path: 'many',
    make(path) {
      mkdirSync(path, { recursive: true });
      for (let i = 0; i < 100_000; i++) writeFileSync(join(path, `pv-${i}.yaml`), volume(i));
    },
  },
  { label: 'a 100 MB line', path: 'long/line.yaml', make: (path) => writeFileSync(path, `${volume(0)}  note: ${'x'.repeat(100 * 1024 * 1024)}\n`) },
  { label: 'flow nesting 1,000,000 deep', path: 'deep/flow.yaml', make: (path) => writeFileSync(path, `a: ${'['.repeat(1e6)}${']'.repeat(1e6)}\n`) },
  {
    label: 'block nesting 10,000 deep (50 MB of indentation)',
    path: 'deep/block.yaml',
    make(path) {
      const lines = [];
      for (let depth = 0; depth < 10_000; depth++) lines.push(`${' '.repeat(depth)}k:\n`);
      writeFileSync(path, lines.join(''));
    },
  },
  {
    label: 'billion laughs (10^9 nodes if expanded)',
    path: 'laughs/laughs.yaml',
    make(path) {
      const keys = 'abcdefghi';
      let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
      for (let i = 1; i < keys.length; i++) text += `  ${keys[i]}: &${keys[i]} [${Array(10).fill(`*${keys[i - 1]}`).join(',')}]\n`;
      writeFileSync(path, text);
    },
  },
];

console.log(`${'case'.padEnd(50)} ${'time'.padStart(9)} ${'peak RSS'.padStart(10)}  exit  problems; first message`);
for (const { label, path, make, heap } of CASES) {
  if (only.length > 0 && !only.some((word) => label.includes(word))) continue;
  const target = join(dir, path);
  if (!existsSync(target)) {
    mkdirSync(dirname(target), { recursive: true });
    make(target);
  }
  // The default (stylish) output: other formats also render every fix as a text edit, which is a separate cost.
  const start = process.hrtime.bigint();
  const node = heap ? [process.execPath, `--max-old-space-size=${heap}`] : [process.execPath];
  const run = spawnSync('/usr/bin/time', ['-f', '%M', ...node, bin, 'lint', '--no-config-lookup', '--no-ignore', '--no-color', target], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const errors = run.stderr.trim().split('\n');
  const rss = Number(errors.pop()) / 1024;
  const lines = run.stdout.split('\n');
  const problems = /✖ (\d+) problems?/.exec(run.stdout)?.[1] ?? '0';
  const first = lines.find((line) => /^\s+\d+:\d+\s/.test(line))?.trim().replace(/\s+/g, ' ') ?? errors[0] ?? '';
  console.log(`${label.padEnd(50)} ${seconds.toFixed(1).padStart(7)} s ${rss.toFixed(0).padStart(7)} MB  ${String(run.status).padStart(4)}  ${problems}; ${first.slice(0, 100)}`);
}
