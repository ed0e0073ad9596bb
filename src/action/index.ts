// Entry of the bundled action (action.yml `runs.main`): the runner starts it with node and reads the exit code.
import { runAction } from './run.js';

process.exitCode = await runAction(process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
