import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeProject } from '../helpers/project.js';

interface JsonReport {
  schemaVersion: number;
  findings: { rule: string; django?: string; severity: string; confidence: string; location: { file: string; line: number }; evidence?: string; message: string }[];
  grade: { grade: string; score: number };
  projects: { kind: string; root: string; settingsModule?: string }[];
}

async function checkJson(...args: string[]): Promise<{ code: number; report: JsonReport }> {
  const run = await runCli('check', ...args, '--format', 'json');
  return { code: run.code, report: JSON.parse(run.stdout) as JsonReport };
}

describe('deploycheck check on the bundled fixtures', () => {
  it('reports the fresh startproject as not deployable, at the right lines, and exits 1', async () => {
    const { code, report } = await checkJson('fixtures/startproject');
    expect(code).toBe(1);
    expect(report.schemaVersion).toBe(3);
    expect(report.projects.map((p) => [p.kind, p.root, p.settingsModule])).toEqual([['django', '', 'mysite.settings']]);
    const at = (django: string) => report.findings.find((f) => f.django === django)?.location;
    expect(at('security.W009')).toEqual(expect.objectContaining({ file: 'mysite/settings.py', line: 23 }));
    expect(at('security.W018')).toEqual(expect.objectContaining({ file: 'mysite/settings.py', line: 26 }));
    expect(at('security.W020')).toEqual(expect.objectContaining({ file: 'mysite/settings.py', line: 28 }));
    expect(report.grade.grade).toBe('F');
  });

  it('prints the startproject findings grouped by file with a grade line, without colour when not a TTY', async () => {
    const run = await runCli('check', 'fixtures/startproject');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^mysite\/settings\.py$/m);
    expect(run.stdout).toMatch(/26:\d+\s+critical\s+.*django\/debug/);
    expect(run.stdout).toMatch(/^Grade F \(score \d+\/100\)/m);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('finds nothing above info on the hardened fixture and exits 0', async () => {
    const { code, report } = await checkJson('fixtures/hardened');
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(code).toBe(0);
  });

  it('never prints the startproject secret key in full', async () => {
    const run = await runCli('check', 'fixtures/startproject', '--format', 'json');
    const key = '_nvg^3p7*vehea+&ukoax$6h^x5brua!bs5b@ms&o&j@o1l*1u';
    expect(run.stdout).not.toContain(key);
    expect(run.stdout).not.toContain(key.slice(0, 12));
  });
});

describe('exit codes and usage errors', () => {
  it('exits 2 for a missing directory, a bad flag value or an unknown rule', async () => {
    expect((await runCli('check', 'no/such/dir')).code).toBe(2);
    const badFailOn = await runCli('check', 'fixtures/startproject', '--fail-on', 'severe');
    expect(badFailOn.code).toBe(2);
    expect(badFailOn.stderr).toContain('--fail-on must be one of');
    expect((await runCli('check', 'fixtures/startproject', '--rule', 'django/nope')).code).toBe(2);
    expect((await runCli('check', 'fixtures/startproject', '--set', 'NOEQUALS')).code).toBe(2);
    expect((await runCli('frobnicate')).code).toBe(2);
  });

  it('honours --fail-on none and --min-grade', async () => {
    expect((await runCli('check', 'fixtures/startproject', '--fail-on', 'none')).code).toBe(0);
    expect((await runCli('check', 'fixtures/hardened', '--min-grade', 'A')).code).toBe(0);
    expect((await runCli('check', 'fixtures/startproject', '--fail-on', 'none', '--min-grade', 'C')).code).toBe(1);
  });

  it('applies --set over the files: DEBUG from the environment', async () => {
    const root = makeProject({
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n",
      'site/__init__.py': '',
      'site/settings.py': "import os\nDEBUG = os.environ.get('DEBUG', '') == '1'\nSECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = ['a.example']\n",
    });
    const off = await checkJson(root, '--set', 'SECRET_KEY=x');
    expect(off.report.findings.some((f) => f.rule === 'django/debug')).toBe(false);
    const on = await checkJson(root, '--set', 'DEBUG=1', '--set', 'SECRET_KEY=x');
    const debug = on.report.findings.find((f) => f.rule === 'django/debug');
    expect(debug?.location).toEqual(expect.objectContaining({ file: 'site/settings.py', line: 2 }));
  });
});

describe('rules and explain', () => {
  it('lists rules with severity and Django id, and explains one by either id', async () => {
    const list = await runCli('rules');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^django\/debug\s+critical\s+security\.W018\s+\S/m);
    const byDjangoId = await runCli('explain', 'security.W018');
    expect(byDjangoId.stdout).toMatch(/^django\/debug: /);
    expect(byDjangoId.stdout).toContain('Why');
    expect(byDjangoId.stdout).toContain('Fix');
    expect((await runCli('explain', 'nope/nope')).code).toBe(2);
  });
});
