/** Where a rule's documentation lives; formatters (SARIF, ESLint's) link to it. */
export const DOCS_BASE_URL = 'https://github.com/kubecarry/kubecarry/blob/main/docs/rules';

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}/${id}.md`;
}
