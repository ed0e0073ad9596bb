import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { asArray, asObject, asString } from './model/values.js';

/** The names kustomize looks for in a directory (sigs.k8s.io/kustomize/api/konfig: RecognizedKustomizationFileNames). */
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * Finds the patch files of kustomizations. A patch is a partial manifest merged into a resource at build time:
 * linted alone, every field it leaves to the resource would look missing, so discovery leaves patches out
 * (`kubectl kustomize DIR | kubecarry lint --stdin` lints their effect).
 */
export class KustomizePatches {
  /** Per directory with a kustomization, the patches it names. */
  private readonly byDirectory = new Map<string, ReadonlySet<string>>();
  /** Per directory, the patches named by kustomizations in it and its parents up to the working directory. */
  private readonly upward = new Map<string, ReadonlySet<string>[]>();

  private constructor(private readonly cwd: string) {}

  /**
   * The kustomizations of the directories holding `files` and of their parents up to the working directory. yaml is
   * loaded only when there is one: most trees have none.
   */
  static async of(cwd: string, files: Iterable<string>): Promise<KustomizePatches> {
    const patches = new KustomizePatches(cwd);
    const texts = new Map<string, string>();
    const seen = new Set<string>();
    for (const file of files) {
      // A directory seen before was seen with its parents.
      for (const directory of patches.upFrom(dirname(file))) {
        if (seen.has(directory)) break;
        seen.add(directory);
        const text = readKustomization(directory);
        if (text !== undefined) texts.set(directory, text);
      }
    }
    if (texts.size === 0) return patches;
    const { parse } = await import('./parse/plain-yaml.js');
    for (const [directory, text] of texts) {
      let kustomization: unknown;
      try {
        kustomization = parse(text);
      } catch {
        // kubectl kustomize reports a broken kustomization; here it only names no patches.
      }
      patches.byDirectory.set(directory, new Set(patchPaths(kustomization).map((path) => resolve(directory, path))));
    }
    return patches;
  }

  /** Is `file` a patch of a kustomization in its directory or a parent directory (up to the working directory)? */
  isPatch(file: string): boolean {
    return this.patchesUpFrom(dirname(file)).some((patches) => patches.has(file));
  }

  /** Worked out once per directory: a tree's files share their directories. */
  private patchesUpFrom(directory: string): ReadonlySet<string>[] {
    let sets = this.upward.get(directory);
    if (!sets) {
      sets = [...this.upFrom(directory)].flatMap((above) => this.byDirectory.get(above) ?? []);
      this.upward.set(directory, sets);
    }
    return sets;
  }

  /** `directory` and its parents, up to the working directory, or to the root for a directory outside it. */
  private *upFrom(directory: string): Generator<string> {
    for (;;) {
      yield directory;
      const fromCwd = relative(this.cwd, directory);
      if (fromCwd === '' || fromCwd.startsWith('..') || isAbsolute(fromCwd) || dirname(directory) === directory) return;
      directory = dirname(directory);
    }
  }
}

/** The text of the kustomization in `directory`, if it has one that can be read. */
function readKustomization(directory: string): string | undefined {
  for (const name of KUSTOMIZATION_FILES) {
    const path = join(directory, name);
    // Most directories have none: a stat that returns undefined is far cheaper than a read that throws ENOENT.
    if (!statSync(path, { throwIfNoEntry: false })?.isFile()) continue;
    try {
      return readFileSync(path, 'utf8');
    } catch {
      continue;
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
