import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/frameworks.js';
import { makeProject } from '../helpers/project.js';

/** Settings that load a dotenv file and fall back to SQLite and a written key when its variables are missing. */
const settings = (load: string) =>
  [
    'import os',
    load,
    "SECRET_KEY = os.getenv('APP_KEY', 'a-fallback-key-written-in-the-code')",
    "ALLOWED_HOSTS = ['app.example']",
    "DATABASES = {'default': {'ENGINE': os.getenv('DB_BACKEND', 'django.db.backends.sqlite3'), 'NAME': 'app'}}",
    '',
  ].join('\n');

function project(load: string, extra: Record<string, string>): string {
  return makeProject({
    'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings')\n",
    'site_cfg/__init__.py': '',
    'site_cfg/settings.py': settings(load),
    'site_cfg/wsgi.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings')\n",
    Procfile: 'web: gunicorn site_cfg.wsgi\n',
    ...extra,
  });
}

const only = ['django/sqlite-in-production', 'django/secret-key-committed'];
const dotenv = 'from dotenv import load_dotenv\nload_dotenv()';

describe('an env file the settings load that the repository does not hold, documented by a committed sample', () => {
  it('sets the variables the sample names, value unknown: no SQLite finding, the fallback key is not critical', async () => {
    const result = await runCheck({ root: project(dotenv, { '.env.template': 'APP_KEY=\nDB_BACKEND=django.db.backends.postgresql\n' }), only });
    expect(result.findings.map((finding) => finding.rule)).toEqual(['django/secret-key-committed']);
    expect(result.findings[0]).toMatchObject({ severity: 'medium', confidence: 'default' });
    expect(result.findings[0]!.message).toContain('.env.template');
    // The production summary (`--explain`, JSON) says the same: set, value not in the repository.
    const production = (result.projects[0] as { production?: { variables: { name: string; state: string; source?: string }[] } }).production;
    expect(production?.variables.find((variable) => variable.name === 'DB_BACKEND')).toEqual({
      name: 'DB_BACKEND',
      state: 'unknown',
      source: '.env (loaded by settings; not in the repository, .env.template names DB_BACKEND)',
    });
  });

  it('follows an explicit path (`read_env(...)`) to the sample beside it', async () => {
    const load = "import environ\nenviron.Env.read_env(os.path.join(os.path.dirname(os.path.dirname(__file__)), 'conf', '.env'))";
    const result = await runCheck({ root: project(load, { 'conf/.env.example': 'DB_BACKEND=\n' }), only: ['django/sqlite-in-production'] });
    expect(result.findings).toEqual([]);
  });

  it('leaves a variable the sample does not name unset, so its fail-open default is still judged', async () => {
    const result = await runCheck({ root: project(dotenv, { '.env.template': 'APP_KEY=\n' }), only });
    expect(result.findings.map((finding) => finding.rule).sort()).toEqual(['django/secret-key-committed', 'django/sqlite-in-production']);
    expect(result.findings.find((finding) => finding.rule === 'django/sqlite-in-production')?.confidence).toBe('default');
  });

  it('without a sample leaves every variable unset, as before', async () => {
    const result = await runCheck({ root: project(dotenv, {}), only });
    expect(result.findings.map((finding) => finding.rule).sort()).toEqual(['django/secret-key-committed', 'django/sqlite-in-production']);
    expect(result.findings.find((finding) => finding.rule === 'django/secret-key-committed')?.severity).toBe('critical');
    const production = (result.projects[0] as { production?: { variables: { name: string; state: string }[] } }).production;
    expect(production?.variables.find((variable) => variable.name === 'DB_BACKEND')?.state).toBe('unset');
  });

  it('reads a committed env file itself, not its sample', async () => {
    const result = await runCheck({
      root: project(dotenv, { '.env': 'DB_BACKEND=django.db.backends.sqlite3\n', '.env.template': 'DB_BACKEND=django.db.backends.postgresql\n' }),
      only: ['django/sqlite-in-production'],
    });
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'django/sqlite-in-production', confidence: 'certain' })]);
  });
});
