import type { ReportInput, ReportRule } from './types.js';
import { countBySeverity, describeLocation, reportRules } from './types.js';
import type { Finding } from '../engine/types.js';

/** Text that Markdown and the HTML it allows take literally, on one line (safe in a table cell). */
function escapeInline(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#!]/g, (char) => `\\${char}`)
    .replace(/\r?\n/g, '<br>');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A fenced block whose fence is longer than any run of backticks inside. */
function codeBlock(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

function findingRow(finding: Finding): string {
  const severity = finding.confidence === 'default' ? `${finding.severity} (when unset)` : finding.severity;
  const cells = [severity, finding.rule, describeLocation(finding.location), finding.message].map(escapeInline);
  return `| ${cells.join(' | ')} |`;
}

function fixSection(rule: ReportRule): string {
  return `<details><summary>${escapeHtml(`${rule.id}: ${rule.title}`)}</summary>\n\n${codeBlock(rule.docs.fix)}\n\n</details>`;
}

/**
 * A Markdown report for a pull-request comment or $GITHUB_STEP_SUMMARY: the grade, counts, a
 * table of findings, the score deductions and caps, and the fix for each rule that found something.
 */
export function formatMarkdown(input: ReportInput): string {
  const { grade, findings } = input;
  const out = [`## deploycheck: grade ${grade.grade} (score ${grade.score}/100)`, ''];
  const counts = countBySeverity(findings)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n} ${severity}`);
  out.push(findings.length ? `**${findings.length} finding${findings.length === 1 ? '' : 's'}**: ${counts.join(', ')}` : 'No findings.', '');

  if (findings.length) {
    out.push('| Severity | Rule | Location | Message |', '|---|---|---|---|', ...findings.map(findingRow), '');
  }
  if (grade.deductions.length || grade.caps.length) {
    out.push('### Score', '');
    for (const d of grade.deductions) {
      const half = d.confidence === 'default' ? ', half: only when unset' : '';
      out.push(`- −${d.points} ${escapeInline(d.rule)} (${d.severity}${half}) at ${escapeInline(d.where)}`);
    }
    for (const cap of grade.caps) out.push(`- capped at ${escapeInline(cap.grade)} by ${escapeInline(cap.rule)}: ${escapeInline(cap.reason)}`);
    out.push('');
  }
  const found = new Set(findings.map((finding) => finding.rule));
  const rulesToFix = reportRules(input).filter((rule) => found.has(rule.id));
  if (rulesToFix.length) out.push('### How to fix', '', ...rulesToFix.flatMap((rule) => [fixSection(rule), '']));
  if (input.errors.length) out.push('### Internal errors', '', ...input.errors.flatMap((error) => [codeBlock(error), '']));
  return `${out.join('\n').trimEnd()}\n`;
}
