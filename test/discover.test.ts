import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import fg from 'fast-glob';
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
});
