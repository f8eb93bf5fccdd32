import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../helpers/project.js';
import { runCheck } from '../../src/engine/check.js';

const STRIPE = 'sk_live_p5GRqb1VDMQeXjHBXMOdHbCa';

function gitInit(root: string, ...add: string[]): void {
  execFileSync('git', ['init', '-q'], { cwd: root });
  if (add.length) execFileSync('git', ['add', ...add], { cwd: root });
}

async function rules(root: string): Promise<[string, string, number][]> {
  const result = await runCheck({ root, only: ['secrets', 'env'] });
  return result.findings.map((finding) => [finding.rule, 'file' in finding.location ? finding.location.file : '', 'file' in finding.location ? finding.location.line : 0]);
}

describe('secrets and env rules', () => {
  it('run in a repository without any Django project', async () => {
    const root = makeProject({ 'deploy/config.yaml': `stripe:\n  secret_key: ${STRIPE}\n` });
    expect(await rules(root)).toEqual([['secrets/known-format', 'deploy/config.yaml', 2]]);
  });

  it('report a tracked .env with secrets as critical, once, and stay quiet when .gitignore keeps it out', async () => {
    const root = makeProject({ '.env': `STRIPE_SECRET_KEY=${STRIPE}\nDEBUG=False\n`, '.gitignore': 'node_modules/\n' });
    gitInit(root, '.env');
    const result = await runCheck({ root, only: ['env', 'secrets'] });
    expect(result.findings.map((finding) => [finding.rule, finding.severity, finding.confidence])).toEqual([
      ['env/file-committed', 'critical', 'certain'],
      ['env/gitignore-missing', 'low', 'certain'],
    ]);
    expect(result.findings[0]!.message).toContain('git tracks it');

    const ignored = makeProject({ '.env': `STRIPE_SECRET_KEY=${STRIPE}\n`, '.gitignore': '.env\n' });
    gitInit(ignored);
    expect(await rules(ignored)).toEqual([]);
  });

  it('accept a template of placeholders and report one with a real-looking value', async () => {
    const clean = makeProject({ '.env.example': 'SECRET_KEY=changeme\nSTRIPE_SECRET_KEY=<your key>\nDATABASE_URL=postgres://user:password@localhost/app\n' });
    expect(await rules(clean)).toEqual([]);
    const leaky = makeProject({ '.env.example': `SECRET_KEY=changeme\nSTRIPE_SECRET_KEY=${STRIPE}\n` });
    expect(await rules(leaky)).toEqual([['env/template-has-secrets', '.env.example', 2]]);
  });

  it('leave SECRET_KEY in the settings module to django/secret-key-committed', async () => {
    const root = makeProject({
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
      'mysite/__init__.py': '',
      'mysite/settings.py': "SECRET_KEY = 'django-insecure-hp3&3##b9d(tnc@$jjsyp5*x-wv(tw%b1pfy9xw7b$mgb%@5&7'\nDEBUG = False\n",
      'mysite/local.py': "API_TOKEN = 'l3sHKuSQpOdI8ICfAr9nzN8aHjlpbM3t'\n",
    });
    const result = await runCheck({ root, only: ['secrets', 'django/secret-key-committed'] });
    expect(result.findings.map((finding) => [finding.rule, 'file' in finding.location ? finding.location.file : ''])).toEqual([
      ['secrets/high-entropy', 'mysite/local.py'],
      ['django/secret-key-committed', 'mysite/settings.py'],
    ]);
  });
});
