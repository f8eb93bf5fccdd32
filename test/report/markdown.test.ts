import { describe, expect, it } from 'vitest';
import { FINDINGS, sampleInput } from './sample.js';
import { formatMarkdown } from '../../src/report/markdown.js';

/** The cells of a Markdown table row, split on unescaped pipes. */
function cells(row: string): string[] {
  return row
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((cell) => cell.trim());
}

describe('Markdown report', () => {
  const markdown = formatMarkdown(sampleInput());
  const lines = markdown.split('\n');

  it('starts with the grade and the counts', () => {
    expect(lines.slice(0, 3)).toEqual(['## deploycheck: grade F (score 0/100)', '', '**6 findings**: 2 critical, 1 high, 3 medium']);
  });

  it('has a table row per finding, with pipes, backticks, HTML and newlines escaped so the row stays one row', () => {
    const rows = lines.filter((line) => line.startsWith('| ') && !line.startsWith('| Severity'));
    expect(rows).toHaveLength(FINDINGS.length);
    expect(rows.every((row) => cells(row).length === 4)).toBe(true);
    expect(cells(rows[0]!)).toEqual(['critical (when unset)', 'django/debug', 'mysite/settings.py:26:1', 'DEBUG is True (DJANGO\\_DEBUG is unset and the code defaults to "1")']);
    expect(cells(rows[1]!)[3]).toBe('ALLOWED\\_HOSTS \\| \'\\*\' is 100% open<br>second line &lt;&amp;&gt; "quoted" ::warning:: \\`tick\\`');
    expect(cells(rows[3]!)[2]).toBe('https://example.com:8443/admin/login/?next=/x');
  });

  it('lists every deduction and cap', () => {
    expect(markdown).toContain('- −20 django/debug (critical, half: only when unset) at mysite/settings.py:26\n');
    expect(markdown).toContain('- −8 web/hsts-header-missing (medium) at https://example.com:8443/admin/login/?next=/x\n');
    expect(markdown).toContain('- capped at F by django/secret-key-committed: the production SECRET\\_KEY is committed');
  });

  it('collapses the fix of each rule with findings (in rule order), fenced so backticks inside survive', () => {
    const details = markdown.match(/<details>[\s\S]*?<\/details>/g) ?? [];
    expect(details.map((d) => /<summary>([^<]*)<\/summary>/.exec(d)?.[1])).toEqual([
      'django/debug: DEBUG is on',
      'django/allowed-hosts-wildcard: ALLOWED_HOSTS accepts any host',
      'django/secret-key-committed: The production SECRET_KEY is committed',
      'django/hsts-missing: HSTS is off',
      'web/hsts-header-missing: The site sends no HSTS header',
    ]);
    expect(details[0]).toContain('\n```text\nFix django/debug:\n\nSETTING = os.environ["X"]  # with `backticks`\n```\n');
    const fenced = formatMarkdown(sampleInput({ findings: [{ ...FINDINGS[0]!, fix: 'use ```x``` here' }], rules: [] }));
    expect(fenced).toContain('\n````text\nuse ```x``` here\n````\n');
  });

  it('says so when there is nothing to report, and shows internal errors', () => {
    expect(formatMarkdown(sampleInput({ findings: [] }))).toBe('## deploycheck: grade A+ (score 100/100)\n\nNo findings.\n');
    expect(formatMarkdown(sampleInput({ findings: [], errors: ['rule x failed'] }))).toContain('### Internal errors\n\n```text\nrule x failed\n```\n');
  });
});
