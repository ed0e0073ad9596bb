import { extname } from 'node:path';
import type { LintMessage, LintResult } from '../engine/types.js';
import type { FormatterContext } from './load-formatter.js';
import { displayPath, reportRoot } from './paths.js';
import { FATAL_RULE_ID, NOTICE_RULE_ID } from './sarif.js';

/** Characters XML 1.0 cannot carry at all, even escaped: they are dropped. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&apos;');
}

/** CDATA cannot hold `]]>`: split it across two sections. */
function cdata(text: string): string {
  return `<![CDATA[${text.replace(NOT_XML, '').replace(/\]\]>/gu, ']]]]><![CDATA[>')}]]>`;
}

/**
 * JUnit XML in the shape ESLint's junit formatter wrote and CI systems read: one testsuite per file, one failing
 * testcase per finding (a file without findings is one passing testcase).
 */
export function junit(results: readonly LintResult[], context: FormatterContext): string {
  const root = reportRoot(context);
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<testsuites>'];
  for (const result of results) {
    const file = displayPath(result.filePath, root);
    const classname = escapeXml(file.slice(0, file.length - extname(file).length));
    const name = escapeXml(file);
    const failures = result.messages.length;
    out.push(`<testsuite package="org.kubecarry" time="0" tests="${Math.max(failures, 1)}" errors="${failures}" name="${name}">`);
    if (failures === 0) out.push(`<testcase time="0" name="${name}" classname="${classname}" />`);
    for (const message of result.messages) {
      const rule = message.ruleId ?? (message.fatal ? FATAL_RULE_ID : NOTICE_RULE_ID);
      // As JUnit means them: a file that could not be linted is an error, a finding a failure.
      const element = message.fatal ? 'error' : 'failure';
      out.push(
        `<testcase time="0" name="org.kubecarry.${escapeXml(rule)}" classname="${classname}"><${element} message="${escapeXml(message.message)}">${cdata(detail(message, rule))}</${element}></testcase>`,
      );
    }
    out.push('</testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function detail(message: LintMessage, rule: string): string {
  const type = message.fatal || message.severity === 2 ? 'Error' : 'Warning';
  return `line ${message.line || 0}, col ${message.column || 0}, ${type} - ${message.message} (${rule})`;
}
