import type { LintMessage, LintResult } from './types.js';

/** A message whose fix was not rendered (plain linting): it still counts as fixable. Not enumerable, so never printed. */
const FIXABLE = Symbol('fixable');

export function markFixable(message: LintMessage): void {
  Object.defineProperty(message, FIXABLE, { value: true, enumerable: false });
}

const isFixable = (message: LintMessage) => message.fix !== undefined || (message as { [FIXABLE]?: boolean })[FIXABLE] === true;

/** Builds ESLint's LintResult, counting as ESLint's calculateStatsPerFile does (which never sees a fatal file with fixes). */
export function toLintResult(
  file: { filePath: string; text: string },
  messages: LintMessage[],
  suppressedMessages: LintMessage[],
  output?: string,
  withSource = true,
): LintResult {
  let errorCount = 0;
  let fatalErrorCount = 0;
  let warningCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const message of messages) {
    if (message.fatal || message.severity === 2) {
      errorCount++;
      if (message.fatal) fatalErrorCount++;
      if (isFixable(message)) fixableErrorCount++;
    } else {
      warningCount++;
      if (isFixable(message)) fixableWarningCount++;
    }
  }
  if (fatalErrorCount > 0 && fixableErrorCount + fixableWarningCount > 0) {
    // --fix never edits a file it cannot read whole (nor a file whose rules crashed): nothing in it is fixable.
    for (const message of messages) delete message.fix;
    fixableErrorCount = 0;
    fixableWarningCount = 0;
  }
  const result: LintResult = {
    filePath: file.filePath,
    messages,
    suppressedMessages,
    errorCount,
    fatalErrorCount,
    warningCount,
    fixableErrorCount,
    fixableWarningCount,
  } as LintResult;
  if (output !== undefined) result.output = output;
  if (withSource && errorCount + warningCount > 0 && output === undefined) result.source = file.text;
  result.usedDeprecatedRules = [];
  return result;
}

/** A problem with the file itself rather than its content (unreadable, unwritable, undecodable): fatal, as ESLint's. */
export function fileFatal(message: string, line = 0, column = 0): LintMessage {
  return { ruleId: null, nodeType: null, fatal: true, severity: 2, message, line, column };
}

/** A file that could not be read: one fatal message, the other files go on. */
export function unreadableResult(filePath: string, error: Error): LintResult {
  return toLintResult({ filePath, text: '' }, [fileFatal(`Cannot read file: ${error.message}`)], []);
}

/** A directory that could not be listed: its files were not linted, which must not pass for a clean run. */
export function unreadableDirectoryResult(path: string, error: Error): LintResult {
  return toLintResult({ filePath: path, text: '' }, [fileFatal(`Cannot read directory: ${error.message}; the files below it were not linted`)], []);
}
