#!/usr/bin/env node
import { main } from '../dist/cli/main.js';
import { readStdin } from '../dist/cli/read-input.js';

const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  readStdin,
});
process.exitCode = code;
