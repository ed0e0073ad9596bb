import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { InputFile } from './engine/linter.js';

/** A YAML document start marker, on its own line (optionally followed by a comment or content). */
const DOCUMENT_START = /^---(?:[ \t]|\r?\n|$)/;
/** The comment `helm template` writes as the first line of every rendered document. */
const SOURCE_COMMENT = /^# Source: (.+?)\s*$/;

/**
 * Splits `helm template` output by the `# Source: chart/templates/x.yaml` comment Helm writes above each document,
 * so findings point at the template that produced them (as kube-score does): one input per template, named by the
 * Source path (`<chart name>/templates/x.yaml`) resolved against `baseDir`, the chart's parent directory, or against
 * the chart itself when `baseDir` holds its Chart.yaml (`helm template .`). Its text is the template's rendered documents, each starting on the
 * line after its Source comment, so a line number is a line of the rendered document (for templates whose top
 * lines render one to one, the template's own line). Documents without a Source comment stay in `fallback`.
 * Text without any Source comment is returned unchanged.
 */
export function splitHelmSources(fallback: InputFile, baseDir: string): InputFile[] {
  const documents = splitDocuments(fallback.text);
  if (!documents.some((document) => document.source !== undefined)) return [fallback];
  const bySource = new Map<string | undefined, string[]>();
  for (const { source, text } of documents) {
    if (source === undefined && text.trim() === '') continue;
    bySource.set(source, [...(bySource.get(source) ?? []), text]);
  }
  const inChart = existsSync(join(baseDir, 'Chart.yaml'));
  return [...bySource].map(([source, texts]) => ({
    filePath: source === undefined ? fallback.filePath : resolve(baseDir, inChart ? source.replace(/^[^/]*\//, '') : source),
    text: texts.map(terminated).join('---\n'),
  }));
}

interface RenderedDocument {
  source: string | undefined;
  /** The document without its `---` marker and Source comment. */
  text: string;
}

function splitDocuments(text: string): RenderedDocument[] {
  const documents: RenderedDocument[] = [];
  let lines: string[] = [];
  const flush = () => {
    const first = lines.findIndex((line) => line.trim() !== '');
    const source = first === -1 ? undefined : SOURCE_COMMENT.exec(lines[first]!)?.[1];
    documents.push({ source, text: (source === undefined ? lines : lines.slice(first + 1)).join('') });
  };
  for (const line of text.split(/(?<=\n)/)) {
    if (DOCUMENT_START.test(line)) {
      flush();
      lines = [];
      // Content after the marker on the same line (`--- # comment`, `--- {a: 1}`) stays with the document.
      const rest = line.slice(3).trimStart();
      if (rest !== '') lines.push(rest);
    } else {
      lines.push(line);
    }
  }
  flush();
  return documents;
}

function terminated(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
