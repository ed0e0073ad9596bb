// Suggestions are not part of the fixture format: here the "did you mean" of volume-mount-reference is applied and
// checked, and --fix must leave it alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../src/engine/linter.js';
import { fixFiles } from '../../src/engine/fix-files.js';
import { rulesById } from '../../src/rules/index.js';

const rule = rulesById.get('volume-mount-reference')!;
const settings = { rules: [{ rule, severity: 2 as const, options: {} }], kubernetesVersion: [1, 34] as const, reportUnusedDisableDirectives: 0 as const };

const POD = `apiVersion: v1
kind: Pod
metadata: {name: app}
spec:
  containers:
    - name: app
      image: busybox:1.36
      volumeMounts:
        - name: dtaa   # a typo
          mountPath: /data
        - name: cache
          mountPath: /cache
  volumes:
    - {name: data, emptyDir: {}}
    - {name: config, configMap: {name: app}}
`;

function messagesOf(text: string) {
  const { results, internalErrors } = lintFiles([{ filePath: 'pod.yaml', text }], { ...settings, computeFixes: true });
  expect(internalErrors).toEqual([]);
  return results[0]!.messages;
}

describe('volume-mount-reference suggestions', () => {
  it('offers the closest volume name, and applying it fixes the mount', () => {
    const [typo, unknown] = messagesOf(POD);
    expect(typo).toMatchObject({ line: 9, column: 17, messageId: 'notFound' });
    expect(typo!.message).toBe(
      'Container "app" mounts volume "dtaa", but the pod has no volume of that name: the API server rejects it; add the volume or fix the name.',
    );
    expect(typo!.suggestions).toHaveLength(1);
    const [suggestion] = typo!.suggestions!;
    expect(suggestion!.desc).toBe('Use volume "data".');
    const applied = POD.slice(0, suggestion!.fix.range[0]) + suggestion!.fix.text + POD.slice(suggestion!.fix.range[1]);
    expect(applied).toBe(POD.replace('name: dtaa   # a typo', 'name: data   # a typo'));
    expect(messagesOf(applied).map((message) => message.line)).toEqual([11]);

    // "cache" is not within reach of "data" or "config": reported without a suggestion.
    expect(unknown).toMatchObject({ line: 11, messageId: 'notFound' });
    expect(unknown!.suggestions).toBeUndefined();
  });

  it('is never applied by --fix', () => {
    const [result] = fixFiles([{ filePath: 'pod.yaml', text: POD }], settings).results;
    expect(result!.output).toBeUndefined();
    expect(result!.errorCount).toBe(2);
  });
});

describe('volume-mount-reference over generated pods', () => {
  const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);

  it('reports exactly the mounts whose name is not a volume, and nothing else, at the name (quoted: `no` would be a YAML 1.1 boolean)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 4 }), fc.array(name, { maxLength: 5 }), (volumes, mounts) => {
        const text = [
          'apiVersion: v1',
          'kind: Pod',
          'metadata: {name: p}',
          'spec:',
          '  containers:',
          '    - name: c',
          '      volumeMounts:',
          ...mounts.map((mount, i) => `        - {name: "${mount}", mountPath: /m${i}}`),
          ...(volumes.length > 0 ? ['  volumes:', ...volumes.map((volume) => `    - {name: "${volume}", emptyDir: {}}`)] : []),
        ].join('\n');
        const expected = mounts.flatMap((mount, i) => (volumes.includes(mount) ? [] : [`${8 + i}:18`]));
        expect(messagesOf(text).map((message) => `${message.line}:${message.column}`)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
