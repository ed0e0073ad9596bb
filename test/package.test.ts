import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
// Dependencies come from the npm cache that `npm ci` filled; the registry is asked only for what is missing.
const NPM_ENV = { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

interface PackedFile {
  path: string;
}

/** `npm pack` as a publish would run it (dist/ is already built by `npm test`), into a fresh directory. */
function pack(destination: string): { filename: string; files: string[] } {
  const stdout = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], { cwd: ROOT, env: NPM_ENV, encoding: 'utf8' });
  const [packed] = JSON.parse(stdout) as { filename: string; files: PackedFile[] }[];
  return { filename: join(destination, packed!.filename), files: packed!.files.map((file) => file.path) };
}

describe('the npm package', () => {
  let tarball: { filename: string; files: string[] };
  let project: string;

  beforeAll(() => {
    tarball = pack(mkdtempSync(join(tmpdir(), 'kubecarry-pack-')));
    project = mkdtempSync(join(tmpdir(), 'kubecarry-install-'));
    execFileSync('npm', ['install', '--no-save', '--no-package-lock', tarball.filename], { cwd: project, env: NPM_ENV, stdio: 'pipe' });
  }, 180_000);

  it('holds only what runs: the binary, the compiled code, the config schema, the rule docs', () => {
    const outside = tarball.files.filter((path) => !/^(bin|dist|schemas|docs)\//.test(path) && !['package.json', 'README.md'].includes(path));
    expect(outside).toEqual([]);
    expect(tarball.files).toContain('bin/kubecarry.js');
    expect(tarball.files).toContain('dist/cli/main.js');
    expect(tarball.files).toContain('schemas/config.schema.json');
    expect(tarball.files.filter((path) => /^(src|test|bench)\/|\.map$|fixtures/.test(path))).toEqual([]);
  });

  it('installs into an empty directory and `npx kubecarry lint` finds the problem', () => {
    writeFileSync(
      join(project, 'pv.yaml'),
      'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: data\nspec:\n  persistentVolumeReclaimPolicy: Delete\n  hostPath: {path: /data}\n',
    );
    const run = spawnSync('npx', ['--no-install', 'kubecarry', 'lint', 'pv.yaml', '-f', 'json'], { cwd: project, env: NPM_ENV, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const [result] = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
    expect(result!.filePath).toBe(join(project, 'pv.yaml'));
    expect(result!.messages.map(({ ruleId, line, column }) => `${line}:${column} ${ruleId}`)).toEqual(['6:34 pv-reclaim-policy']);
  });

  it('`kubecarry --version` prints the package version', () => {
    const run = spawnSync('npx', ['--no-install', 'kubecarry', '--version'], { cwd: project, env: NPM_ENV, encoding: 'utf8' });
    expect(run.stdout).toBe(`v${VERSION}\n`);
    expect(run.status).toBe(0);
  });
});
