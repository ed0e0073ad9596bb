// Issue 4's "Done means": `kubecarry lint --fix examples/` on a git copy leaves no fixable problem, `git diff` shows
// only the lines the fixes changed, and a second --fix changes nothing. Nothing here names the example's problems:
// a hunk is "a fix's" when each of its lines names a key or value that differs between the parsed old and new files.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { makeTree, runCli } from './helpers/run-cli.js';
import type { LintResult } from '../src/engine/types.js';

const EXAMPLES = join(import.meta.dirname, '..', 'examples');
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Keys and scalar values along every path where the two values differ, and inside what differs. */
function differences(a: unknown, b: unknown, path: string[] = [], found = new Set<string>()): Set<string> {
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) differences(a[key], b[key], Array.isArray(a) ? path : [...path, key], found);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    for (const segment of path) found.add(segment);
    collect(a, found);
    collect(b, found);
  }
  return found;
}

function collect(value: unknown, found: Set<string>): void {
  if (!isObject(value)) {
    if (value !== undefined) found.add(String(value));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!Array.isArray(value)) found.add(key);
    collect(item, found);
  }
}

const documents = (text: string) => parseAllDocuments(text).map((document) => (document as { toJS(): unknown }).toJS());

/** The changed lines of each hunk of `git diff -U0`, by file. */
function hunks(diff: string): { file: string; lines: string[] }[] {
  const result: { file: string; lines: string[] }[] = [];
  let file = '';
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ b/')) file = line.slice(6);
    else if (line.startsWith('@@')) result.push({ file, lines: [] });
    else if (/^[+-](?![+-]{2} )/.test(line) && result.length > 0) result[result.length - 1]!.lines.push(line);
  }
  return result;
}

describe.each([[[] as string[]], [['--kubernetes-version', '1.33']]])('lint --fix examples/ %j', (extra) => {
  it('leaves no fixable problem, changes only what fixes changed, and a second --fix changes nothing', () => {
    const cwd = makeTree({});
    cpSync(EXAMPLES, cwd, { recursive: true });
    git(cwd, 'init', '-q');
    git(cwd, 'add', '-A');
    git(cwd, '-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'before');

    const first = runCli(['lint', '--fix', '.', '-f', 'json', ...extra], { cwd });
    expect(first.stderr).toBe('');
    const results = JSON.parse(first.stdout) as LintResult[];
    expect(results.filter((result) => result.fixableErrorCount + result.fixableWarningCount > 0).map((result) => result.filePath)).toEqual([]);

    const diff = git(cwd, 'diff', '-U0', '--no-color');
    expect(diff).not.toBe('');
    for (const { file, lines } of hunks(diff)) {
      const before = documents(git(cwd, 'show', `HEAD:${file}`));
      const after = documents(readFileSync(join(cwd, file), 'utf8'));
      const changed = differences(before, after);
      for (const line of lines) {
        const content = line.slice(1).replace(/\s#.*$/, '').trim();
        // A fix never deletes or adds a comment or a blank line of its own.
        expect(content, `${file}: ${line}`).not.toBe('');
        const words = content.replace(/^-\s*/, '').split(/:\s*|\s+/).filter(Boolean).map((word) => word.replace(/^["']|["']$/g, ''));
        expect(words.some((word) => changed.has(word)), `${file}: "${line}" is not part of a fix`).toBe(true);
      }
    }

    runCli(['lint', '--fix', '.', ...extra], { cwd });
    expect(git(cwd, 'diff', '-U0', '--no-color')).toBe(diff);
  });
});
