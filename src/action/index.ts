// Entry of the bundled action (action.yml `runs.main`): the runner starts it with node and reads the exit code.
import { escapeData } from '../formatters/github.js';
import { runAction } from './run.js';

try {
  process.exitCode = await runAction(process.env, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
} catch (error) {
  process.stdout.write(`::error title=kubecarry::${escapeData(`internal error, please report it: ${(error as Error)?.stack ?? String(error)}`)}\n`);
  process.exitCode = 1;
}
