import type { Path, Range, SourceMap } from './types.js';
import { loadSourceFile, type ParserName, type SourceFile } from './lint-file.js';

/**
 * Source maps for the manifests a file keeps for cross-document rules, which parse the file's text again on first use.
 * A parse is many times the size of its text: keeping it for every file until the cross-document rules have run
 * would hold the whole tree's parse in memory. Most kept manifests never get a cross-document finding, so the parse
 * is usually never redone; when it is, the same parser over the same text gives the same ranges.
 */
export function reparsedSources(filePath: string, text: string, parser: ParserName | undefined): ReparsedSources {
  let parsed: SourceFile | undefined;
  const parse = () => (parsed ??= loadSourceFile(filePath, text, parser));
  return {
    sourceOf: (docIndex, base) => new ReparsedSourceMap(parse, docIndex, base.join('\0')),
    release: () => (parsed = undefined),
  };
}

export interface ReparsedSources {
  sourceOf(docIndex: number, base: Path): SourceMap;
  /** Drops the parse once the file is finished: rules may still hold its manifests (and so these source maps). */
  release(): void;
}

class ReparsedSourceMap implements SourceMap {
  constructor(
    private readonly parse: () => SourceFile,
    private readonly docIndex: number,
    private readonly base: string,
  ) {}

  range(path: Path): Range | undefined {
    return this.resolve().range(path);
  }

  keyRange(path: Path): Range | undefined {
    return this.resolve().keyRange(path);
  }

  nearest(path: Path): Range {
    return this.resolve().nearest(path);
  }

  position(offset: number): { line: number; column: number } {
    return this.resolve().position(offset);
  }

  private resolve(): SourceMap {
    const source = this.parse().manifests.find((manifest) => manifest.docIndex === this.docIndex && manifest.base.join('\0') === this.base)?.source;
    if (!source) throw new Error(`document ${this.docIndex + 1} is missing when its file is parsed again`);
    return source;
  }
}

/** Stands in for a source map that lives in another thread, only in the cache, or in a context file nobody reports on. */
export const NO_SOURCE: SourceMap = new Proxy({} as SourceMap, {
  get() {
    throw new Error('cross-document rules may not read source positions; report paths instead');
  },
});
