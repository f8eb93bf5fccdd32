import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeProject } from '../helpers/project.js';

const MANAGE = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n";

function projectWithSettings(settings: Buffer | string): string {
  const root = makeProject({ 'manage.py': MANAGE, 'site/__init__.py': '' });
  writeFileSync(join(root, 'site', 'settings.py'), settings);
  return root;
}

async function settingsErrors(root: string): Promise<{ code: number; messages: string[]; stderr: string }> {
  const run = await runCli('check', root, '--format', 'json');
  const report = JSON.parse(run.stdout) as { findings: { rule: string; message: string; location: { file: string } }[] };
  const messages = report.findings.filter((f) => f.rule === 'django/settings-error').map((f) => `${f.location.file}: ${f.message}`);
  return { code: run.code, messages, stderr: run.stderr };
}

describe('bad input gives a finding or a clear message, never a stack trace', () => {
  it('a binary file named settings.py', async () => {
    const result = await settingsErrors(projectWithSettings(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 0, 3])));
    expect(result.messages).toEqual([expect.stringMatching(/^site\/settings\.py: .*binary/i)]);
    expect(result.stderr).toBe('');
  });

  it('a 50 MB settings file', async () => {
    const big = `DEBUG = False\n${'# padding line of a huge generated settings file\n'.repeat(1_100_000)}`;
    const result = await settingsErrors(projectWithSettings(big));
    expect(result.messages).toEqual([expect.stringMatching(/^site\/settings\.py: .*(large|MB)/i)]);
    expect(result.stderr).toBe('');
  });

  it('invalid UTF-8', async () => {
    const result = await settingsErrors(projectWithSettings(Buffer.concat([Buffer.from("DEBUG = '"), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from("'\n")])));
    expect(result.messages).toEqual([expect.stringMatching(/^site\/settings\.py: .*UTF-8/i)]);
  });

  it('a syntax error is reported at its line, and the settings before it still count', async () => {
    const run = await runCli('check', projectWithSettings("DEBUG = True\nSECRET_KEY = os.environ['K']\nALLOWED_HOSTS = [\n"), '--format', 'json');
    const report = JSON.parse(run.stdout) as { findings: { rule: string; location: { line: number } }[] };
    expect(report.findings.find((f) => f.rule === 'django/settings-error')?.location.line).toBe(3);
    expect(report.findings.some((f) => f.rule === 'django/debug')).toBe(true);
  });

  it('a symlink loop in the tree', async () => {
    const root = projectWithSettings("DEBUG = False\nALLOWED_HOSTS = ['x.example']\n");
    symlinkSync(root, join(root, 'site', 'loop'));
    symlinkSync(join(root, 'missing-target'), join(root, 'dangling'));
    const run = await runCli('check', root, '--format', 'json');
    expect(run.stderr).toBe('');
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });
});
