#!/usr/bin/env node
// CPU time of each thread of a command (Linux): `node bench/thread-cpu.mjs node bin/kubecarry.js lint ... --concurrency 2`.
// Samples /proc/<pid>/task/*/stat every 20 ms, so it sees worker threads that end before the process does. On a
// shared machine wall time says little; the main thread's busy time against the workers' says what an idle machine
// would do. Prints one row per thread (main, workers, V8 and libuv helpers) and a timeline of busy threads.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICK = 100; // USER_HZ on Linux
const SLICE_MS = Number(process.env.SLICE_MS ?? 1000);
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node bench/thread-cpu.mjs <command> [args...]');
  process.exit(2);
}

const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
const start = performance.now();
/** tid → { name, first, last, cpu (ticks), timeline: ticks per slice } */
const threads = new Map();

function sample() {
  const now = performance.now() - start;
  let tids;
  try {
    tids = readdirSync(`/proc/${child.pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    let stat;
    try {
      stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const close = stat.lastIndexOf(')');
    const name = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    const cpu = Number(fields[11]) + Number(fields[12]); // utime + stime
    let thread = threads.get(tid);
    if (!thread) threads.set(tid, (thread = { name, first: now, last: now, cpu: 0, timeline: [] }));
    const slice = Math.floor(now / SLICE_MS);
    const added = cpu - thread.cpu;
    thread.timeline[slice] = (thread.timeline[slice] ?? 0) + added;
    thread.cpu = cpu;
    thread.last = now;
    thread.name = name;
  }
}

const timer = setInterval(sample, 20);
child.on('exit', (code) => {
  clearInterval(timer);
  const wall = (performance.now() - start) / 1000;
  const rows = [...threads.entries()].filter(([, t]) => t.cpu > 0).sort((a, b) => b[1].cpu - a[1].cpu);
  const total = rows.reduce((sum, [, t]) => sum + t.cpu, 0) / TICK;
  if (process.env.JSON) {
    // The process's first thread is its main thread; threads that ran JavaScript besides it are workers, the rest V8's and libuv's helpers.
    const main = threads.get(String(child.pid));
    const cpus = rows.map(([tid, t]) => ({ tid, name: t.name, cpu: t.cpu / TICK }));
    console.log(JSON.stringify({ code, wall, total, main: (main?.cpu ?? 0) / TICK, threads: cpus }));
    return;
  }
  console.log(`exit ${code}, wall ${wall.toFixed(2)} s, CPU ${total.toFixed(2)} s (threads sampled every 20 ms)`);
  const slices = Math.ceil((wall * 1000) / SLICE_MS);
  for (const [tid, t] of rows) {
    const line = Array.from({ length: slices }, (_, i) => {
      const busy = (t.timeline[i] ?? 0) / TICK / (SLICE_MS / 1000);
      return busy >= 0.75 ? '#' : busy >= 0.4 ? '+' : busy >= 0.1 ? '.' : ' ';
    }).join('');
    console.log(`${String(tid).padStart(8)} ${t.name.padEnd(16)} ${(t.cpu / TICK).toFixed(2).padStart(7)} s  |${line}|`);
  }
});
