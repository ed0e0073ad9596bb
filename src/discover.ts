import { readdirSync, statSync, readFileSync } from 'node:fs';
import { walkSync } from '@nodelib/fs.walk';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { ConfigError } from './config/load.js';
import { KustomizePatches } from './kustomize.js';

const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**'];
const IGNORE_FILES = ['.gitignore', '.kubecarryignore'];

export interface DiscoverOptions {
  cwd: string;
  /** false with `--no-ignore`: ignore files, config ignores and --ignore-pattern are not applied. */
  useIgnore: boolean;
  /** Config `ignores` and `--ignore-pattern`, relative to cwd, gitignore syntax. */
  ignorePatterns: readonly string[];
}

export interface Discovered {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Files named explicitly but ignored: ESLint warns about these instead of dropping them silently. */
  ignoredExplicitly: string[];
  /** Directories that could not be listed (permissions, removed during the walk): their files were not linted. */
  unreadableDirectories: { path: string; error: Error }[];
}

/**
 * Files, directories (expanded to every YAML/JSON file below) and globs, as ESLint resolves its arguments. Patch
 * files of kustomizations are left out, even when named (pre-commit names every staged file): see kustomize.ts.
 */
export async function discover(patterns: readonly string[], options: DiscoverOptions): Promise<Discovered> {
  const { cwd } = options;
  const isIgnored = options.useIgnore ? ignoreMatcher(cwd, options.ignorePatterns) : () => false;
  const files = new Set<string>();
  const ignoredExplicitly: string[] = [];
  const unreadableDirectories: Discovered['unreadableDirectories'] = [];
  // fast-glob's suppressErrors drops an unreadable directory silently; this records it so the run can say so.
  const readdirRecordingFailures = ((path: string, options: never) => {
    try {
      return readdirSync(path, options);
    } catch (error) {
      if (!unreadableDirectories.some((failure) => failure.path === path)) unreadableDirectories.push({ path, error: error as Error });
      return [];
    }
  }) as typeof readdirSync;
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    const stats = statOrUndefined(absolute);
    if (stats?.isFile()) {
      if (isIgnored(absolute)) ignoredExplicitly.push(absolute);
      else files.add(absolute);
      continue;
    }
    // Symbolic links are not followed (no loops, nothing outside the tree) and not listed, as ESLint 9's walk does;
    // a link named on the command line is linted (statSync above follows it).
    // The walk joins names to an absolute, normalised root: its paths need no resolve() (a cost per file).
    const matches = stats?.isDirectory()
      ? manifestsBelow(absolute, readdirRecordingFailures)
      : (await fastGlob()).sync(await globFor(cwd, pattern), {
          absolute: true,
          dot: true,
          onlyFiles: true,
          ignore: ALWAYS_SKIPPED,
          followSymbolicLinks: false,
          suppressErrors: true,
          fs: { readdirSync: readdirRecordingFailures },
        }).map((match) => resolve(match));
    const kept = matches.filter((match) => !isIgnored(match));
    if (matches.length === 0 && unreadableDirectories.length === 0) throw new ConfigError(`No files matching the pattern "${pattern}" were found.`);
    if (kept.length === 0 && !stats?.isDirectory()) throw new ConfigError(`All files matched by "${pattern}" are ignored.`);
    for (const match of kept) files.add(match);
  }
  const patches = await KustomizePatches.of(cwd, files);
  return { files: [...files].filter((file) => !patches.isPatch(file)).sort(), ignoredExplicitly, unreadableDirectories };
}

/**
 * Files for `--context` (and the config's `context`): found as lint arguments are, minus the files being linted,
 * so no manifest is seen twice.
 */
export async function discoverContext(patterns: readonly string[], options: DiscoverOptions, linted: readonly string[]): Promise<string[]> {
  if (patterns.length === 0) return [];
  const lintedSet = new Set(linted);
  return (await discover(patterns, options)).files.filter((file) => !lintedSet.has(file));
}

/**
 * Every .yaml, .yml and .json file below a directory, dot files included, as the directory's glob finds them, but
 * three times faster: fast-glob's own walker without the pattern matching a directory argument does not need.
 */
function manifestsBelow(directory: string, readdir: typeof readdirSync): string[] {
  if (directory.split(sep).some(isSkippedDirectory)) return [];
  const entries = walkSync(directory, {
    followSymbolicLinks: false,
    fs: { readdirSync: readdir },
    errorFilter: () => true,
    deepFilter: (entry) => !isSkippedDirectory(entry.name),
    entryFilter: (entry) => entry.dirent.isFile() && MANIFEST_NAME.test(entry.name),
  });
  return entries.map((entry) => entry.path);
}

const MANIFEST_NAME = /\.(?:yaml|yml|json)$/;
const isSkippedDirectory = (name: string) => name === 'node_modules' || name === '.git';

/** fast-glob, loaded for the first pattern that is not a file or directory: a run over paths never needs it. */
async function fastGlob(): Promise<typeof import('fast-glob')> {
  return (await import('fast-glob')).default;
}

async function globFor(cwd: string, pattern: string): Promise<string> {
  const fg = await fastGlob();
  return fg.isDynamicPattern(pattern) ? fg.convertPathToPattern(cwd) + '/' + pattern.replace(/^\.\//, '') : fg.convertPathToPattern(resolve(cwd, pattern));
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * `.gitignore` and `.kubecarryignore` files (at cwd and below, each relative to its own directory), plus patterns
 * from the config and the command line (relative to cwd). A file's ignore files can only be in the directories
 * from cwd down to it: those are read, once each, as files are asked about. (Looking for them all first walked the
 * whole working directory: in a monorepo, far more than the files linted.)
 */
function ignoreMatcher(cwd: string, patterns: readonly string[]): (path: string) => boolean {
  const fromOptions = patterns.length > 0 ? ignore().add([...patterns]) : undefined;
  const byDirectory = new Map<string, Ignore[]>();
  const matchersIn = (directory: string): Ignore[] => {
    let matchers = byDirectory.get(directory);
    if (!matchers) {
      matchers = [];
      for (const name of IGNORE_FILES) {
        const file = join(directory, name);
        try {
          if (statSync(file, { throwIfNoEntry: false })?.isFile()) matchers.push(ignore().add(readFileSync(file, 'utf8')));
        } catch {
          // An unreadable ignore file ignores nothing; the files themselves are still reported.
        }
      }
      byDirectory.set(directory, matchers);
    }
    return matchers;
  };
  return (path) => {
    const fromCwd = relative(cwd, path);
    if (fromCwd === '' || fromCwd.startsWith('..') || isAbsolute(fromCwd)) return false;
    const segments = fromCwd.split(sep);
    if (fromOptions?.ignores(segments.join('/'))) return true;
    let directory = cwd;
    for (let depth = 0; depth < segments.length; depth++) {
      // node_modules and .git are never walked: their ignore files do not count.
      if (depth > 0 && isSkippedDirectory(segments[depth - 1]!)) break;
      const below = segments.slice(depth).join('/');
      if (matchersIn(directory).some((matcher) => matcher.ignores(below))) return true;
      directory = join(directory, segments[depth]!);
    }
    return false;
  };
}


/**
 * The deepest directory holding everything the patterns can match: where the config lookup starts, so
 * `kubecarry lint examples/` uses examples/.kubecarry.yaml (ESLint 10 looks up per file; one config per run is simpler).
 */
export async function patternsBase(patterns: readonly string[], cwd: string): Promise<string> {
  const bases: string[] = [];
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    const stats = statOrUndefined(absolute);
    if (stats?.isDirectory()) bases.push(absolute);
    else if (stats?.isFile()) bases.push(dirname(absolute));
    else {
      const fg = await fastGlob();
      const segments = pattern.split(/[\\/]/);
      const firstGlob = segments.findIndex((segment) => segment !== '' && fg.isDynamicPattern(segment));
      bases.push(resolve(cwd, firstGlob === -1 ? dirname(pattern) : segments.slice(0, firstGlob).join('/') || '.'));
    }
  }
  return bases.reduce((common, base) => {
    while (relative(common, base).startsWith('..')) common = dirname(common);
    return common;
  }, bases[0] ?? cwd);
}
