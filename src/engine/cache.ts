import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DeferredReport } from './linter.js';
import type { RemoteManifest } from './parallel.js';
import type { LintResult } from './types.js';

/** What the cache keeps of one file, keyed by the hash of its content. */
export interface CacheEntry {
  hash: string;
  /** The file's size and modification time when it was linted: the `metadata` strategy trusts them. */
  size: number;
  mtimeMs: number;
  /** The final result, without `source` (restored from the file's text). */
  result: Omit<LintResult, 'source'>;
  /** How many of the file's manifests cross-document rules read; their values are kept apart (`crossDocumentOf`). */
  crossDocumentCount: number;
  /** The cross-document findings the result was finished with: if they change, the entry is stale. */
  crossSignature: string;
}

/** What the cache keeps to know a file again: the hash of the text linted, and its size and mtime when read. */
export type FileIdentity = Pick<CacheEntry, 'hash' | 'size' | 'mtimeMs'>;

/** A cross key no run computes (they are hashes): the cross-document rules run again, whatever changed. */
const STALE_CROSS_KEY = 'stale';

/** The layout of the cache file: a cache written in another layout is thrown away. */
const FORMAT = 2;

interface CacheFile {
  format: number;
  /** kubecarry version + settings: any change throws the whole cache away. */
  key: string;
  /** What the cross-document findings stored in the entries were computed from (see lint-paths.ts). */
  crossKey: string;
  files: Record<string, CacheEntry>;
}

/** Per file, the plain values of its manifests that cross-document rules read. */
export type CrossDocumentValues = Record<string, RemoteManifest[]>;

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

export function signature(reports: readonly DeferredReport[]): string {
  return reports.length === 0 ? '' : contentHash(JSON.stringify(reports));
}

/**
 * The cache file is two lines of JSON: the entries, then the cross-document values of every file. The values are
 * half the file and needed only when the cross-document rules run again (something they read changed), so the second
 * line is decoded on first use: a run with nothing changed decodes and builds just the results.
 */
export class LintCache {
  private files: Record<string, CacheEntry> = {};
  /** The file's bytes until the cross-document values are decoded, and where they start. */
  private bytes: Buffer | undefined;
  private crossStart = 0;
  private crossValues: CrossDocumentValues | undefined;
  /** Undefined for a new cache: the cross-document rules then always run. */
  crossKey: string | undefined;

  constructor(
    private readonly location: string,
    private readonly key: string,
  ) {
    try {
      const bytes = readFileSync(location);
      const end = bytes.indexOf(0x0a);
      const stored = JSON.parse(bytes.toString('utf8', 0, end === -1 ? bytes.length : end)) as CacheFile;
      if (stored.format === FORMAT && stored.key === key && end !== -1) {
        ({ files: this.files, crossKey: this.crossKey } = stored);
        this.bytes = bytes;
        this.crossStart = end + 1;
      }
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
  }

  /** Nothing in it can be reused: there was no cache yet, or it was written by another version or other settings. */
  get isNew(): boolean {
    return this.crossKey === undefined;
  }

  get(filePath: string, hash: string): CacheEntry | undefined {
    const entry = this.files[filePath];
    return entry?.hash === hash ? entry : undefined;
  }

  /** ESLint's default `metadata` strategy: an unchanged size and mtime mean an unchanged file, without reading it. */
  getByStat(filePath: string, stat: { size: number; mtimeMs: number }): CacheEntry | undefined {
    const entry = this.files[filePath];
    return entry && entry.size === stat.size && entry.mtimeMs === stat.mtimeMs ? entry : undefined;
  }

  /** The cached cross-document values of a file; undefined when they are lost (a damaged cache): lint it again. */
  crossDocumentOf(filePath: string): RemoteManifest[] | undefined {
    if (this.crossValues === undefined) {
      try {
        this.crossValues = this.bytes ? (JSON.parse(this.bytes.toString('utf8', this.crossStart)) as CrossDocumentValues) : {};
      } catch {
        this.crossValues = {};
      }
      this.bytes = undefined;
    }
    return Object.hasOwn(this.crossValues, filePath) ? this.crossValues[filePath] : undefined;
  }

  /** Replaces every entry, so files no longer linted drop out; an unchanged cache is not rewritten. */
  save(entries: Record<string, CacheEntry>, crossDocument: () => CrossDocumentValues, crossKey: string): void {
    const names = Object.keys(entries);
    const unchanged = crossKey === this.crossKey && names.length === Object.keys(this.files).length && names.every((name) => this.files[name] === entries[name]);
    if (unchanged) return;
    // First: it drops entries whose values are lost. Their files are linted afresh next time, and the cross-document
    // rules must run again then, though the files that hold cross-document manifests are the same.
    const values = crossDocument();
    const complete = Object.keys(entries).length === names.length;
    const data: CacheFile = { format: FORMAT, key: this.key, crossKey: complete ? crossKey : STALE_CROSS_KEY, files: entries };
    mkdirSync(dirname(this.location), { recursive: true });
    const temporary = `${this.location}.${process.pid}.tmp`;
    // Written line by line: each line of a large tree's cache is tens of megabytes, as a string and again as bytes.
    // JSON.stringify writes no raw line break: the first one ends the entries.
    const fd = openSync(temporary, 'w');
    try {
      try {
        writeSync(fd, `${JSON.stringify(data)}\n`);
        writeSync(fd, JSON.stringify(values));
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, this.location);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  }
}
