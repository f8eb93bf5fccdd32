import type { ReportInput, ReportRule } from './types.js';
import { describeLocation, reportRules } from './types.js';
import type { Finding } from '../engine/types.js';

/** Characters XML 1.0 cannot carry at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function escapeText(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also keep their quotes and line breaks (a parser would normalise raw ones to spaces). */
function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
}

function failureDetails(finding: Finding): string {
  const lines = [finding.message, '', `at ${describeLocation(finding.location)}`];
  if (finding.confidence === 'default') lines.push('confidence: default (holds only because a variable is unset)');
  if (finding.evidence !== undefined) lines.push(`evidence: ${finding.evidence}`);
  for (const related of finding.related) lines.push(`related: ${describeLocation(related.location)}: ${related.message}`);
  if (finding.django) lines.push(`django check: ${finding.django}`);
  lines.push('', 'How to fix:', finding.fix);
  return lines.join('\n');
}

function findingCase(finding: Finding): string {
  const file = 'file' in finding.location ? finding.location : undefined;
  const head = `<testcase${attributes({
    name: `${finding.title} at ${describeLocation(finding.location)}`,
    classname: finding.rule,
    file: file?.file,
    line: file?.line,
  })}>`;
  const failure = `<failure${attributes({ type: finding.severity, message: finding.message })}>${escapeText(failureDetails(finding))}</failure>`;
  return `    ${head}\n      ${failure}\n    </testcase>`;
}

function ruleSuite(rule: ReportRule, findings: Finding[]): string {
  const cases = findings.length
    ? findings.map(findingCase)
    : [`    <testcase${attributes({ name: rule.title, classname: rule.id })}/>`];
  const head = `<testsuite${attributes({ name: rule.id, tests: cases.length, failures: findings.length, errors: 0, skipped: 0 })}>`;
  return `  ${head}\n${cases.join('\n')}\n  </testsuite>`;
}

function errorSuite(errors: readonly string[]): string {
  const cases = errors.map(
    (error, i) =>
      `    <testcase${attributes({ name: `internal error ${i + 1}`, classname: 'deploycheck' })}>\n      <error${attributes({ type: 'internal', message: error.split('\n')[0] })}>${escapeText(error)}</error>\n    </testcase>`,
  );
  const head = `<testsuite${attributes({ name: 'deploycheck', tests: errors.length, failures: 0, errors: errors.length, skipped: 0 })}>`;
  return `  ${head}\n${cases.join('\n')}\n  </testsuite>`;
}

/**
 * JUnit XML, one <testsuite> per rule that ran (GitLab lists test cases by their classname, so the
 * rule id groups the findings): a failing <testcase> per finding (type = severity) or one passing
 * case when the rule found nothing, so the report also shows what was checked. Internal errors
 * become <error> cases in a `deploycheck` suite.
 */
export function formatJunit(input: ReportInput): string {
  const rules = reportRules(input);
  const suites = rules.map((rule) => ruleSuite(rule, input.findings.filter((finding) => finding.rule === rule.id)));
  if (input.errors.length) suites.push(errorSuite(input.errors));
  const withFindings = new Set(input.findings.map((finding) => finding.rule));
  const passed = rules.filter((rule) => !withFindings.has(rule.id)).length;
  const head = `<testsuites${attributes({
    name: 'deploycheck',
    tests: passed + input.findings.length + input.errors.length,
    failures: input.findings.length,
    errors: input.errors.length,
  })}>`;
  return `${['<?xml version="1.0" encoding="UTF-8"?>', head, ...suites, '</testsuites>'].join('\n')}\n`;
}
