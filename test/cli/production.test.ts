/** The production line and `--explain` in the pretty report, `projects[].production` in the JSON report. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeProject, settingsFiles } from '../helpers/project.js';

const manage = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings.dev')\n";
const wsgi = (module: string) => `import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', '${module}')\napplication = get_wsgi_application()\n`;
const settings = "import os\nDEBUG = os.environ.get('DJANGO_DEBUG', 'False') == 'True'\nSECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = ['a.example']\n";

function repo(): string {
  return makeProject({
    'manage.py': manage,
    'mysite/__init__.py': '',
    'mysite/wsgi.py': wsgi('mysite.settings.prod'),
    'mysite/settings/__init__.py': '',
    'mysite/settings/dev.py': 'DEBUG = True\n',
    'mysite/settings/prod.py': settings,
    Procfile: 'web: gunicorn mysite.wsgi\n',
    'app.json': '{"env": {"DJANGO_DEBUG": {"value": "False"}, "SECRET_KEY": {"generator": "secret"}}}\n',
  });
}

describe('deploycheck check: how production was inferred', () => {
  it('starts the pretty report with the production line and the flag that changes it', async () => {
    const { stdout } = await runCli('check', repo(), '--no-color', '--fail-on', 'none');
    const [first] = stdout.split('\n');
    expect(first).toBe('production: Procfile:1 web → gunicorn mysite.wsgi → mysite.settings.prod (wsgi.py setdefault at mysite/wsgi.py:3) · Heroku  (pass --settings or --set to change it)');
    expect(stdout).not.toContain('incomplete:');
  });

  it('--explain prints candidates, variables with their sources and assumptions', async () => {
    const { stdout } = await runCli('check', repo(), '--no-color', '--fail-on', 'none', '--explain');
    expect(stdout).toContain('mysite.settings.prod (wsgi.py setdefault at mysite/wsgi.py:3) chosen');
    expect(stdout).toMatch(/mysite\.settings\.dev \(manage\.py setdefault at manage\.py:2\) passed over/);
    expect(stdout).toMatch(/DJANGO_DEBUG=False: set from app\.json/);
    expect(stdout).toMatch(/SECRET_KEY: unknown from app\.json/);
    expect(stdout).toContain('nothing production runs names a settings module');
    const plain = await runCli('check', repo(), '--no-color', '--fail-on', 'none');
    expect(plain.stdout).not.toContain('settings module candidates');
  });

  it('says before the findings when the settings could not be read, and the JSON says so too', async () => {
    const root = makeProject({ 'manage.py': 'import sys\n', 'mysite/__init__.py': '', 'mysite/settings.py': 'DEBUG = False\n' });
    const { stdout } = await runCli('check', root, '--no-color', '--fail-on', 'none');
    const lines = stdout.split('\n');
    expect(lines[1]).toBe('incomplete: no settings module is named; pass --settings or --set NAME=value');
    expect(stdout).toMatch(/cap B {2}production: \.: incomplete: no settings module is named/);
    const json = await runCli('check', root, '--format', 'json', '--fail-on', 'none');
    const report = JSON.parse(json.stdout) as { schemaVersion: number; projects: { production: { complete: boolean; missing: string[]; steps: unknown[] } }[] };
    expect(report.schemaVersion).toBe(3);
    expect(report.projects[0]?.production).toMatchObject({ complete: false, missing: ['no settings module is named'] });
  });

  it('carries every step with its location in the JSON report', async () => {
    const { stdout } = await runCli('check', repo(), '--format', 'json', '--fail-on', 'none');
    const report = JSON.parse(stdout) as { projects: { production: { complete: boolean; steps: { kind: string; location?: { file: string; line: number } }[] } }[] };
    const production = report.projects[0]!.production;
    expect(production.complete).toBe(true);
    expect(production.steps.map((step) => [step.kind, step.location?.file, step.location?.line])).toEqual([
      ['entry', 'Procfile', 1],
      ['server', 'Procfile', 1],
      ['app', 'mysite/wsgi.py', 1],
      ['settings', 'mysite/wsgi.py', 3],
      ['platform', 'Procfile', 1],
    ]);
  });
});

describe('deploycheck check --explain never prints a secret in full', () => {
  it('masks every value but plain switches', async () => {
    const root = makeProject(settingsFiles("import os\nDEBUG = os.environ.get('DJANGO_DEBUG') == '1'\nSECRET_KEY = os.environ['SECRET_KEY']\nDATABASE_URL = os.environ.get('DATABASE_URL')\nSECURE_HSTS_PRELOAD = os.environ.get('HSTS_PRELOAD')\nAPI_TOKEN = os.environ.get('API_TOKEN')\n", {
      '.env.production': 'DJANGO_DEBUG=0\nSECRET_KEY=kq8Zp2LmW9xRt4Yv7Nc3Hb6Jd1Fs5Ga0\nDATABASE_URL=postgres://app:Sup3rS3cretPw@db/app\nHSTS_PRELOAD=false\nAPI_TOKEN=123456\n',
    }));
    const { stdout } = await runCli('check', root, '--no-color', '--fail-on', 'none', '--explain');
    expect(stdout).toContain('DJANGO_DEBUG=0: set from .env.production');
    expect(stdout).not.toContain('kq8Zp2LmW9xRt4Yv7Nc3Hb6Jd1Fs5Ga0');
    expect(stdout).not.toContain('Sup3rS3cretPw');
    expect(stdout).toMatch(/SECRET_KEY=kq8Z… \(32 chars\): set from \.env\.production/);
    // A switch is shown whatever its name; a secret's name keeps even a short number masked.
    expect(stdout).toContain('HSTS_PRELOAD=false: set from .env.production');
    expect(stdout).not.toContain('API_TOKEN=123456');
  });

  it('masks credential URLs whatever the name, and digits unless the name is a count', async () => {
    const root = makeProject({
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
      'mysite/__init__.py': '',
      'mysite/settings.py':
        "import os\nDB = os.environ.get('DATABASE_URL_ENV')\nPIN = os.environ.get('DB_PIN')\nW = os.environ.get('WEB_WORKERS')\n" +
        "HSTS = os.environ.get('HSTS_SECONDS')\nDEBUG = os.environ.get('DJANGO_DEBUG') == 'yes'\n",
      '.env.production': 'DATABASE_URL_ENV=postgres://u:Pw9x8c7v6b5@db/app\nDB_PIN=482913\nWEB_WORKERS=4\nHSTS_SECONDS=31536000\nDJANGO_DEBUG=no\n',
    });
    const { stdout } = await runCli('check', root, '--no-color', '--fail-on', 'none', '--explain');
    expect(stdout).not.toContain('Pw9x8c7v6b5');
    expect(stdout).toMatch(/DATABASE_URL_ENV=post… \(\d+ chars\)/);
    expect(stdout).not.toContain('482913');
    expect(stdout).toMatch(/DB_PIN=4… \(6 chars\)/);
    expect(stdout).toContain('WEB_WORKERS=4: set from .env.production');
    expect(stdout).toContain('HSTS_SECONDS=31536000: set from .env.production');
    expect(stdout).toContain('DJANGO_DEBUG=no: set from .env.production');
  });

  it('masks a password in the deploy command, in every format', async () => {
    const root = makeProject(settingsFiles(settings, {
      'mysite/wsgi.py': wsgi('mysite.settings'),
      Procfile: 'web: gunicorn mysite.wsgi --env DATABASE_URL=postgres://admin:S3cr3tPassw0rdXyz@db/app\nworker: python manage.py runserver API_KEY=Zx81Qw72Er63Ty54\n',
    }));
    for (const args of [['--explain'], ['--format', 'json'], []]) {
      const { stdout } = await runCli('check', root, '--no-color', '--fail-on', 'none', ...args);
      expect(stdout, args.join(' ')).not.toContain('S3cr3tPassw0rdXyz');
      expect(stdout, args.join(' ')).not.toContain('Zx81Qw72Er63Ty54');
      if (args[0] !== undefined) expect(stdout, args.join(' ')).toContain('DATABASE_URL=post… (41 chars)');
    }
  });
});

describe('deploycheck check: a project production does not run', () => {
  it('is listed as not deployed, in the pretty report and the JSON report, and not graded', async () => {
    const root = makeProject({
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n",
      'shop/__init__.py': '',
      'shop/wsgi.py': wsgi('shop.settings'),
      'shop/settings.py': settings,
      'demo/manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'demo.settings')\n",
      'demo/demo/__init__.py': '',
      'demo/demo/settings.py': "DEBUG = True\nSECRET_KEY = 'demo'\n",
      Procfile: 'web: gunicorn shop.wsgi\n',
    });
    const { stdout } = await runCli('check', root, '--no-color', '--fail-on', 'none');
    expect(stdout).toContain('not deployed: demo: no deploy entry point reaches it, while production serves shop/wsgi.py; not checked');
    expect(stdout).not.toContain('django/debug');
    const json = await runCli('check', root, '--format', 'json', '--fail-on', 'none');
    const report = JSON.parse(json.stdout) as { projects: { root: string; production: { checked: boolean; deployment: { status: string } } }[] };
    expect(report.projects.map((p) => [p.root, p.production.checked, p.production.deployment.status])).toEqual([
      ['', true, 'deployed'],
      ['demo', false, 'not-deployed'],
    ]);
  });

  it('shows what was assumed for an undecided variable: short in the line, in full in --explain, with its location in the JSON', async () => {
    const root = makeProject({
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings.' + os.environ.get('DJANGO_ENV', 'dev'))\n",
      'mysite/__init__.py': '',
      'mysite/settings/__init__.py': '',
      'mysite/settings/dev.py': 'DEBUG = True\n',
      'mysite/settings/production.py': `${settings}if os.environ.get('STAGE') == 'live':\n    CONN_MAX_AGE = 60\nelse:\n    CONN_MAX_AGE = 0\n`,
    });
    const { stdout } = await runCli('check', root, '--no-color', '--fail-on', 'none', '--explain');
    expect(stdout.split('\n')[0]).toBe('production: mysite.settings.production (manage.py setdefault at manage.py:2) (assumed DJANGO_ENV=production, STAGE=live)  (pass --settings or --set to change it)');
    expect(stdout).toContain('assumed DJANGO_ENV=production (the module that names production; pass `--set DJANGO_ENV=…` to choose another) manage.py:2');
    expect(stdout).toContain('assumed STAGE=live (the branch that names production; pass `--set STAGE=…` to choose another) mysite/settings/production.py:5');
    const json = await runCli('check', root, '--format', 'json', '--fail-on', 'none');
    const report = JSON.parse(json.stdout) as { projects: { production: { assumptions: { text: string; assumed?: string; location?: { file: string; line: number } }[] } }[] };
    const assumed = report.projects[0]!.production.assumptions.filter((a) => a.assumed);
    expect(assumed.map((a) => [a.assumed, a.location?.file, a.location?.line])).toEqual([
      ['DJANGO_ENV=production', 'manage.py', 2],
      ['STAGE=live', 'mysite/settings/production.py', 5],
    ]);

    const decided = await runCli('check', root, '--no-color', '--fail-on', 'none', '--set', 'DJANGO_ENV=dev', '--set', 'STAGE=live');
    expect(decided.stdout.split('\n')[0]).toBe('production: mysite.settings.dev (manage.py setdefault at manage.py:2)  (pass --settings or --set to change it)');
  });
});
