/**
 * Expected findings written inline in fixture files, as YAML comments, so a fixture stays a manifest kubectl accepts:
 *
 *   persistentVolumeReclaimPolicy: Delete
 *   #                              ^^^^^^ pv-reclaim-policy      caret line: rule and exact columns of the line above
 *   image: nginx   # expect: some-rule                           trailing form: line only
 *   # expect: some-rule at 1:1-1:11                               explicit form: start and end, for column 1 or multi-line
 *
 * First-line headers: `# options: {...}` (rule options as JSON), `# kubernetes-version: 1.29`.
 */
export interface Expected {
  ruleId: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface FixtureHeader {
  options?: unknown;
  kubernetesVersion?: string;
}

const CARET = /^(\s*#\s*)(\^+)\s+([a-z0-9-]+)\s*$/;
const EXPLICIT = /#\s*expect:\s*([a-z0-9-]+)\s+at\s+(\d+):(\d+)-(\d+):(\d+)\s*$/;
const TRAILING = /#\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;

export function readMarkers(text: string): { expected: Expected[]; header: FixtureHeader } {
  const lines = text.split(/\r\n|\r|\n/);
  const expected: Expected[] = [];
  const header: FixtureHeader = {};
  let lastTarget = 0;
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    const options = /^#\s*options:\s*(.*)$/.exec(line);
    if (options) header.options = JSON.parse(options[1]!);
    const version = /^#\s*kubernetes-version:\s*(\S+)/.exec(line);
    if (version) header.kubernetesVersion = version[1];
    const caret = CARET.exec(line);
    if (caret) {
      const column = caret[1]!.length + 1;
      expected.push({ ruleId: caret[3]!, line: lastTarget, column, endLine: lastTarget, endColumn: column + caret[2]!.length });
      return;
    }
    lastTarget = lineNumber;
    const explicit = EXPLICIT.exec(line);
    if (explicit) {
      const [, ruleId, l, c, el, ec] = explicit;
      expected.push({ ruleId: ruleId!, line: Number(l), column: Number(c), endLine: Number(el), endColumn: Number(ec) });
      return;
    }
    const trailing = TRAILING.exec(line);
    if (trailing) for (const ruleId of trailing[1]!.split(',')) expected.push({ ruleId: ruleId.trim(), line: lineNumber });
  });
  return { expected, header };
}

/** Renders a finding in the marker's own terms, so a failing test shows what to write. */
export function describe(finding: Expected): string {
  const where = finding.column === undefined ? `${finding.line}` : `${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn}`;
  return `${finding.ruleId} at ${where}`;
}
