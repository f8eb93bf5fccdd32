import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { makeProject, settingsFiles } from '../helpers/project.js';
import { runCheck } from '../../src/frameworks.js';

const STRIPE = 'sk_live_p5GRqb1VDMQeXjHBXMOdHbCa';

/** A test module (all values fake): a throwaway PEM key, test passwords and tokens, and one live Stripe key (line 10). */
const TEST_FILE = `"""Test values (fixture: all fake). Only the live Stripe key may fire, at lower severity."""
from django.test import TestCase, override_settings

PRIVATE_KEY = """-----BEGIN RSA PRIVATE KEY-----
+kFXV9Hv+2GqxmcMCQNioxZFeVtMuTBEJYB9+SBf8UWHGJBhWk+qKzM1SMGXCRlw
3dh4N/dzz602N18pbPp4P8xwa+NjhACmQHS3st4YdT/qB3zmjXL27YIoc9WSiS7H
9vbZNRpMqLEzJ0OxIV3CUBTzDITAfbG2cR3G2C5Jw9SuMGXrrBpXWZW+LfVs8r5j
-----END RSA PRIVATE KEY-----"""
ACCESS_TOKEN = "DmsejUhwM48UpFEzlKHNVJJAMypZqrh0"
LIVE_KEY_LEFT_IN_A_TEST = "sk_live_Ebjc0FSc1etrwUut2TPrglKs"


@override_settings(SECRET_KEY="0fflv!*#6chl34&(2m=x(fhlqglyj4*!c^zc-#k=!nimo0smc0")
class LoginTests(TestCase):
    def test_login(self):
        user = self.make_user(password="testpass123", email="a@example.com")
        self.client.login(username=user.username, password="Sup3r-S3cret!")
        self.assertTrue(self.client.post("/login/", {"password": "P@ssw0rd", "secret_key": "sec-key-123"}))
`;

const CI_WORKFLOW = `jobs:
  test:
    env:
      DATABASE_URL: postgres://ci:Zx81kPq2rTw@db.internal:5432/ci
      DJANGO_SECRET_KEY: n*73$oe=ymmohra(sn54klvuaoe59w+mhh91b^fji7(u&nq#0=
    services:
      postgres:
        env:
          POSTGRES_PASSWORD: Zx81kPq2rTw
`;

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
    // Not also env/gitignore-missing: an ignore entry would not untrack the file, and file-committed already says so.
    expect(result.findings.map((finding) => [finding.rule, finding.severity, finding.confidence])).toEqual([
      ['env/file-committed', 'critical', 'certain'],
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
    const root = makeProject(settingsFiles("SECRET_KEY = 'django-insecure-hp3&3##b9d(tnc@$jjsyp5*x-wv(tw%b1pfy9xw7b$mgb%@5&7'\nDEBUG = False\n", {
      'mysite/local.py': "API_TOKEN = 'l3sHKuSQpOdI8ICfAr9nzN8aHjlpbM3t'\n",
    }));
    const result = await runCheck({ root, only: ['secrets', 'django/secret-key-committed'] });
    expect(result.findings.map((finding) => [finding.rule, 'file' in finding.location ? finding.location.file : ''])).toEqual([
      ['secrets/high-entropy', 'mysite/local.py'],
      ['django/secret-key-committed', 'mysite/settings.py'],
    ]);
  });

  it('still ask for a .gitignore entry when no .env is tracked but the project uses one', async () => {
    const root = makeProject({ 'app.py': 'DEBUG = False\n', '.gitignore': 'node_modules/\n', '.env.example': 'DEBUG=\n' });
    gitInit(root, 'app.py', '.env.example');
    expect(await rules(root)).toEqual([['env/gitignore-missing', '.gitignore', 1]]);
  });

  it('report only live provider keys in tests, CI and dev-only files, at medium severity', async () => {
    const root = makeProject({
      'shop/tests/test_accounts.py': TEST_FILE,
      '.github/workflows/ci.yml': CI_WORKFLOW,
      '.devcontainer/backend.env': 'DATABASE_URL=postgres://shop:Zx81kPq2rTw@db/shop\nSECRET_KEY=hrWXp418afOMuRlrYBfjZFBz\nEMAIL_HOST_PASSWORD=Sup3r-S3cret!\n',
      '.env.test': `STRIPE_SECRET_KEY=${STRIPE}\nSECRET_KEY=l3sHKuSQpOdI8ICfAr9nzN8aHjlpbM3t\nDATABASE_URL=postgres://shop:Zx81kPq2rTw@db.internal:5432/shop\n`,
    });
    gitInit(root, '.env.test', '.devcontainer/backend.env');
    const result = await runCheck({ root, only: ['secrets', 'env/file-committed'] });
    expect(result.findings.map((finding) => [finding.rule, finding.severity, 'file' in finding.location ? finding.location.file : '', 'file' in finding.location ? finding.location.line : 0])).toEqual([
      ['env/file-committed', 'medium', '.env.test', 1],
      ['secrets/known-format', 'medium', 'shop/tests/test_accounts.py', 10],
    ]);
    expect(result.findings[1]!.message).toContain('a test or fixture file');
  });
});
