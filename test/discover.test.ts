import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import fc from 'fast-check';
import fg from 'fast-glob';
import ignore from 'ignore';
import { afterAll, describe, expect, it } from 'vitest';
import { discover } from '../src/discover.js';

const scratch = mkdtempSync(join(tmpdir(), 'kubecarry-discover-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Names that test every rule of the walk: dot files and directories, skipped directories, near-miss extensions.
const name = fc.constantFrom('a', 'b.yaml', 'c.yml', 'd.json', '.e.yaml', '.yaml', 'f.YAML', 'g.yaml.bak', 'h.txt', 'node_modules', '.git', '.hidden');
/** A tree: each entry a file, a directory, or a symbolic link to a file or directory of the tree. */
type Tree = { [name: string]: Tree | 'file' | 'link-file' | 'link-dir' };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.dictionary(name, fc.oneof({ depthSize: 'small' }, fc.constant('file' as const), fc.constant('link-file' as const), fc.constant('link-dir' as const), tie('tree')), { maxKeys: 5 }),
})).tree;

let count = 0;
function write(root: string, entries: Tree, top = root): void {
  mkdirSync(root, { recursive: true });
  writeFileSync(join(top, 'target.yaml'), 'kind: A\n');
  for (const [entry, kind] of Object.entries(entries)) {
    const path = join(root, entry);
    if (kind === 'file') writeFileSync(path, 'kind: A\n');
    else if (kind === 'link-file') symlinkSync(join(top, 'target.yaml'), path);
    else if (kind === 'link-dir') symlinkSync(top, path);
    else write(path, kind, top);
  }
}

describe('discover', () => {
  it('finds in a directory exactly the files the glob DIR/**/*.{yaml,yml,json} finds (links not followed, node_modules and .git skipped)', () => {
    fc.assert(
      fc.asyncProperty(tree, async (entries) => {
        const root = join(scratch, `tree-${count++}`);
        write(root, entries);
        const globbed = fg.sync(`${fg.convertPathToPattern(root)}/**/*.{yaml,yml,json}`, {
          absolute: true,
          dot: true,
          onlyFiles: true,
          ignore: ['**/node_modules/**', '**/.git/**'],
          followSymbolicLinks: false,
        });
        const found = (await discover([root], { cwd: scratch, useIgnore: false, ignorePatterns: [] })).files;
        expect(found).toEqual(globbed.sort());
      }),
      { numRuns: 60 },
    );
  });

  it('leaves out what the ignore files at and below cwd and the ignore patterns say, each file by the ones above it', async () => {
    const patterns = fc.constantFrom('*.json', 'a/', '/b.yaml', '**/c.yml', '!c.yml', '.hidden/', 'd/**', '*.yaml', '!b.yaml', 'node_modules', '# note');
    const ignoreText = fc.array(patterns, { maxLength: 3 }).map((lines) => lines.join('\n'));
    const dirName = fc.constantFrom('a', 'd', '.hidden', 'node_modules', 'x');
    type Dir = { files: string[]; ignores: Record<string, string>; dirs: Record<string, Dir> };
    const dir: fc.Arbitrary<Dir> = fc.letrec<{ dir: Dir }>((tie) => ({
      dir: fc.record({
        files: fc.uniqueArray(fc.constantFrom('b.yaml', 'c.yml', 'e.json', 'f.yaml'), { maxLength: 3 }),
        ignores: fc.dictionary(fc.constantFrom('.gitignore', '.kubecarryignore'), ignoreText, { maxKeys: 2 }),
        dirs: fc.oneof({ depthSize: 'small' }, fc.constant({}), fc.dictionary(dirName, tie('dir'), { maxKeys: 3 })),
      }),
    })).dir;
    const writeDir = (root: string, { files, ignores, dirs }: Dir): void => {
      mkdirSync(root, { recursive: true });
      for (const file of files) writeFileSync(join(root, file), 'kind: A\n');
      for (const [name, text] of Object.entries(ignores)) writeFileSync(join(root, name), text);
      for (const [name, child] of Object.entries(dirs)) writeDir(join(root, name), child);
    };
    const filesOf = (tree: Dir, path: string[] = []): string[][] => [
      ...tree.files.map((file) => [...path, file]),
      ...Object.entries(tree.dirs).flatMap(([name, child]) => filesOf(child, [...path, name])),
    ];
    /** What discovery did before it read ignore files per directory: every ignore file under cwd, found by a glob. */
    const expected = (root: string, named: string[], extra: string[]): { files: string[]; ignoredExplicitly: string[]; walked: number } => {
      const matchers = fg
        .sync('**/{.gitignore,.kubecarryignore}', { cwd: root, dot: true, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'] })
        .map((file) => ({ base: dirname(file), matcher: ignore().add(readFileSync(file, 'utf8')) }));
      if (extra.length > 0) matchers.push({ base: root, matcher: ignore().add(extra) });
      const ignored = (file: string) =>
        matchers.some(({ base, matcher }) => {
          const below = relative(base, file);
          return !below.startsWith('..') && matcher.ignores(below.split(sep).join('/'));
        });
      const walked = fg.sync(`${fg.convertPathToPattern(root)}/**/*.{yaml,yml,json}`, { absolute: true, dot: true, ignore: ['**/node_modules/**', '**/.git/**'] });
      return { files: [...new Set([...walked, ...named].filter((file) => !ignored(file)))].sort(), ignoredExplicitly: named.filter(ignored), walked: walked.length };
    };
    const treeAndNamed = dir.chain((tree) => fc.tuple(fc.constant(tree), fc.subarray(filesOf(tree), { maxLength: Math.min(3, filesOf(tree).length) })));
    await fc.assert(
      fc.asyncProperty(treeAndNamed, fc.array(patterns, { maxLength: 2 }), async ([tree, namedPaths], extra) => {
        const root = join(scratch, `ignores-${count++}`);
        writeDir(root, tree);
        // A directory and files named on the command line (pre-commit names files, also under node_modules).
        const named = namedPaths.map((path) => join(root, ...path));
        const want = expected(root, named, extra);
        const run = discover([root, ...named], { cwd: root, useIgnore: true, ignorePatterns: extra });
        // A directory without a manifest is a usage error, as ESLint's "No files matching the pattern".
        if (want.walked === 0) return void (await expect(run).rejects.toThrow('No files matching'));
        const { files, ignoredExplicitly } = await run;
        expect({ files, ignoredExplicitly }).toEqual({ files: want.files, ignoredExplicitly: want.ignoredExplicitly });
      }),
      { numRuns: 150 },
    );
  });
});
