import { describe, expect, it } from 'vitest';
import { RAW_SECRET, RULES, sampleInput } from './sample.js';
import { UsageError } from '../../src/core/errors.js';
import { maskSecret } from '../../src/core/mask.js';
import { FORMATS, planReports, renderReport } from '../../src/report/index.js';
import type { RenderInput } from '../../src/report/index.js';

function checkResult(): RenderInput {
  return { ...sampleInput(), root: '/srv/site', environment: 'production', projects: [], errors: [], rulesRun: RULES.length, findings: [...sampleInput().findings] };
}

describe('renderReport', () => {
  it('renders every format without showing a secret in full', () => {
    const input = checkResult();
    expect(input.findings.some((f) => f.evidence === maskSecret(RAW_SECRET))).toBe(true);
    for (const format of FORMATS) {
      const text = renderReport(format, input, { toolVersion: '0.1.0', color: true, verbose: true });
      expect(text.length, format).toBeGreaterThan(0);
      expect(text, format).not.toContain(RAW_SECRET);
      // Not even a long prefix: the mask shows at most four characters.
      expect(text, format).not.toContain(RAW_SECRET.slice(0, 8));
    }
  });

  it('colours pretty output only when asked', () => {
    const input = checkResult();
    expect(renderReport('pretty', input, { toolVersion: '0.1.0', color: true })).toContain('\u001b[');
    expect(renderReport('pretty', input, { toolVersion: '0.1.0', color: false })).not.toContain('\u001b[');
  });
});

describe('planReports (--format NAME[:FILE], --output)', () => {
  it('defaults to pretty on stdout, and --output moves the one untargeted format to a file', () => {
    expect(planReports([])).toEqual([{ format: 'pretty' }]);
    expect(planReports([], 'out.txt')).toEqual([{ format: 'pretty', file: 'out.txt' }]);
    expect(planReports(['json'], 'r.json')).toEqual([{ format: 'json', file: 'r.json' }]);
  });

  it('sends each targeted format to its file and one untargeted format to stdout', () => {
    expect(planReports(['pretty', 'sarif:out.sarif', 'json:report.json'])).toEqual([
      { format: 'pretty' },
      { format: 'sarif', file: 'out.sarif' },
      { format: 'json', file: 'report.json' },
    ]);
    expect(planReports(['junit:a:b.xml'])).toEqual([{ format: 'junit', file: 'a:b.xml' }]);
  });

  it.each([
    [['html'], undefined, /--format must be one of pretty, json, sarif, junit, gitlab, github, markdown \(got 'html'\)/],
    [['sarif:'], undefined, /expected a file/],
    [['pretty', 'json'], undefined, /only one --format can go to stdout/],
    [['sarif:x.sarif'], 'y.txt', /--output needs a --format without a file/],
    [['sarif:x', 'json:x'], undefined, /two reports would be written to x/],
    [['sarif:x', 'json'], 'x', /two reports would be written to x/],
  ])('rejects %j with --output %s', (specs, output, message) => {
    expect(() => planReports(specs, output)).toThrow(UsageError);
    expect(() => planReports(specs, output)).toThrow(message);
  });
});
