import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from './helpers/run-cli.js';
import type { LintResult } from '../src/engine/types.js';

// A claim that names no volume: pvc-pinned-volume (migration preset) reports it unless a PersistentVolume reserves it.
const CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`;
// Reserves the claim, and has an error of its own that must never be reported while it is only context.
const RESERVING_VOLUME = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: disk
spec:
  persistentVolumeReclaimPolicy: Delete
  claimRef: {name: data}
  hostPath: {path: /data}
`;

function tree(config = 'extends: migration\n') {
  return makeTree({ '.kubecarry.yaml': config, 'claims/pvc.yaml': CLAIM, 'volumes/pv.yaml': RESERVING_VOLUME });
}

function findings(stdout: string): string[] {
  return (JSON.parse(stdout) as LintResult[]).flatMap((result) =>
    result.messages.map((message) => `${result.filePath.split('/').slice(-2).join('/')} ${message.line}:${message.column} ${message.ruleId}`),
  );
}

function lintedFiles(stdout: string): string[] {
  return (JSON.parse(stdout) as LintResult[]).map((result) => result.filePath.split('/').slice(-2).join('/'));
}

describe('--context', () => {
  it('without context, the claim alone looks unpinned', () => {
    const cwd = tree();
    const run = runCli(['lint', 'claims/pvc.yaml', '-f', 'json'], { cwd });
    expect(findings(run.stdout)).toEqual(['claims/pvc.yaml 4:9 pvc-pinned-volume']);
    expect(run.status).toBe(1);
  });

  // Every way of running the linter must feed the context to cross-document rules, and report nothing on it.
  const modes: [string, (cwd: string) => string[]][] = [
    ['one thread', () => []],
    ['worker threads', () => ['--concurrency', '2']],
    ['the cache', (cwd) => ['--cache', '--cache-location', join(cwd, '.cache')]],
    ['the content cache', (cwd) => ['--cache', '--cache-strategy', 'content', '--cache-location', join(cwd, '.cache')]],
    ['--fix-dry-run', () => ['--fix-dry-run']],
  ];
  for (const [mode, flags] of modes) {
    it(`a volume in a context directory pins the claim, and the volume's own error is not reported (${mode})`, () => {
      const cwd = tree();
      const run = runCli(['lint', 'claims/pvc.yaml', '--context', 'volumes', '-f', 'json', ...flags(cwd)], { cwd });
      expect(run.stderr).toBe('');
      expect(lintedFiles(run.stdout)).toEqual(['claims/pvc.yaml']);
      expect(findings(run.stdout)).toEqual([]);
      expect(run.status).toBe(0);
    });
  }

  it('the cache notices a change in a context file', () => {
    const cwd = tree();
    const args = ['lint', 'claims/pvc.yaml', '--context', 'volumes', '-f', 'json', '--cache', '--cache-location', join(cwd, '.cache')];
    expect(findings(runCli(args, { cwd }).stdout)).toEqual([]);
    const other = makeTree({ 'pv.yaml': RESERVING_VOLUME.replace('name: data', 'name: other') });
    const moved = runCli([...args.slice(0, 3), join(other, 'pv.yaml'), ...args.slice(4)], { cwd });
    expect(findings(moved.stdout)).toEqual(['claims/pvc.yaml 4:9 pvc-pinned-volume']);
  });

  it('comes from the config key `context` too', () => {
    const cwd = tree('extends: migration\ncontext: [volumes]\n');
    const run = runCli(['lint', 'claims/pvc.yaml', '-f', 'json'], { cwd });
    expect(findings(run.stdout)).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('a linted file is not also context: overlapping patterns report each finding once', () => {
    const cwd = tree();
    const run = runCli(['lint', 'claims/pvc.yaml', 'volumes/pv.yaml', '--context', '.', '-f', 'json'], { cwd });
    expect(lintedFiles(run.stdout)).toEqual(['claims/pvc.yaml', 'volumes/pv.yaml']);
    expect(findings(run.stdout)).toEqual(['volumes/pv.yaml 6:34 pv-reclaim-policy']);
  });

  it('works with standard input', () => {
    const cwd = tree();
    const run = runCli(['lint', '--stdin', '--stdin-filename', 'rendered.yaml', '--context', 'volumes', '-f', 'json'], { cwd, input: CLAIM });
    expect(findings(run.stdout)).toEqual([]);
    expect(lintedFiles(run.stdout)).toEqual([join(cwd, 'rendered.yaml').split('/').slice(-2).join('/')]);
  });

  it('a context pattern that matches nothing is a usage error naming it', () => {
    const cwd = tree();
    const run = runCli(['lint', 'claims/pvc.yaml', '--context', 'nowhere/'], { cwd });
    expect(run.stderr).toContain('No files matching the pattern "nowhere/" were found.');
    expect(run.status).toBe(2);
  });
});
