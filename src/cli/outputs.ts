import { ConfigError } from '../config/load.js';
import { BUILT_IN_FORMATTERS, type Report } from '../formatters/load-formatter.js';

/** One report of a run: a formatter and where its text goes (undefined: standard output). */
export interface Output {
  format: string;
  file?: string;
}

/**
 * Pairs `-f` formats with `-o` targets. `-o FORMAT=path` sends one format to a file (and adds that format if no `-f`
 * named it); a plain `-o path` takes the one format left without a target, as ESLint's `-o` does. Formats without a
 * target print to standard output, in the order given. No `-f` at all means stylish.
 */
export function planOutputs(formats: readonly string[] | undefined, outputFiles: readonly string[] | undefined): Output[] {
  const named = new Set([...(formats ?? []), ...BUILT_IN_FORMATTERS]);
  const targets = new Map<string, string>();
  const plain: string[] = [];
  for (const value of outputFiles ?? []) {
    const separator = value.indexOf('=');
    const format = separator > 0 ? value.slice(0, separator) : '';
    const file = value.slice(separator + 1);
    if (separator > 0 && named.has(format) && file !== '') {
      if (targets.has(format)) throw new ConfigError(`Two output files for format "${format}": give -o ${format}=path once.`);
      targets.set(format, file);
    } else {
      plain.push(value);
    }
  }
  const order = [...new Set([...(formats && formats.length > 0 ? formats : ['stylish']), ...targets.keys()])];
  if (plain.length > 1) throw new ConfigError(`Several output files (${plain.join(', ')}): name the format of each, e.g. -o sarif=${plain[1]}.`);
  const untargeted = order.filter((format) => !targets.has(format));
  if (plain.length === 1) {
    if (untargeted.length !== 1) {
      throw new ConfigError(`Output file "${plain[0]}" fits no single format (${untargeted.join(', ') || 'every format has its file'}): write -o FORMAT=${plain[0]}.`);
    }
    targets.set(untargeted[0]!, plain[0]!);
  }
  return order.map((format) => (targets.has(format) ? { format, file: targets.get(format)! } : { format }));
}

/** Pieces are joined up to this many characters before a write: few system calls, and no report-sized string. */
const WRITE_SIZE = 1 << 20;

/**
 * Writes a report through `write`, in parts of about WRITE_SIZE characters. Returns the last character written, '\n'
 * for an empty report (nothing is written then, so there is no line to end).
 */
export function writeReport(report: Report, write: (text: string) => void): string {
  let last = '\n';
  let buffer = '';
  const flush = () => {
    if (buffer === '') return;
    write(buffer);
    last = buffer[buffer.length - 1]!;
    buffer = '';
  };
  for (const piece of typeof report === 'string' ? [report] : report) {
    buffer += piece;
    if (buffer.length >= WRITE_SIZE) flush();
  }
  flush();
  return last;
}
