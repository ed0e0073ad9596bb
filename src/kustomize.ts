import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { parse } from 'yaml';
import { asArray, asObject, asString } from './model/values.js';

/** The names kustomize looks for in a directory (sigs.k8s.io/kustomize/api/konfig: RecognizedKustomizationFileNames). */
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * Finds the patch files of kustomizations. A patch is a partial manifest merged into a resource at build time:
 * linted alone, every field it leaves to the resource would look missing, so discovery leaves patches out
 * (`kubectl kustomize DIR | kubecarry lint --stdin` lints their effect).
 */
export class KustomizePatches {
  private readonly byDirectory = new Map<string, ReadonlySet<string>>();
  /** Per directory, the patches named by kustomizations in it and its parents up to the working directory. */
  private readonly upward = new Map<string, ReadonlySet<string>[]>();

  constructor(private readonly cwd: string) {}

  /** Is `file` a patch of a kustomization in its directory or a parent directory (up to the working directory)? */
  isPatch(file: string): boolean {
    return this.patchesUpFrom(dirname(file)).some((patches) => patches.has(file));
  }

  /** Worked out once per directory: a tree's files share their directories. */
  private patchesUpFrom(directory: string): ReadonlySet<string>[] {
    let sets = this.upward.get(directory);
    if (!sets) {
      const fromCwd = relative(this.cwd, directory);
      const last = fromCwd === '' || fromCwd.startsWith('..') || isAbsolute(fromCwd) || dirname(directory) === directory;
      const own = this.patchesIn(directory);
      sets = [...(own.size > 0 ? [own] : []), ...(last ? [] : this.patchesUpFrom(dirname(directory)))];
      this.upward.set(directory, sets);
    }
    return sets;
  }

  private patchesIn(directory: string): ReadonlySet<string> {
    let patches = this.byDirectory.get(directory);
    if (!patches) {
      patches = new Set(patchPaths(readKustomization(directory)).map((path) => resolve(directory, path)));
      this.byDirectory.set(directory, patches);
    }
    return patches;
  }
}

function readKustomization(directory: string): unknown {
  for (const name of KUSTOMIZATION_FILES) {
    const path = join(directory, name);
    // Most directories have none: a stat that returns undefined is far cheaper than a read that throws ENOENT.
    if (!statSync(path, { throwIfNoEntry: false })?.isFile()) continue;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    try {
      return parse(text);
    } catch {
      // kubectl kustomize reports a broken kustomization; here it only names no patches.
      return undefined;
    }
  }
  return undefined;
}

/**
 * Patch files a kustomization names: `patches[].path`, `patchesJson6902[].path` and the file entries of
 * `patchesStrategicMerge` (its other entries are inline patches, YAML text with line breaks).
 */
function patchPaths(kustomization: unknown): string[] {
  const object = asObject(kustomization);
  if (!object) return [];
  const paths = [...asArray(object['patches']), ...asArray(object['patchesJson6902'])].map((entry) => asString(asObject(entry)?.['path']));
  const strategicMerge = asArray(object['patchesStrategicMerge']).map((entry) => asString(entry)).filter((entry) => !entry?.includes('\n'));
  return [...paths, ...strategicMerge].filter((path): path is string => !!path);
}
