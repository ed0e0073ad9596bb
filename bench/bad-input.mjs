#!/usr/bin/env node
// npm run bench:bad-input: time and peak memory of whole `kubecarry lint` runs on hostile input at full size (the
// tests use small versions). Not part of npm test. Inputs are generated into bench/corpora/bad-input/ (git-ignored).
// `node bench/bad-input.mjs deep laughs` runs only the cases whose label contains one of the words.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'kubecarry.js');
const dir = join(here, 'corpora', 'bad-input');
const only = process.argv.slice(2);

const manifest = (i) =>
  `# volume ${i}\napiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-${i}\n  labels: {app: data, index: "${i}"}\nspec:\n  capacity: {storage: 10Gi}\n  accessModes: [ReadWriteOnce]\n  persistentVolumeReclaimPolicy: Delete\n  csi: {driver: ebs.csi.aws.com, volumeHandle: vol-${i}}\n`;

/** Each input is generated once; `make` writes it under `path`. */
const CASES = [
  {
    label: '100 MB file of 400,000 manifests',
    path: 'big/100mb.yaml',
    make(path) {
      const chunks = [];
      let size = 0;
      for (let i = 0; size < 100 * 1024 * 1024; i++) {
        const text = `${i ? '---\n' : ''}${manifest(i)}`;
        chunks.push(text);
        size += text.length;
      }
      writeFileSync(path, chunks.join(''));
    },
  },
  {
    label: '100,000 small files in one directory',
    path: 'many',
    make(path) {
      mkdirSync(path, { recursive: true });
      for (let i = 0; i < 100_000; i++) writeFileSync(join(path, `pv-${i}.yaml`), manifest(i));
    },
  },
  { label: 'a 100 MB line', path: 'long/line.yaml', make: (path) => writeFileSync(path, `${manifest(0)}  note: ${'x'.repeat(100 * 1024 * 1024)}\n`) },
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

console.log(`${'case'.padEnd(50)} ${'time'.padStart(9)} ${'peak RSS'.padStart(10)}  exit  first message`);
for (const { label, path, make } of CASES) {
  if (only.length > 0 && !only.some((word) => label.includes(word))) continue;
  const target = join(dir, path);
  if (!existsSync(target)) {
    mkdirSync(dirname(target), { recursive: true });
    make(target);
  }
  const start = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, 'lint', '--no-config-lookup', '--no-ignore', '-f', 'json', target], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rss = Number(run.stderr.trim().split('\n').pop()) / 1024;
  let first = run.stderr.trim().split('\n').slice(0, -1).join(' ').slice(0, 80);
  try {
    const results = JSON.parse(run.stdout);
    const message = results.flatMap((result) => result.messages)[0];
    first = `${results.length} result(s); ${message ? `${message.line}:${message.column} ${message.message}` : 'no messages'}`.slice(0, 110);
  } catch {
    // Not JSON: the error output says why.
  }
  console.log(`${label.padEnd(50)} ${seconds.toFixed(1).padStart(7)} s ${rss.toFixed(0).padStart(7)} MB  ${String(run.status).padStart(4)}  ${first}`);
}
