import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The hooks of .pre-commit-hooks.yaml run by the real pre-commit framework (Debian's `pre-commit` package; .ci/run
 * installs it): a git repository whose pre-commit hook runs `pre-commit try-repo` with this repository as the hook
 * source, so `git commit` itself is blocked or let through. try-repo copies uncommitted changes of this repository.
 */
const ROOT = join(import.meta.dirname, '..');
// `language: node` builds the hook's environment with `npm install`: from the npm cache `npm ci` filled when possible.
const ENV = { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', PRE_COMMIT_COLOR: 'never' };

const DELETE_PV = 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: data\nspec:\n  persistentVolumeReclaimPolicy: Delete\n  hostPath: {path: /data}\n';
const RETAIN_PV = DELETE_PV.replace('Delete', 'Retain');

beforeAll(() => {
  const found = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error('pre-commit is not installed, so the hooks cannot be tested: run .ci/run (it installs Debian\'s pre-commit package) or `apt-get install -y pre-commit`.');
  }
});

/** A fresh git repository whose pre-commit hook runs the given kubecarry hook through `pre-commit try-repo`. */
function repositoryWithHook(hookId: string): string {
  const repo = mkdtempSync(join(tmpdir(), 'kubecarry-pre-commit-'));
  git(repo, 'init', '--quiet');
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'user.name', 'test');
  git(repo, 'config', 'commit.gpgsign', 'false');
  const hook = join(repo, '.git', 'hooks', 'pre-commit');
  // git points GIT_INDEX_FILE at this repository's index; try-repo runs git in the hook source too.
  writeFileSync(hook, `#!/bin/sh\nexec env -u GIT_INDEX_FILE pre-commit try-repo '${ROOT}' ${hookId}\n`);
  chmodSync(hook, 0o755);
  return repo;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8' });
}

function commit(repo: string, message: string) {
  const run = spawnSync('git', ['commit', '--quiet', '-m', message], { cwd: repo, env: ENV, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

function commitCount(repo: string): number {
  const run = spawnSync('git', ['rev-list', '--count', 'HEAD'], { cwd: repo, encoding: 'utf8' });
  return run.status === 0 ? Number(run.stdout.trim()) : 0;
}

describe('pre-commit hooks, through pre-commit try-repo', () => {
  it('kubecarry (language: node) blocks a commit with an error and lets a clean one through; only staged files count', () => {
    const repo = repositoryWithHook('kubecarry');
    writeFileSync(join(repo, 'pv.yaml'), DELETE_PV);
    git(repo, 'add', 'pv.yaml');
    const blocked = commit(repo, 'a volume that deletes its disk');
    expect(blocked.output).toMatch(/kubecarry\.+Failed/);
    expect(blocked.output).toContain(join(repo, 'pv.yaml'));
    expect(blocked.output).toMatch(/6:34 {2}error {2}PersistentVolume "data" has persistentVolumeReclaimPolicy Delete.* {2}pv-reclaim-policy/);
    expect(blocked.status).toBe(1);
    expect(commitCount(repo)).toBe(0);

    writeFileSync(join(repo, 'pv.yaml'), RETAIN_PV);
    // Neither staged nor tracked: pre-commit does not pass it, so its error does not block the commit.
    writeFileSync(join(repo, 'scratch.yaml'), DELETE_PV);
    git(repo, 'add', 'pv.yaml');
    const passed = commit(repo, 'a volume that keeps its disk');
    expect(passed.output).toMatch(/kubecarry\.+Passed/);
    expect(passed.status).toBe(0);
    expect(commitCount(repo)).toBe(1);
  }, 600_000);

  it('kubecarry-fix-system (language: system) fixes the staged file and blocks the commit until the fix is staged', () => {
    const repo = repositoryWithHook('kubecarry-fix-system');
    // kubecarry installed in the repository, as `npm install --save-dev kubecarry` leaves it.
    mkdirSync(join(repo, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(ROOT, join(repo, 'node_modules', 'kubecarry'));
    symlinkSync('../kubecarry/bin/kubecarry.js', join(repo, 'node_modules', '.bin', 'kubecarry'));
    writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
    writeFileSync(join(repo, 'pv.yaml'), DELETE_PV);
    git(repo, 'add', 'pv.yaml', '.gitignore');

    const blocked = commit(repo, 'a volume that deletes its disk');
    expect(blocked.output).toMatch(/kubecarry \(fix\)\.+Failed/);
    expect(blocked.output).toContain('files were modified by this hook');
    expect(blocked.status).toBe(1);
    expect(readFileSync(join(repo, 'pv.yaml'), 'utf8')).toBe(RETAIN_PV);

    git(repo, 'add', 'pv.yaml');
    const passed = commit(repo, 'a volume that keeps its disk');
    expect(passed.output).toMatch(/kubecarry \(fix\)\.+Passed/);
    expect(passed.status).toBe(0);
    expect(git(repo, 'show', 'HEAD:pv.yaml')).toBe(RETAIN_PV);
  }, 120_000);
});
