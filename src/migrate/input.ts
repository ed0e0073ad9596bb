import { loadSourceFile } from '../engine/lint-file.js';
import type { InputFile } from '../engine/linter.js';
import type { SourceObject } from './types.js';

/**
 * Parses the inputs as `lint` does (multi-document files, `kind: List` items). Parse errors and templates come back
 * as `file:line:column: message` lines: an object left out could be a disk left behind, so the caller stops on them.
 */
export function loadSources(inputs: readonly InputFile[], show: (path: string) => string): { sources: SourceObject[]; errors: string[] } {
  const sources: SourceObject[] = [];
  const errors: string[] = [];
  for (const input of inputs) {
    const file = loadSourceFile(input.filePath, input.text);
    const shown = show(input.filePath);
    if (file.templateAt) {
      errors.push(`${shown}:${file.templateAt.line}:${file.templateAt.column}: a Go template, not a manifest; render it first (helm template ... | kubecarry migrate --stdin --out DIR)`);
    }
    for (const error of file.errors) errors.push(`${shown}:${error.line}:${error.column}: ${error.message}`);
    for (const manifest of file.manifests) {
      if (manifest.value.apiVersion.startsWith('kustomize.config.k8s.io/')) {
        // Its namespace, patches and name changes make the objects: read as they are, they would go to other namespaces.
        const { line, column } = manifest.source.position(manifest.source.range(manifest.base)?.[0] ?? 0);
        errors.push(`${shown}:${line}:${column}: a ${manifest.value.kind}, not a manifest; render it first (kubectl kustomize DIR | kubecarry migrate --stdin --out OUT)`);
        continue;
      }
      const item = manifest.base.length > 0 ? `/${manifest.base.join('/')}` : '';
      sources.push({ value: manifest.value as SourceObject['value'], filePath: input.filePath, origin: `${shown}#${manifest.docIndex + 1}${item}` });
    }
  }
  return { sources, errors };
}
