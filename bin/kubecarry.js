#!/usr/bin/env node
// dist/kubecarry.js is the command line bundled (scripts/bundle-cli.mjs): it loads several times faster than the modules.
import { main, readStdin } from '../dist/kubecarry.js';

// A reader that stops early (`kubecarry lint | head`) closes the pipe: stop writing, as cat and grep do, and keep the
// run's own exit code instead of crashing on EPIPE.
let stdoutClosed = false;
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
});

const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => stdoutClosed || process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  readStdin,
});
process.exitCode = code;
