import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import type { InputFile } from './linter.js';
import type { LintResult } from './types.js';
import { fileFatal, toLintResult, unreadableResult } from './results.js';

/**
 * The encodings Kubernetes reads: UTF-8, and UTF-16 when a byte order mark says so (go-yaml's
 * yaml_parser_determine_encoding, kubernetes vendor/gopkg.in/yaml.v2/readerc.go). A fix is written back in the same one.
 */
export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

/** Identity of a file when it was read: a fix is not written over a file whose identity changed since. */
export interface FileSnapshot {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

/** A file read from disk: its text, how to encode it back, and what it was when read. */
export interface ReadFile extends InputFile {
  encoding: TextEncoding;
  snapshot: FileSnapshot;
}

/** Bytes that are not text in any encoding Kubernetes reads, with the position of the first offending byte. */
export class UndecodableError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const REPLACEMENT = '\uFFFD';

/** Decodes a file's bytes as Kubernetes would; a UTF-8 BOM stays in the text (the engine keeps it through fixes). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf16be' };
  // Valid UTF-8 (nearly every file) decodes several times faster through Buffer, to the same text.
  if (isUtf8(bytes)) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), encoding: 'utf8' };
  const text = UTF8.decode(bytes);
  // A U+FFFD in the text is either one in the file (EF BF BD) or where a malformed sequence was replaced.
  for (let at = text.indexOf(REPLACEMENT); at >= 0; at = text.indexOf(REPLACEMENT, at + 1)) {
    const byteOffset = Buffer.byteLength(text.slice(0, at));
    if (bytes[byteOffset] === 0xef && bytes[byteOffset + 1] === 0xbf && bytes[byteOffset + 2] === 0xbd) continue;
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    const byte = bytes[byteOffset]!.toString(16).toUpperCase().padStart(2, '0');
    throw new UndecodableError(
      `Invalid UTF-8 (byte 0x${byte}): Kubernetes reads manifests as UTF-8, or UTF-16 with a byte order mark; save the file as UTF-8`,
      line,
      column,
    );
  }
  return { text, encoding: 'utf8' };
}

/** The engine reads text without its byte order mark (fix-files.ts puts it back). */
export const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

export function encodeText(text: string, encoding: TextEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  const bytes = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return encoding === 'utf16le' ? bytes : bytes.swap16();
}

/**
 * Reads a regular file. Opened without blocking and checked after opening, so a file replaced by a FIFO or a device
 * between discovery and reading is refused instead of hanging the run.
 */
export function readSource(filePath: string): ReadFile {
  const { bytes, stats } = readBytes(filePath);
  const { text, encoding } = decodeText(bytes);
  const file: ReadFile = { filePath, text, encoding, snapshot: { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs } };
  file.reread = () => {
    try {
      return decodeText(readBytes(filePath).bytes).text;
    } catch {
      return undefined;
    }
  };
  return file;
}

function readBytes(filePath: string): { bytes: Uint8Array; stats: Stats } {
  const fd = openSync(filePath, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new Error(`${filePath} is not a regular file (${stats.isDirectory() ? 'a directory' : 'a FIFO, socket or device'})`);
    return { bytes: readOpenFile(fd, stats.size), stats };
  } finally {
    closeSync(fd);
  }
}

/** zlib.crc32 (Node 20.15 on), loaded when a text is first let go: most runs never do. */
let crc32: ((text: string) => number) | null | undefined;

/**
 * How to get `text` back once it is let go: `reread` gives the text again, taken only if it is the same (length and
 * CRC-32). Undefined where zlib has no crc32 (Node before 20.15): then the text is kept.
 */
export function textAgain(text: string, reread: () => string | undefined): (() => string | undefined) | undefined {
  crc32 ??= (createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib')).crc32 ?? null;
  const crc = crc32;
  if (!crc) return undefined;
  const { length } = text;
  const sum = crc(text);
  return () => {
    const again = reread();
    return again !== undefined && again.length === length && crc(again) === sum ? again : undefined;
  };
}

/** The bytes of an open regular file of `size` bytes; readFileSync(fd) would ask for its size again. */
function readOpenFile(fd: number, size: number): Uint8Array {
  if (size === 0) return readFileSync(fd); // a size the file system does not know (0) is read to its end
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const read = readSync(fd, buffer, filled, size - filled, null);
    if (read === 0) break; // it shrank since fstat
    filled += read;
  }
  return filled < size ? buffer.subarray(0, filled) : buffer;
}

/** The result for a file that could not be read or decoded: one fatal message, the other files go on. */
export function failedResult(filePath: string, error: Error): LintResult {
  if (!(error instanceof UndecodableError)) return unreadableResult(filePath, error);
  return toLintResult({ filePath, text: '' }, [fileFatal(`Parsing error: ${error.message}`, error.line, error.column)], []);
}

/** Reads files one at a time as the linter asks for them; a file that cannot be read becomes a fatal result in `failed`. */
export function* readInputs(paths: readonly string[], failed: LintResult[]): Generator<ReadFile> {
  for (const filePath of paths) {
    let file: ReadFile;
    try {
      file = readSource(filePath);
    } catch (error) {
      failed.push(failedResult(filePath, error as Error));
      continue;
    }
    yield file;
  }
}
