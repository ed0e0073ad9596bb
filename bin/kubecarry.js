#!/usr/bin/env node
// dist/kubecarry.js is the command line bundled in one file (scripts/bundle-cli.mjs): it loads several times faster.
import { main, readStdin } from '../dist/kubecarry.js';

const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  readStdin,
});
process.exitCode = code;
