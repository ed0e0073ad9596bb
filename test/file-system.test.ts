import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WITHOUT_SHAPE_RULES, withoutShapeRules } from './helpers/witness-rules.js';
// From dist/: worker threads load the built worker (npm test builds first).
import { lintPaths } from '../dist/engine/lint-paths.js';
import type { LintSettings } from '../src/engine/linter.js';
import { readSource } from '../src/engine/read-files.js';
import type { LintResult } from '../src/engine/types.js';
import { writeFixed } from '../src/engine/write-fixed.js';
import { rules } from '../src/rules/index.js';
import { resolveRules } from '../src/config/load.js';
import { BIN, makeTree, runCli } from './helpers/run-cli.js';

const PV = (name: string) => `apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: ${name}\nspec:\n  persistentVolumeReclaimPolicy: Delete\n`;
const settings: LintSettings = { rules: withoutShapeRules(resolveRules(rules, 'recommended')), kubernetesVersion: [1, 34], reportUnusedDisableDirectives: 0 };
const json = (stdout: string) => JSON.parse(stdout) as LintResult[];
const summary = (results: LintResult[], root: string) =>
  results.map((result) => [result.filePath.slice(root.length + 1), result.messages.map((message) => message.ruleId ?? message.message)]);

/**
 * Root ignores file modes, and these tests run as root in CI containers: there the CLI runs as `nobody` (uid 65534),
 * elsewhere as the user running the tests. Either way the permission checks are the kernel's.
 */
const UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
function runUnprivileged(args: string[], cwd: string) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', ...UNPRIVILEGED, env: { ...process.env, NO_COLOR: '' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
/** A tree the unprivileged user can read and write (mkdtemp makes it 0700). */
function openTree(files: Record<string, string>): string {
  const root = makeTree(files);
  execFileSync('chmod', ['-R', 'a+rwX', root]);
  return root;
}

describe('files that cannot be read', () => {
  it('a permission-denied file and directory are fatal errors for them only; the other files are linted', () => {
    const root = openTree({ 'a.yaml': PV('a'), 'locked/b.yaml': PV('b'), 'secret.yaml': PV('secret'), 'z.yaml': PV('z') });
    chmodSync(join(root, 'locked'), 0o000);
    chmodSync(join(root, 'secret.yaml'), 0o000);
    const run = runUnprivileged(['lint', '--no-config-lookup', ...WITHOUT_SHAPE_RULES, '-f', 'json', '.'], root);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(summary(json(run.stdout), root)).toEqual([
      ['a.yaml', ['pv-reclaim-policy']],
      ['locked', [`Cannot read directory: EACCES: permission denied, scandir '${join(root, 'locked')}'; the files below it were not linted`]],
      ['secret.yaml', [`Cannot read file: EACCES: permission denied, open '${join(root, 'secret.yaml')}'`]],
      ['z.yaml', ['pv-reclaim-policy']],
    ]);
  });

  it('files that vanished, became a directory or a FIFO after discovery are fatal errors for them only, without hanging', () => {
    const root = makeTree({ 'a.yaml': PV('a'), 'gone.yaml': PV('gone'), 'dir.yaml': PV('dir'), 'fifo.yaml': PV('fifo'), 'z.yaml': PV('z') });
    const paths = readdirSync(root).sort().map((name) => join(root, name));
    rmSync(join(root, 'gone.yaml'));
    rmSync(join(root, 'dir.yaml'));
    mkdirSync(join(root, 'dir.yaml'));
    rmSync(join(root, 'fifo.yaml'));
    execFileSync('mkfifo', [join(root, 'fifo.yaml')]);
    // The cache looks at a file's size and mtime before reading it: it is the `stat` that finds the file gone.
    const expected = (call: 'open' | 'stat') => [
      ['a.yaml', ['pv-reclaim-policy']],
      ['dir.yaml', [`Cannot read file: ${join(root, 'dir.yaml')} is not a regular file (a directory)`]],
      ['fifo.yaml', [`Cannot read file: ${join(root, 'fifo.yaml')} is not a regular file (a FIFO, socket or device)`]],
      ['gone.yaml', [`Cannot read file: ENOENT: no such file or directory, ${call} '${join(root, 'gone.yaml')}'`]],
      ['z.yaml', ['pv-reclaim-policy']],
    ];
    return Promise.all(
      // In this thread, in worker threads, and through the cache: the same results.
      [{ threads: 0 }, { threads: 2 }, { threads: 0, cacheLocation: join(root, '.cache') }].map(async (options) => {
        const { results, internalErrors } = await lintPaths(paths, settings, { version: 'test', ...options });
        expect(internalErrors).toEqual([]);
        expect(summary(results, root), JSON.stringify(options)).toEqual(expected('cacheLocation' in options ? 'stat' : 'open'));
      }),
    );
  });
});

describe('symbolic links', () => {
  function linkedTree() {
    const root = makeTree({ 'tree/real.yaml': PV('real'), 'outside/pv.yaml': PV('outside') });
    const tree = join(root, 'tree');
    symlinkSync('../outside/pv.yaml', join(tree, 'link-out.yaml'));
    symlinkSync('real.yaml', join(tree, 'link-in.yaml'));
    symlinkSync('../outside', join(tree, 'linked-dir'));
    symlinkSync('../tree', join(tree, 'loop'));
    symlinkSync('nowhere.yaml', join(tree, 'dangling.yaml'));
    return { root, tree };
  }

  it('a directory walk neither follows nor lists links: no loops, nothing outside the tree, dangling links ignored', () => {
    const { tree } = linkedTree();
    const run = runCli(['lint', '--no-config-lookup', ...WITHOUT_SHAPE_RULES, '-f', 'json', '.'], { cwd: tree });
    expect(run.status).toBe(1);
    expect(summary(json(run.stdout), tree)).toEqual([['real.yaml', ['pv-reclaim-policy']]]);
  });

  it('--fix never writes through a link named on the command line to outside the linted directory', () => {
    const { root, tree } = linkedTree();
    const run = runCli(['lint', '--no-config-lookup', ...WITHOUT_SHAPE_RULES, '--fix', '-f', 'json', 'link-out.yaml'], { cwd: tree });
    const [result] = json(run.stdout);
    expect(result!.messages[0]!.message).toBe(
      `Cannot write the fixed file: ${join(tree, 'link-out.yaml')} is a symbolic link to ${join(root, 'outside', 'pv.yaml')}, outside the linted directory ${tree}; kubecarry does not write there`,
    );
    expect(readFileSync(join(root, 'outside', 'pv.yaml'), 'utf8')).toBe(PV('outside'));
    expect(lstatSync(join(tree, 'link-out.yaml')).isSymbolicLink()).toBe(true);
  });

  it('--fix through a link inside the tree fixes its target and keeps the link', () => {
    const { tree } = linkedTree();
    const run = runCli(['lint', '--no-config-lookup', ...WITHOUT_SHAPE_RULES, '--fix', '-f', 'json', 'link-in.yaml'], { cwd: tree });
    expect(json(run.stdout)[0]!.messages).toEqual([]);
    expect(readFileSync(join(tree, 'real.yaml'), 'utf8')).toBe(PV('real').replace('Delete', 'Retain'));
    expect(lstatSync(join(tree, 'link-in.yaml')).isSymbolicLink()).toBe(true);
  });

  it('a link loop or a dangling link named on the command line is a usage error, as ESLint', () => {
    const { tree } = linkedTree();
    symlinkSync('self.yaml', join(tree, 'self.yaml'));
    for (const name of ['self.yaml', 'dangling.yaml']) {
      const run = runCli(['lint', '--no-config-lookup', ...WITHOUT_SHAPE_RULES, name], { cwd: tree });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`kubecarry: No files matching the pattern "${name}" were found.\n`);
    }
  });
});

describe('writing fixes', () => {
  const fixedResult = (filePath: string): LintResult => ({
    filePath,
    messages: [],
    suppressedMessages: [],
    errorCount: 0,
    fatalErrorCount: 0,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    output: PV('a').replace('Delete', 'Retain'),
    usedDeprecatedRules: [],
  });

  it('a file changed by someone else since it was read is not overwritten, and the user is told', async () => {
    const root = makeTree({ 'a.yaml': PV('a') });
    const path = join(root, 'a.yaml');
    const input = readSource(path);
    writeFileSync(path, `${PV('a')}# edited meanwhile\n`);
    const result = await writeFixed(fixedResult(path), input, root);
    expect(result.messages[0]).toMatchObject({
      ruleId: null,
      fatal: true,
      severity: 2,
      message: `Cannot write the fixed file: ${path} changed on disk after kubecarry read it; it was not overwritten, run kubecarry again`,
    });
    expect(result.output).toBeUndefined();
    expect(readFileSync(path, 'utf8')).toBe(`${PV('a')}# edited meanwhile\n`);
    // Replaced by another file of the same size (an editor's own atomic save) counts as changed too.
    const again = readSource(path);
    writeFileSync(join(root, 'other'), readFileSync(path));
    renameSync(join(root, 'other'), path);
    expect((await writeFixed(fixedResult(path), again, root)).fatalErrorCount).toBe(1);
    expect(readdirSync(root).sort()).toEqual(['a.yaml']);
  });

  it('keeps the mode and the owner, and leaves no temporary file', async () => {
    const root = makeTree({ 'a.yaml': PV('a') });
    const path = join(root, 'a.yaml');
    chmodSync(path, 0o640);
    // As root, hand the file to another user, whose file it must stay; otherwise it stays ours.
    const owner = process.getuid?.() === 0 ? 65534 : process.getuid!();
    chownSync(path, owner, owner === 65534 ? 65534 : process.getgid!());
    const before = statSync(path);
    const result = await writeFixed(fixedResult(path), readSource(path), root);
    expect(result.messages).toEqual([]);
    const after = statSync(path);
    expect(readFileSync(path, 'utf8')).toBe(PV('a').replace('Delete', 'Retain'));
    expect([after.mode, after.uid, after.gid]).toEqual([before.mode, before.uid, before.gid]);
    expect(after.ino).not.toBe(before.ino);
    expect(readdirSync(root)).toEqual(['a.yaml']);
  });
});
