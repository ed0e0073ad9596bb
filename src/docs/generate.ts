import type { AnyRule } from '../engine/rule.js';
import { buildConfigSchema } from '../config/schema.js';

/** Generated files and their expected content; hand-written parts of existing files are kept. */
export interface GeneratedFile {
  path: string;
  content: string;
}

const BEGIN = '<!-- begin generated -->';
const END = '<!-- end generated -->';

export function generatedFiles(rules: readonly AnyRule[], read: (path: string) => string | undefined): GeneratedFile[] {
  const files: GeneratedFile[] = [
    { path: 'schemas/config.schema.json', content: `${JSON.stringify(buildConfigSchema(rules), null, 2)}\n` },
    { path: 'README.md', content: replaceBlock(read('README.md') ?? `${BEGIN}\n${END}\n`, ruleTable(rules, 'docs/rules/')) },
  ];
  for (const rule of rules) {
    const path = `docs/rules/${rule.id}.md`;
    const existing = read(path) ?? `${BEGIN}\n${END}\n\n## Why\n\n## Examples\n\n## How to fix\n`;
    files.push({ path, content: replaceBlock(existing, ruleHeader(rule)) });
  }
  return files;
}

function replaceBlock(text: string, block: string): string {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start === -1 || end === -1) throw new Error(`missing ${BEGIN} / ${END} markers`);
  return `${text.slice(0, start)}${BEGIN}\n${block.trimEnd()}\n${END}${text.slice(end + END.length)}`;
}

const severityLabel = (value: string) => (value === 'off' ? '-' : value);

function ruleTable(rules: readonly AnyRule[], docsPrefix: string): string {
  const lines = [
    '| rule | recommended | migration | fix | description |',
    '| --- | --- | --- | --- | --- |',
    ...rules.map((rule) => {
      const { recommended, migration, description } = rule.meta.docs;
      return `| [\`${rule.id}\`](${docsPrefix}${rule.id}.md) | ${severityLabel(recommended)} | ${severityLabel(migration ?? recommended)} | ${rule.meta.fixable ? '🔧' : ''} | ${description} |`;
    }),
  ];
  return lines.join('\n');
}

function ruleHeader(rule: AnyRule): string {
  const { docs, type, fixable } = rule.meta;
  const lines = [
    `# ${rule.id}`,
    '',
    docs.description,
    '',
    `- Type: ${type}`,
    `- Preset \`recommended\`: ${severityLabel(docs.recommended)}; preset \`migration\`: ${severityLabel(docs.migration ?? docs.recommended)}`,
    `- Fixable: ${fixable ? 'yes (`--fix`)' : 'no'}`,
    `- Kinds: ${docs.kinds.map((kind) => `\`${kind}\``).join(', ') || 'any'}`,
    '',
    '## Messages',
    '',
    ...Object.entries(rule.meta.messages).map(([id, text]) => `- \`${id}\`: ${text as string}`),
    '',
    '## Options',
    '',
    ...optionLines(rule),
  ];
  return lines.join('\n');
}

function optionLines(rule: AnyRule): string[] {
  const properties = (rule.meta.schema['properties'] ?? {}) as Record<string, { description?: string; type?: string }>;
  const names = Object.keys(properties);
  if (names.length === 0) return ['None.'];
  const defaults = rule.meta.defaultOptions as Record<string, unknown>;
  return [
    '| option | type | default | description |',
    '| --- | --- | --- | --- |',
    ...names.map((name) => `| \`${name}\` | ${properties[name]!.type ?? ''} | \`${JSON.stringify(defaults[name])}\` | ${properties[name]!.description ?? ''} |`),
  ];
}
