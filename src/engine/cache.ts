import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
  /**
   * The file's manifests that cross-document rules read, as plain values in JSON text: decoded only when those rules
   * run again (something they read changed). Half the cache, which a run with nothing changed need not build.
   */
  crossDocument: string;
  /** The cross-document findings the result was finished with: if they change, the entry is stale. */
  crossSignature: string;
}

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

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/** Cross-document manifests as a cache entry keeps them. */
export function encodeCrossDocument(manifests: readonly RemoteManifest[]): string {
  return JSON.stringify(manifests.map(({ filePath, docIndex, base, value }) => ({ filePath, docIndex, base, value })));
}

export function decodeCrossDocument(entry: CacheEntry): RemoteManifest[] {
  return JSON.parse(entry.crossDocument) as RemoteManifest[];
}

export const holdsCrossDocument = (entry: CacheEntry) => entry.crossDocument !== '[]';

export function signature(reports: readonly DeferredReport[]): string {
  return reports.length === 0 ? '' : contentHash(JSON.stringify(reports));
}

export class LintCache {
  private files: Record<string, CacheEntry> = {};
  /** Undefined for a new cache: the cross-document rules then always run. */
  crossKey: string | undefined;

  constructor(
    private readonly location: string,
    private readonly key: string,
  ) {
    try {
      const stored = JSON.parse(readFileSync(location, 'utf8')) as CacheFile;
      if (stored.format === FORMAT && stored.key === key) ({ files: this.files, crossKey: this.crossKey } = stored);
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
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

  /** Replaces every entry, so files no longer linted drop out; an unchanged cache is not rewritten. */
  save(entries: Record<string, CacheEntry>, crossKey: string): void {
    const names = Object.keys(entries);
    const unchanged = crossKey === this.crossKey && names.length === Object.keys(this.files).length && names.every((name) => this.files[name] === entries[name]);
    if (unchanged) return;
    const data: CacheFile = { format: FORMAT, key: this.key, crossKey, files: entries };
    mkdirSync(dirname(this.location), { recursive: true });
    const temporary = `${this.location}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(data));
    renameSync(temporary, this.location);
  }
}
