import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintFiles, waitingTexts, type InputFile, type LintSettings } from '../../src/engine/linter.js';
import { readSource } from '../../src/engine/read-files.js';
import { rules } from '../../src/rules/index.js';

const SETTINGS: LintSettings = {
  rules: rules.map((rule) => ({ rule, severity: 2, options: rule.meta.defaultOptions })),
  kubernetesVersion: [1, 34],
  reportUnusedDisableDirectives: 0,
};

// A claim naming a volume that is not there: a cross-document finding, so the file waits for the cross-document rules.
const CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  volumeName: missing
  resources: {requests: {storage: 1Gi}}
`;

function claimFile(): string {
  const filePath = join(mkdtempSync(join(tmpdir(), 'kubecarry-reread-')), 'claim.yaml');
  writeFileSync(filePath, CLAIM);
  return filePath;
}

describe('a file read from disk waits for the cross-document rules without its text (past a budget)', () => {
  const budget = waitingTexts.budget;
  beforeAll(() => (waitingTexts.budget = 0));
  afterAll(() => (waitingTexts.budget = budget));

  it('gets the same result as a file that kept its text', () => {
    const filePath = claimFile();
    const kept = lintFiles([{ filePath, text: CLAIM }], SETTINGS).results;
    const reread = lintFiles([readSource(filePath)], SETTINGS).results;
    expect(kept[0]!.messages.some((message) => message.ruleId === 'pvc-binding')).toBe(true);
    expect(reread).toEqual(kept);
    expect(reread[0]!.source).toBe(CLAIM);
  });

  it('is read again only if something reads it: not for a result without source and findings across files', () => {
    const text = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast}
provisioner: ebs.csi.aws.com
reclaimPolicy: Delete
`;
    const lint = (omitSource: boolean) => {
      let reads = 0;
      const reread = () => {
        reads++;
        return text;
      };
      const [result] = lintFiles([{ filePath: 'class.yaml', text, reread }], { ...SETTINGS, omitSource }).results;
      expect(result!.messages.map((message) => message.ruleId)).toEqual(['storageclass-reclaim-policy']);
      return { reads, source: result!.source };
    };
    expect(lint(true)).toEqual({ reads: 0, source: undefined });
    expect(lint(false)).toEqual({ reads: 1, source: text });
  });

  it('changed on disk meanwhile: keeps its own messages, without cross-document findings, and warns', () => {
    const filePath = claimFile();
    function* inputs(): Generator<InputFile> {
      yield readSource(filePath);
      writeFileSync(filePath, CLAIM.replace('data', 'other'));
    }
    const [result] = lintFiles(inputs(), SETTINGS).results;
    expect(result!.fatalErrorCount).toBe(0);
    expect(result!.messages.some((message) => message.ruleId === 'pvc-binding')).toBe(false);
    expect(result!.messages.some((message) => message.ruleId === null && message.message.startsWith('File changed while kubecarry linted it'))).toBe(true);
  });
});

describe('files waiting for the cross-document rules keep their texts up to the budget', () => {
  it('a run of ordinary size reads no file again', () => {
    let reads = 0;
    const reread = () => (reads++, CLAIM);
    const [result] = lintFiles([{ filePath: 'claim.yaml', text: CLAIM, reread }], SETTINGS).results;
    expect(result!.messages.some((message) => message.ruleId === 'pvc-binding')).toBe(true);
    expect(reads).toBe(0);
  });
});
