import { parseArgs } from 'node:util';

/** Flags as ESLint spells them; `--no-X` flags are declared explicitly (Node 20's parseArgs has no negation). */
export const OPTIONS = {
  format: { type: 'string', short: 'f', multiple: true },
  'output-file': { type: 'string', short: 'o', multiple: true },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  'no-config-lookup': { type: 'boolean' },
  preset: { type: 'string' },
  rule: { type: 'string', multiple: true },
  'ignore-pattern': { type: 'string', multiple: true },
  'no-ignore': { type: 'boolean' },
  context: { type: 'string', multiple: true },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'kubernetes-version': { type: 'string' },
  schema: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  cache: { type: 'boolean' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'fix-type': { type: 'string', multiple: true },
  'cache-location': { type: 'string' },
  'cache-strategy': { type: 'string' },
  'exit-on-fatal-error': { type: 'boolean' },
  'report-unused-disable-directives': { type: 'boolean' },
  'report-unused-disable-directives-severity': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export type ParsedOptions = ReturnType<typeof parse>['values'];

export function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

export const HELP = `kubecarry [lint] [options] [file|dir|glob]*   lint manifests (default: .)
kubecarry rules [--format json]              list the rules
kubecarry bindings [--format json] [path]*   predict which volume each claim binds (--help for more)
kubecarry migrate [options] [path]* --out DIR   write manifests for the target cluster (see migrate --help)

Make Kubernetes services safe to move to another cluster: finds reclaim policies that delete disks,
containers killed mid-write and claims that would not bind their existing volume.

Basic configuration:
  -c, --config path              Use this config file instead of looking up .kubecarry.yaml
  --no-config-lookup             Do not look up a config file
  --preset name                  recommended (default) or migration
  --rule 'id: severity'          Set a rule: off|warn|error, or '[error, {option: value}]' (repeatable)
  --kubernetes-version x.y       Version of the target cluster (default: the config's, else 1.34)
  --schema dir                   More JSON Schemas, for custom resources (kubeconform file names; repeatable)

Fixing problems:
  --fix                          Fix problems in place (minimal text edits: comments and layout are kept)
  --fix-dry-run                  Fix problems without writing; the fixed text is in each result's output
  --fix-type type                Only fix problems of this rule type: problem, suggestion (repeatable, comma-separated)

Ignoring files:
  --ignore-pattern pattern       Ignore files matching this gitignore-style pattern (repeatable)
  --no-ignore                    Disable .gitignore, .kubecarryignore, config ignores and --ignore-pattern

Input:
  --context path                 Read these files, directories or globs only for rules that relate manifests
                                 across files (a claim and its volume); they are never reported on (repeatable)
  --stdin                        Lint standard input (also: a lone "-" argument); findings in helm template
                                 output go to the templates its "# Source:" comments name
  --stdin-filename path          File name to report for standard input

Output:
  -f, --format name              stylish (default), json, sarif, github, junit, or any ESLint formatter package
                                 or path; repeatable: each format is printed, in order
  -o, --output-file [fmt=]path   Write the report to this file; with several formats, -o sarif=results.sarif
                                 sends one format to a file (repeatable)
  --color, --no-color            Force colour on or off (default: on for a terminal)
  --quiet                        Report errors only
  --max-warnings n               Exit 1 when there are more than n warnings

Inline directives:
  --report-unused-disable-directives            Report kubecarry-disable comments that suppress nothing
  --report-unused-disable-directives-severity   off|warn|error (default: error)

Handling exit codes:
  --exit-on-fatal-error          Exit 2 on a YAML syntax error (default: 1)
  0: no errors and not too many warnings; 1: errors or too many warnings; 2: usage, configuration or internal error.

Performance:
  --concurrency auto|N|off       Lint in N worker threads (auto: by CPU and file count; default: off; --fix fixes in one)
  --cache                        Only lint what changed since the last run
  --cache-location path          The cache file, or a directory to hold it (default: .kubecarrycache)
  --cache-strategy metadata|content  How a changed file is detected: size and mtime (default) or content hash

Miscellaneous:
  -h, --help                     Show this help
  -v, --version                  Print the version
`;
