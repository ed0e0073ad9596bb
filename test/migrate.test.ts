import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { main } from '../src/cli/main.js';
import { DEFAULT_KUBERNETES_VERSION, parseKubernetesVersion } from '../src/config/kubernetes-version.js';
import { lintFiles } from '../src/engine/linter.js';
import { rulesById } from '../src/rules/index.js';

/**
 * Each case in test/fixtures/migrate/<case>/: `input/` (manifests; a case without it names its inputs in args.json),
 * `args.json` (extra arguments), `expected/` (the whole output directory) and `run.txt` (exit code, stdout, stderr).
 * `UPDATE=1` rewrites expected/ and run.txt.
 */
const CASES = join(import.meta.dirname, 'fixtures', 'migrate');
const UPDATE = process.env['UPDATE'] === '1';

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

async function runCase(name: string) {
  const caseDir = join(CASES, name);
  const out = join(mkdtempSync(join(tmpdir(), 'kubecarry-migrate-')), 'out');
  const args: string[] = JSON.parse(readFileSync(join(caseDir, 'args.json'), 'utf8'));
  let stdout = '';
  let stderr = '';
  const inputs = existsSync(join(caseDir, 'input')) ? ['input'] : [];
  const code = await main(['migrate', ...inputs, '--no-config-lookup', '--out', out, ...args], {
    cwd: caseDir,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: false,
    readStdin: async () => '',
  });
  const log = `exit: ${code}\n--- stdout\n${stdout.replaceAll(out, '<out>')}--- stderr\n${stderr.replaceAll(out, '<out>')}`;
  const version = args.indexOf('--kubernetes-version');
  return { caseDir, out, log, kubernetesVersion: parseKubernetesVersion(version >= 0 ? args[version + 1]! : DEFAULT_KUBERNETES_VERSION) };
}

/** The bundled JSON Schema check of the target version on one output file: the API server would accept it. */
function schemaMessages(filePath: string, text: string, kubernetesVersion: readonly [number, number]): string[] {
  const { results } = lintFiles([{ filePath, text }], { rules: [{ rule: rulesById.get('schema')!, severity: 2, options: {} }], kubernetesVersion, reportUnusedDisableDirectives: 0 });
  return results.flatMap((result) => result.messages.map((message) => `${message.line}:${message.column} ${message.message}`));
}

describe('kubecarry migrate fixtures', () => {
  for (const name of readdirSync(CASES).sort()) {
    it(name, async () => {
      const { caseDir, out, log, kubernetesVersion } = await runCase(name);
      const expectedDir = join(caseDir, 'expected');
      const produced = filesUnder(out);
      if (UPDATE) {
        rmSync(expectedDir, { recursive: true, force: true });
        for (const file of produced) {
          mkdirSync(dirname(join(expectedDir, file)), { recursive: true });
          writeFileSync(join(expectedDir, file), readFileSync(join(out, file)));
        }
        writeFileSync(join(caseDir, 'run.txt'), log);
      }
      expect(log).toBe(readFileSync(join(caseDir, 'run.txt'), 'utf8'));
      expect(produced).toEqual(filesUnder(expectedDir));
      for (const file of produced) {
        const text = readFileSync(join(out, file), 'utf8');
        expect(text, file).toBe(readFileSync(join(expectedDir, file), 'utf8'));
        if (file.endsWith('.yaml')) {
          const documents = parseAllDocuments(text, { version: '1.1' });
          expect(Array.isArray(documents) ? documents.flatMap((document) => document.errors) : ['not a document'], file).toEqual([]);
          expect(schemaMessages(file, text, kubernetesVersion), file).toEqual([]);
        }
        if (file.endsWith('.json')) expect(() => JSON.parse(text), file).not.toThrow();
      }
    });
  }
});
