/** The check report's JSON against docs/schema/check-report.schema.json, for a Django and a Node project. */
import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/frameworks.js';
import { formatJson } from '../../src/report/json.js';
import { makeProject } from '../helpers/project.js';

const schema = JSON.parse(readFileSync(new URL('../../docs/schema/check-report.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const validate = new AjvModule.default({ allErrors: true, strict: false }).compile(schema);

async function reportOf(root: string): Promise<Record<string, unknown>> {
  return JSON.parse(formatJson(await runCheck({ root }), '0.0.0')) as Record<string, unknown>;
}

describe('the check report schema', () => {
  it('validates a report with a Django API and a Node front end, and a Node project production was not fully read for', async () => {
    const root = makeProject({
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'api.settings')\n",
      'api/__init__.py': '',
      'api/settings.py': "DEBUG = True\nSECRET_KEY = 'x'\n",
      'web/package.json': JSON.stringify({ name: 'web', dependencies: { next: '14' }, scripts: { start: 'next start' } }),
      'server/package.json': JSON.stringify({ dependencies: { express: '4' }, scripts: { start: 'node dist/missing.js' } }),
      Procfile: 'web: cd web && npm start\n',
    });
    const report = await reportOf(root);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect((report.projects as { kind: string }[]).map((project) => project.kind)).toEqual(['django', 'node', 'node']);
  });

  it('rejects a Node project summary with a field the schema does not know, or a missing production', () => {
    const base = { schemaVersion: 3, tool: { name: 'deploycheck', version: '0' }, kind: 'check', root: '/', environment: 'production', summary: { findings: 0, bySeverity: {}, grade: 'A+', score: 100 }, grade: { grade: 'A+', score: 100 }, findings: [], errors: [] };
    const production = { entries: [], nodeEnv: { how: 'x', confidence: 'default' }, assumptions: [], line: 'x', complete: true, hint: 'x' };
    expect(validate({ ...base, projects: [{ kind: 'node', root: '', frameworks: ['express'], production }] })).toBe(true);
    expect(validate({ ...base, projects: [{ kind: 'node', root: '', frameworks: ['express'], production, settingsModule: 'x' }] })).toBe(false);
    expect(validate({ ...base, projects: [{ kind: 'node', root: '', frameworks: ['express'] }] })).toBe(false);
    expect(validate({ ...base, projects: [{ kind: 'node', root: '', frameworks: ['rails'], production }] })).toBe(false);
  });
});
