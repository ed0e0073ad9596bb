import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, chownSync, closeSync, constants, fsync, openSync, rename, rmSync, statSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { basename, dirname, join } from 'node:path';
import { encodeText, type FileSnapshot, type TextEncoding } from './read-files.js';

export interface WriteOptions {
  /** The file's encoding when it was read (default UTF-8). */
  encoding?: TextEncoding;
  /** The file as it was read: if it is no longer that file (size, mtime, inode), nothing is written. */
  unchangedSince?: FileSnapshot;
}

/**
 * Temporary files: hidden, next to their file, named after it and never matched by discovery (`.tmp`). One is left
 * behind only when the process is killed between writing it and renaming it; it then holds a complete fixed text.
 */
export const TEMPORARY_FILE = /^\..+\.kubecarry-\d+-[0-9a-f]{8}\.tmp$/;

export class FileChangedError extends Error {}

const fsyncAsync = promisify(fsync);
const renameAsync = promisify(rename);

/**
 * Replaces a file's content so that a crash or a kill at any moment leaves the old or the new text, never a mix:
 * a temporary file in the same directory, with the original's mode and owner, flushed to disk, renamed over it.
 * The flush and the rename wait on the disk (milliseconds each), so they run off the main thread: several files can
 * be written at once (see writeAllFixed).
 */
export async function writeFileAtomic(path: string, text: string, options: WriteOptions = {}): Promise<void> {
  // A rename would replace a read-only file as long as its directory is writable: respect the file's own mode
  // (checked by its bits too, because root passes access checks).
  accessSync(path, constants.W_OK);
  const stats = statSync(path);
  const mode = stats.mode & 0o7777;
  if ((mode & 0o222) === 0) throw new Error(`EACCES: ${path} is read-only`);
  const temporary = join(dirname(path), `.${basename(path)}.kubecarry-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temporary, 'wx', mode);
    try {
      writeSync(fd, encodeText(text, options.encoding ?? 'utf8'));
      await fsyncAsync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temporary, mode);
    if (stats.uid !== process.getuid?.() || stats.gid !== process.getgid?.()) chownSync(temporary, stats.uid, stats.gid);
    // Last moment before the rename: someone else's edit since the read wins (a narrow race remains, as with any editor).
    if (options.unchangedSince && !sameFile(statSync(path), options.unchangedSince)) {
      throw new FileChangedError(`${path} changed on disk after kubecarry read it; it was not overwritten, run kubecarry again`);
    }
    await renameAsync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function sameFile(now: FileSnapshot, then: FileSnapshot): boolean {
  return now.dev === then.dev && now.ino === then.ino && now.size === then.size && now.mtimeMs === then.mtimeMs;
}
