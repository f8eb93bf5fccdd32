import { describe, expect, it } from 'vitest';
import { loadSchemaValidator } from './sarif-schema.js';
import { childElements, parseXml } from './xml.js';
import { runCheck } from '../../src/frameworks.js';
import { loadBuiltInRules } from '../../src/engine/registry.js';
import { defineRule } from '../../src/django/define-rule.js';
import { FORMATS, renderReport } from '../../src/report/index.js';
import type { RenderInput } from '../../src/report/index.js';
import { makeProject } from '../helpers/project.js';

const STARTPROJECT_KEY = '_nvg^3p7*vehea+&ukoax$6h^x5brua!bs5b@ms&o&j@o1l*1u';
const options = { toolVersion: '0.1.0', color: false, verbose: true };

async function startproject(): Promise<RenderInput> {
  return { ...(await runCheck({ root: 'fixtures/startproject' })), rules: await loadBuiltInRules() };
}

describe('every format over a real check of the startproject fixture', () => {
  it('gives a schema-valid SARIF log with a result per finding and every rule that ran', async () => {
    const input = await startproject();
    expect(input.findings.length).toBeGreaterThan(0);
    const log = JSON.parse(renderReport('sarif', input, options)) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[]; tool: { driver: { rules: unknown[] } } }[];
    };
    const validate = loadSchemaValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0]!.tool.driver.rules).toHaveLength(input.rules!.length);
    expect(log.runs[0]!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.region.startLine])).toEqual(
      input.findings.map((f) => [f.rule, 'file' in f.location ? f.location.line : undefined]),
    );
  });

  it('gives a JUnit report with a failure per finding and a pass per quiet rule', async () => {
    const input = await startproject();
    const root = parseXml(renderReport('junit', input, options));
    const cases = childElements(root, 'testsuite').flatMap((suite) => childElements(suite, 'testcase'));
    const failing = cases.filter((c) => childElements(c, 'failure').length);
    expect(failing.map((c) => c.attributes.classname).sort()).toEqual(input.findings.map((f) => f.rule).sort());
    const quiet = input.rules!.filter((rule) => !input.findings.some((f) => f.rule === rule.id));
    expect(cases.length - failing.length).toBe(quiet.length);
  });

  it('gives a GitLab issue per finding, with unique fingerprints', async () => {
    const input = await startproject();
    const issues = JSON.parse(renderReport('gitlab', input, options)) as { check_name: string; fingerprint: string }[];
    expect(issues.map((i) => i.check_name)).toEqual(input.findings.map((f) => f.rule));
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
  });

  it('never shows the committed SECRET_KEY in any format', async () => {
    const input = await startproject();
    for (const format of FORMATS) {
      const text = renderReport(format, input, options);
      expect(text, format).not.toContain(STARTPROJECT_KEY);
      expect(text, format).not.toContain(STARTPROJECT_KEY.slice(0, 8));
    }
  });

  it('never shows a secret a rule reports, even when the rule puts it in its message', async () => {
    const secret = 'sk_live_0123456789abcdefghijklmnopqrstuv';
    const leaky = defineRule({
      id: 'test/leaky',
      title: 'A secret is committed',
      severity: 'high',
      docs: { why: 'Secrets in code leak.', fix: 'Read it from the environment.' },
      check(ctx) {
        ctx.report({ message: `API_KEY is ${secret}`, location: { file: 'site/settings.py', line: 1, column: 1 }, secret, evidence: `API_KEY = '${secret}'` });
      },
    });
    const root = makeProject({
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n",
      'site/__init__.py': '',
      'site/settings.py': `API_KEY = '${secret}'\n`,
    });
    const result = await runCheck({ root, rules: [leaky] });
    expect(result.findings.map((f) => f.rule)).toEqual(['test/leaky']);
    for (const format of FORMATS) {
      const text = renderReport(format, { ...result, rules: [leaky] }, options);
      expect(text, format).toContain('test/leaky');
      expect(text, format).not.toContain(secret.slice(0, 8));
    }
  });
});
