import { accessSync, chmodSync, constants, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's content so that a crash at any moment leaves the old or the new text, never a mix:
 * a temporary file in the same directory, with the original's mode, renamed over it.
 */
export function writeFileAtomic(path: string, text: string): void {
  // A rename would replace a read-only file as long as its directory is writable: respect the file's own mode
  // (checked by its bits too, because root passes access checks).
  accessSync(path, constants.W_OK);
  const mode = statSync(path).mode & 0o7777;
  if ((mode & 0o222) === 0) throw new Error(`EACCES: ${path} is read-only`);
  const temporary = join(dirname(path), `.${basename(path)}.kubecarry-${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { mode });
    chmodSync(temporary, mode);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
