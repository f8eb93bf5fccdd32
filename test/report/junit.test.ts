import { describe, expect, it } from 'vitest';
import { FINDINGS, ODD_MESSAGE, RULES, sampleInput } from './sample.js';
import { childElements, parseXml, textOf } from './xml.js';
import { formatJunit } from '../../src/report/junit.js';

describe('JUnit report', () => {
  const root = parseXml(formatJunit(sampleInput()));
  const suites = childElements(root, 'testsuite');

  it('is well-formed XML with a suite per rule that ran and the right totals', () => {
    expect(root.name).toBe('testsuites');
    expect(suites.map((s) => s.attributes.name)).toEqual(RULES.map((r) => r.id));
    const passing = RULES.filter((r) => !FINDINGS.some((f) => f.rule === r.id)).length;
    expect(root.attributes).toMatchObject({
      name: 'deploycheck',
      tests: String(FINDINGS.length + passing),
      failures: String(FINDINGS.length),
      errors: '0',
    });
    for (const suite of suites) {
      expect(Number(suite.attributes.tests)).toBe(childElements(suite, 'testcase').length);
    }
  });

  it('has a failing test case per finding that reads back as the finding', () => {
    const cases = suites.flatMap((suite) => childElements(suite, 'testcase')).filter((c) => childElements(c, 'failure').length);
    const read = cases.map((c) => {
      const failure = childElements(c, 'failure')[0]!;
      return { rule: c.attributes.classname, file: c.attributes.file, line: c.attributes.line, type: failure.attributes.type, message: failure.attributes.message };
    });
    const expected = FINDINGS.map((f) => ({
      rule: f.rule,
      file: 'file' in f.location ? f.location.file : undefined,
      line: 'file' in f.location ? String(f.location.line) : undefined,
      type: f.severity,
      message: f.message,
    }));
    const order = (a: { rule?: string; line?: string }, b: { rule?: string; line?: string }) => `${a.rule}${a.line}`.localeCompare(`${b.rule}${b.line}`);
    expect(read.sort(order)).toEqual(expected.sort(order));
  });

  it('keeps odd characters intact through escaping, in attributes and text', () => {
    const hosts = childElements(suites.find((s) => s.attributes.name === 'django/allowed-hosts-wildcard')!, 'testcase')[0]!;
    const failure = childElements(hosts, 'failure')[0]!;
    expect(failure.attributes.message).toBe(ODD_MESSAGE);
    expect(textOf(failure)).toContain(ODD_MESSAGE);
    expect(textOf(failure)).toContain('related: https://example.com/: served for any Host header');
    expect(textOf(failure)).toContain('How to fix:\nFix django/allowed-hosts-wildcard:');
    expect(hosts.attributes.name).toBe('ALLOWED_HOSTS accepts any host at mysite/settings.py:28:17');
  });

  it('names a live-scan finding by its URL, without file attributes', () => {
    const scan = childElements(suites.find((s) => s.attributes.name === 'web/hsts-header-missing')!, 'testcase')[0]!;
    expect(scan.attributes).toEqual({
      name: 'The site sends no HSTS header at https://example.com:8443/admin/login/?next=/x',
      classname: 'web/hsts-header-missing',
    });
  });

  it('lists a rule without findings as one passing test case', () => {
    const nosniff = suites.find((s) => s.attributes.name === 'django/nosniff-off')!;
    expect(nosniff.attributes).toMatchObject({ tests: '1', failures: '0' });
    expect(childElements(nosniff, 'testcase')).toEqual([
      { name: 'testcase', attributes: { name: 'nosniff is off', classname: 'django/nosniff-off' }, children: [] },
    ]);
  });

  it('strips characters XML cannot carry and reports internal errors as <error>', () => {
    const finding = { ...FINDINGS[0]!, message: 'bell\u0007 nul\u0000 esc\u001b lone\uD800 ok' };
    const xml = formatJunit(sampleInput({ findings: [finding], errors: ['rule x failed: <boom> & "bang"\n  at stack'] }));
    const parsed = parseXml(xml);
    const failure = childElements(childElements(childElements(parsed, 'testsuite')[0]!, 'testcase')[0]!, 'failure')[0]!;
    expect(failure.attributes.message).toBe('bell nul esc lone ok');
    const internal = childElements(parsed, 'testsuite').find((s) => s.attributes.name === 'deploycheck')!;
    const error = childElements(childElements(internal, 'testcase')[0]!, 'error')[0]!;
    expect(error.attributes.message).toBe('rule x failed: <boom> & "bang"');
    expect(textOf(error)).toBe('rule x failed: <boom> & "bang"\n  at stack');
    expect(parsed.attributes).toMatchObject({ failures: '1', errors: '1' });
  });
});
