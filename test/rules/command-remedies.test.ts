// The suggestions of prestop-hook-valid (`sh -c` around shell syntax) and sigterm-propagation (`exec`), applied and
// checked; and, over generated commands, that the split fix gives exactly the words a shell would.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../src/engine/linter.js';
import { fixFiles } from '../../src/engine/fix-files.js';
import { parseYaml } from '../../src/parse/parse-yaml.js';
import { rulesById } from '../../src/rules/index.js';
import type { LintMessage } from '../../src/engine/types.js';

function settingsFor(id: string) {
  const rule = rulesById.get(id)!;
  return { rules: [{ rule, severity: 2 as const, options: rule.meta.defaultOptions }], kubernetesVersion: [1, 34] as const, reportUnusedDisableDirectives: 0 as const };
}

const pod = (container: string) => `apiVersion: v1
kind: Pod
metadata: {name: app}
spec:
  containers:
    - name: app
      image: example.com/app:1.0
${container}`;

const preStop = (command: string) => pod(`      lifecycle:\n        preStop:\n          exec:\n            command: [${JSON.stringify(command)}]\n`);

function only(id: string, text: string): LintMessage {
  const { results, internalErrors } = lintFiles([{ filePath: 'pod.yaml', text }], { ...settingsFor(id), computeFixes: true });
  expect(internalErrors).toEqual([]);
  expect(results[0]!.messages).toHaveLength(1);
  return results[0]!.messages[0]!;
}

function applied(text: string, fix: { range: readonly [number, number]; text: string }): string {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

const commandOf = (text: string) => (parseYaml(text).documents[0]!.value as any).spec.containers[0].lifecycle?.preStop.exec.command ?? (parseYaml(text).documents[0]!.value as any).spec.containers[0].command;

describe('prestop-hook-valid: one-string exec commands', () => {
  it.each([
    ['kill -TERM 1 && sleep 5', 'an operator'],
    ['pg_ctl stop -m "fast"', 'quotes'],
    ['FLUSH=1 /app/flush', 'an assignment'],
    ['rm /tmp/*.lock', 'a glob'],
  ])('%s (%s): no fix, a suggestion running it with sh -c', (command) => {
    const text = preStop(command);
    const message = only('prestop-hook-valid', text);
    expect(message).toMatchObject({ messageId: 'execOneString', line: 11, column: 23 });
    expect(message.fix).toBeUndefined();
    expect(message.suggestions!.map((s) => s.desc)).toEqual(['Run the command with `sh -c`, as it uses shell syntax.']);
    expect(commandOf(applied(text, message.suggestions![0]!.fix))).toEqual(['sh', '-c', command]);
  });

  it('splits any command of plain words into exactly those words', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9_\-./:,@%+][A-Za-z0-9_\-./=:,@%+]{0,12}$/).filter((w) => !w.startsWith('-') || w.length > 1);
    const first = fc.stringMatching(/^[A-Za-z0-9_\-./:,@%+]{1,12}$/);
    const blanks = fc.stringMatching(/^[ \t]{1,3}$/);
    fc.assert(
      fc.property(first, fc.array(fc.tuple(blanks, word), { minLength: 1, maxLength: 5 }), (program, rest) => {
        const command = program + rest.map(([gap, w]) => gap + w).join('');
        const text = preStop(command);
        const [result] = fixFiles([{ filePath: 'pod.yaml', text }], settingsFor('prestop-hook-valid')).results;
        expect(commandOf(result!.output!)).toEqual([program, ...rest.map(([, w]) => w)]);
        expect(result!.messages).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('sigterm-propagation: exec suggestion', () => {
  const started = (script: string) => pod(`      command: ["sh", "-c", ${JSON.stringify(script)}]\n`);

  it('prefixes exec to a single command, which then gets SIGTERM (the rule is satisfied)', () => {
    const text = started('java -jar /app/api.jar --port=8080');
    const message = only('sigterm-propagation', text);
    expect(message).toMatchObject({ messageId: 'noExec', line: 8, column: 29 });
    expect(message.suggestions!.map((s) => s.desc)).toEqual(['Start the script with `exec`, so `java` replaces the shell and gets SIGTERM.']);
    const fixed = applied(text, message.suggestions![0]!.fix);
    expect(commandOf(fixed)).toEqual(['sh', '-c', 'exec java -jar /app/api.jar --port=8080']);
    expect(lintFiles([{ filePath: 'pod.yaml', text: fixed }], settingsFor('sigterm-propagation')).results[0]!.messages).toEqual([]);
  });

  it.each(['cd /app; java -jar api.jar', 'JAVA_OPTS=-Xmx1g java -jar api.jar', 'if true; then java -jar api.jar; fi'])('offers nothing for %s', (script) => {
    const message = only('sigterm-propagation', started(script));
    expect(message.suggestions).toBeUndefined();
  });

  it('--fix never applies the suggestion', () => {
    const [result] = fixFiles([{ filePath: 'pod.yaml', text: started('java -jar api.jar') }], settingsFor('sigterm-propagation')).results;
    expect(result!.output).toBeUndefined();
  });
});
