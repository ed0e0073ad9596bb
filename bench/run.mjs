#!/usr/bin/env node
// npm run bench: whole-process medians over generated corpora, with ratios against floors measured in the same run.
// Not part of npm test. Corpora are generated into bench/corpora/ (git-ignored) from ../shared/bench/gen-corpus.mjs.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const generator = join(root, '..', 'shared', 'bench', 'gen-corpus.mjs');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const only = process.argv.slice(2);

function corpus(name, count, ...flags) {
  const dir = join(here, 'corpora', name);
  if (!existsSync(dir)) execFileSync(process.execPath, [generator, dir, String(count), ...flags], { stdio: 'ignore' });
  return dir;
}

/**
 * Rows are measured in rounds: each round runs every row once, so a slow spell of this shared machine falls on all rows
 * alike instead of on the few measured during it, and the ratios compare runs made minutes apart at most. A row's
 * result is its median wall time (s), its median CPU time (s, user and system, every thread: V8 compiles and collects
 * garbage on other threads even in a single-threaded run) and its largest peak RSS (MB).
 */
const rows = [];
function row(label, command, args, { cwd = root, before } = {}) {
  const entry = { label, command, args, cwd, before, times: [], cpus: [], rss: 0, seconds: NaN };
  rows.push(entry);
  return entry;
}

function runOnce(entry) {
  entry.before?.();
  const start = process.hrtime.bigint();
  const child = spawnSync('/usr/bin/time', ['-f', '%M %U %S', entry.command, ...entry.args], { cwd: entry.cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  entry.times.push(Number(process.hrtime.bigint() - start) / 1e9);
  const [rss, user, system] = child.stderr.trim().split('\n').pop().split(' ').map(Number);
  entry.rss = Math.max(entry.rss, rss / 1024);
  entry.cpus.push(user + system);
  if (child.status !== 0 && child.status !== 1) throw new Error(`${entry.label} failed (${child.status}): ${child.stderr}`);
}

const node = process.execPath;
const bin = join(root, 'bin', 'kubecarry.js');
const lint = (dir, ...flags) => [bin, 'lint', dir, '--no-config-lookup', '--no-ignore', '-o', '/dev/null', ...flags];

const c10k = corpus('10k', 10_000);
const c100k = corpus('100k', 100_000);
const single = corpus('10k-single', 10_000, '--single-doc');
// Every row reads files from the page cache: a corpus read cold from disk the first time would charge its first row.
for (const dir of [c10k, c100k, single]) execFileSync(process.execPath, [join(here, 'floor-read.mjs'), dir], { stdio: 'ignore' });
console.log(`runs per row: ${runs}\n`);

const floor = row('read all files (10k)', node, [join(here, 'floor-read.mjs'), c10k]);
const jsYaml = row('js-yaml loadAll (10k)', node, [join(here, 'js-yaml-load.mjs'), c10k]);
const yamlFull = row('yaml parseAllDocuments (10k)', node, [join(here, 'yaml-parse.mjs'), c10k]);
const off10k = row('kubecarry lint (10k, off)', node, lint(c10k, '--concurrency', 'off'));
// The engine alone: reading, parsing with positions, directives and the report, with every rule turned off.
const ruleIds = JSON.parse(execFileSync(node, [bin, 'rules', '--format', 'json'], { encoding: 'utf8' })).map((rule) => rule.id);
const engine10k = row('kubecarry lint, every rule off (10k)', node, lint(c10k, '--concurrency', 'off', ...ruleIds.map((id) => `--rule=${id}: off`)));
const off100k = row('kubecarry lint (100k, off)', node, lint(c100k, '--concurrency', 'off'));
const auto100k = row('kubecarry lint (100k, auto)', node, lint(c100k, '--concurrency', 'auto'));
const cacheDir = mkdtempSync(join(tmpdir(), 'kubecarry-bench-cache-'));
const cacheFile = join(cacheDir, 'cache');
const cold = row('kubecarry lint --cache (10k, cold)', node, lint(c10k, '--cache', '--cache-location', cacheFile), { before: () => rmSync(cacheFile, { force: true }) });
const warm = row('kubecarry lint --cache (10k, warm)', node, lint(c10k, '--cache', '--cache-location', cacheFile));
// --fix rewrites its files: each run fixes a fresh copy of the 10k corpus, copied outside the timing.
const fixDir = join(mkdtempSync(join(tmpdir(), 'kubecarry-bench-fix-')), '10k');
const fix10k = row('kubecarry lint --fix (10k, off)', node, lint(fixDir, '--concurrency', 'off', '--fix'), {
  before: () => {
    rmSync(fixDir, { recursive: true, force: true });
    cpSync(c10k, fixDir, { recursive: true });
  },
});
const singleLint = row('kubecarry lint (10k single-doc)', node, lint(single));

let spectral;
if (!only.includes('--no-spectral')) {
  const peers = join(here, 'peers');
  if (!existsSync(join(peers, 'node_modules'))) execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: peers, stdio: 'inherit', env: { ...process.env, SCARF_ANALYTICS: 'false' } });
  const spectralBin = join(peers, 'node_modules', '.bin', 'spectral');
  spectral = row('spectral lint (10k single-doc, 5 rules)', spectralBin, ['lint', '--ruleset', join(here, 'spectral-ruleset.yaml'), '-q', '-f', 'json', '-o', '/dev/null', `${single}/**/*.yaml`]);
}

for (let round = 0; round < runs; round++) {
  console.error(`round ${round + 1} of ${runs}`);
  for (const entry of rows) runOnce(entry);
}
rmSync(dirname(fixDir), { recursive: true, force: true });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const entry of rows) {
  entry.seconds = median(entry.times);
  const cpu = median(entry.cpus);
  console.log(`${entry.label.padEnd(44)} ${entry.seconds.toFixed(2).padStart(7)} s ${cpu.toFixed(2).padStart(7)} s CPU ${entry.rss.toFixed(0).padStart(6)} MB`);
}

const ratio = (a, b) => (a.seconds / b.seconds).toFixed(2);
const cores = availableParallelism();
const ceiling = ((off100k.seconds * cores) / median(auto100k.cpus)).toFixed(2);
console.log(`
goal                                               ratio   target
1. lint 10k / js-yaml loadAll 10k                  ${ratio(off10k, jsYaml).padStart(6)}   <= 2
   (yaml parseAllDocuments / js-yaml: ${ratio(yamlFull, jsYaml)}; read floor / js-yaml: ${ratio(floor, jsYaml)};
    every rule off / js-yaml: ${ratio(engine10k, jsYaml)})
2. spectral single-doc / lint single-doc           ${spectral ? ratio(spectral, singleLint).padStart(6) : '   n/a'}   >= 20
3. lint 100k / lint 10k                            ${ratio(off100k, off10k).padStart(6)}   <= 11   (peak RSS 100k: ${off100k.rss.toFixed(0)} MB, <= 500)
4. lint 100k off / auto                            ${ratio(off100k, auto100k).padStart(6)}   >= 1.6
   (at most ${ceiling} on ${cores} cores: auto cannot take less than its CPU time spread over every core)
5. warm cache / cold run                           ${ratio(warm, cold).padStart(6)}   <= 0.10
6. --fix 10k / lint 10k                            ${ratio(fix10k, off10k).padStart(6)}   <= 3
`);
