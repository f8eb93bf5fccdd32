/** The production model end to end: what production runs decides which settings are judged. */
import { describe, expect, it } from 'vitest';
import { isDjangoSummary } from '../../src/django/project-summary.js';
import type { CheckOptions } from '../../src/engine/check.js';
import { runCheck as runAll } from '../../src/frameworks.js';

/** The check, with the Django projects' summaries (the only kind these tests make). */
async function runCheck(options: CheckOptions) {
  const result = await runAll(options);
  return { ...result, projects: result.projects.filter(isDjangoSummary) };
}
import { makeProject } from '../helpers/project.js';

const managePy = (module: string) => `import os\nimport sys\n\nif __name__ == '__main__':\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', '${module}')\n`;
const wsgiPy = (module: string) =>
  `import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', '${module}')\napplication = get_wsgi_application()\n`;
const MIDDLEWARE = "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n";
const SAFE = `DEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = ['shop.example']\n`;

function rulesOf(result: Awaited<ReturnType<typeof runCheck>>): string[] {
  return result.findings.map((finding) => finding.rule);
}

/** The project runs `module`, a production sibling the model assumed (and says so). */
async function expectAssumedSibling(files: Record<string, string>, module: string): Promise<void> {
  const result = await runCheck({ root: makeProject(files) });
  expect(result.projects[0]).toMatchObject({ settingsModule: module, settingsModuleOrigin: 'production-sibling' });
  expect(result.projects[0]?.production?.assumptions.map((a) => a.text).join('\n')).toContain(`${module} is assumed`);
}

describe('production model: the served wsgi.py decides over manage.py', () => {
  const files = {
    'manage.py': managePy('config.settings.dev'),
    'config/__init__.py': '',
    'config/wsgi.py': wsgiPy('config.settings.dev'),
    'config/settings/__init__.py': '',
    'config/settings/dev.py': "DEBUG = True\nSECRET_KEY = 'dev'\n",
    'config/settings/production.py': `import os\n${SAFE}`,
    'deploy/__init__.py': '',
    'deploy/wsgi.py': wsgiPy('config.settings.production'),
  };

  it('follows Procfile web → gunicorn deploy.wsgi → config.settings.production, and says so', async () => {
    const result = await runCheck({ root: makeProject({ ...files, Procfile: 'release: python manage.py migrate\nweb: gunicorn deploy.wsgi --log-file -\n' }) });
    const [project] = result.projects;
    expect(project?.settingsModule).toBe('config.settings.production');
    expect(project?.production?.line).toBe('Procfile:2 web → gunicorn deploy.wsgi → config.settings.production (wsgi.py setdefault at deploy/wsgi.py:5) · Heroku');
    expect(project?.production?.steps.map((step) => [step.kind, step.value])).toEqual([
      ['entry', 'web'],
      ['server', 'gunicorn deploy.wsgi'],
      ['app', 'deploy.wsgi'],
      ['settings', 'config.settings.production'],
      ['platform', 'heroku'],
    ]);
    expect(project?.production?.deployment.status).toBe('deployed');
    expect(rulesOf(result)).not.toContain('django/debug');
  });

  it('without the Procfile, judges what manage.py and the project wsgi.py name', async () => {
    const result = await runCheck({ root: makeProject(files) });
    expect(result.projects[0]?.settingsModule).toBe('config.settings.dev');
    expect(rulesOf(result)).toContain('django/debug');
    expect(result.projects[0]?.production?.assumptions.map((a) => a.text).join('\n')).toMatch(/no deploy file says which process production starts/);
  });

  it('takes DJANGO_SETTINGS_MODULE the served command sets over the wsgi.py default, and a module that exists over one that does not', async () => {
    const named = await runCheck({ root: makeProject({ ...files, Procfile: 'web: gunicorn config.wsgi --env DJANGO_SETTINGS_MODULE=config.settings.production\n' }) });
    expect(named.projects[0]).toMatchObject({ settingsModule: 'config.settings.production', settingsModuleOrigin: 'command' });
    const development = await runCheck({ root: makeProject({ ...files, Procfile: 'web: gunicorn config.wsgi --env DJANGO_SETTINGS_MODULE=config.settings.production\n' }), env: 'development' });
    expect(development.projects[0]).toMatchObject({ settingsModule: 'config.settings.dev', settingsModuleOrigin: 'wsgi.py' });
    const missing = await runCheck({ root: makeProject({ ...files, Dockerfile: 'FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=config.settings.docker\nCMD ["gunicorn", "deploy.wsgi"]\n' }) });
    const production = missing.projects[0]?.production;
    expect(missing.projects[0]?.settingsModule).toBe('config.settings.production');
    expect(production?.candidates.map((c) => [c.module, c.exists, c.chosen])).toEqual([
      ['config.settings.docker', false, false],
      ['config.settings.production', true, true],
      ['config.settings.dev', true, false],
    ]);
    // Evaluating another module than the one production names is said, and caps the grade.
    expect(production?.complete).toBe(false);
    expect(production?.missing?.[0]).toMatch(/config\.settings\.docker \(environment at Dockerfile:2\) names a module that is not in the repository/);
    expect(missing.grade.caps).toContainEqual(expect.objectContaining({ rule: 'production', grade: 'B' }));
  });
});

describe('production model: the web command sets variables of its own', () => {
  const files = (cmd: string) => ({
    'manage.py': managePy('mysite.settings'),
    'mysite/__init__.py': '',
    'mysite/wsgi.py': wsgiPy('mysite.settings'),
    'mysite/settings.py': `import os\nDEBUG = os.environ.get('DJANGO_DEBUG', '') == 'True'\nSECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = ['a.example']\n`,
    Dockerfile: `FROM python:3.12\nENV DJANGO_DEBUG=False\nCMD ${cmd}\n`,
  });

  it('judges the settings under `NAME=value gunicorn …` in the deployed CMD, located there', async () => {
    const result = await runCheck({ root: makeProject(files('["sh", "-c", "DJANGO_DEBUG=True exec gunicorn mysite.wsgi"]')) });
    const debug = result.findings.find((finding) => finding.rule === 'django/debug');
    expect(debug?.related.map((related) => 'file' in related.location && `${related.location.file}:${related.location.line}`)).toContain('Dockerfile:3');
  });

  it('keeps the Dockerfile ENV when the command sets nothing', async () => {
    const result = await runCheck({ root: makeProject(files('["gunicorn", "mysite.wsgi"]')) });
    expect(rulesOf(result)).not.toContain('django/debug');
  });
});

/** manage.py runs app.settings.local; a production sibling module is for each test to add. */
const LOCAL_BY_DEFAULT = {
  'manage.py': managePy('app.settings.local'),
  'app/__init__.py': '',
  'app/settings/__init__.py': '',
  'app/settings/base.py': 'DEBUG = False\n',
  'app/settings/local.py': 'from .base import *\nDEBUG = True\n',
};

describe('production model: a default settings package that sets nothing', () => {
  const files = (init: string) => ({
    'manage.py': managePy('site.settings'),
    'site/__init__.py': '',
    'site/wsgi.py': wsgiPy('site.settings'),
    'site/settings/__init__.py': init,
    'site/settings/common.py': 'DEBUG = True\n',
    'site/settings/prod.py': 'from . common import *\nDEBUG = False\n',
    Procfile: 'web: gunicorn site.wsgi\n',
  });

  it('takes the production module inside an empty settings package, as an assumption', async () => {
    await expectAssumedSibling(files(''), 'site.settings.prod');
  });

  it('takes a settings module named for the deploy platform, only on that platform', async () => {
    const split = { ...LOCAL_BY_DEFAULT, 'app/settings/heroku.py': 'from .base import *\n' };
    const heroku = await runCheck({ root: makeProject({ ...split, Procfile: 'web: gunicorn app.wsgi\n' }) });
    expect(heroku.projects[0]?.settingsModule).toBe('app.settings.heroku');
    const fly = await runCheck({ root: makeProject({ ...split, 'fly.toml': 'app = "x"\n' }) });
    expect(fly.projects[0]?.settingsModule).toBe('app.settings.local');
  });

  it('takes a settings module named for the deployment a deploy file is named for (Dockerfile.<name>), never a development one', async () => {
    const split = {
      ...LOCAL_BY_DEFAULT,
      'app/settings/harbor.py': 'from .base import *\n',
      'app/settings/dev.py': 'from .base import *\nDEBUG = True\n',
      Procfile: 'web: gunicorn app.wsgi\n',
    };
    const named = await runCheck({ root: makeProject({ ...split, 'Dockerfile.harbor': 'FROM python:3.12\n' }) });
    expect(named.projects[0]).toMatchObject({ settingsModule: 'app.settings.harbor', settingsModuleOrigin: 'production-sibling' });
    const unnamed = await runCheck({ root: makeProject(split) });
    expect(unnamed.projects[0]?.settingsModule).toBe('app.settings.local');
    const development = await runCheck({ root: makeProject({ ...split, 'Dockerfile.dev': 'FROM python:3.12\n', 'docker-compose.local.yml': 'services: {}\n' }) });
    expect(development.projects[0]?.settingsModule).toBe('app.settings.local');
  });

  it('keeps a package that sets settings itself', async () => {
    const result = await runCheck({ root: makeProject(files('from .common import *\n')) });
    expect(result.projects[0]?.settingsModule).toBe('site.settings');
  });
});

describe('production model: which project is deployed', () => {
  const files = {
    'manage.py': managePy('shop.settings'),
    'shop/__init__.py': '',
    'shop/wsgi.py': wsgiPy('shop.settings'),
    'shop/settings.py': `import os\n${SAFE}`,
    'old/manage.py': managePy('old.settings'),
    'old/old/__init__.py': '',
    'old/old/settings.py': "DEBUG = True\nSECRET_KEY = 'x'\n",
  };

  it('checks only the project a deploy entry point reaches and lists the leftover as not deployed', async () => {
    const result = await runCheck({ root: makeProject({ ...files, Procfile: 'web: gunicorn shop.wsgi\n' }) });
    expect(result.projects.map((p) => [p.root, p.production?.deployment.status, p.production?.checked])).toEqual([
      ['', 'deployed', true],
      ['old', 'not-deployed', false],
    ]);
    expect(result.findings.filter((finding) => 'file' in finding.location && finding.location.file.startsWith('old/'))).toEqual([]);
  });

  it('reaches the project whose Python path imports the app module, even from a nested project folder', async () => {
    const result = await runCheck({
      root: makeProject({
        'manage.py': managePy('web.settings'),
        'web/__init__.py': '',
        'web/wsgi.py': wsgiPy('web.settings'),
        'web/settings.py': `import os\n${SAFE}`,
        'web/manage.py': managePy('inner.settings'),
        'web/inner/__init__.py': '',
        'web/inner/settings.py': 'DEBUG = True\n',
        Dockerfile: 'FROM python:3.12\nCMD gunicorn web.wsgi\n',
      }),
    });
    expect(result.projects.map((p) => [p.root, p.production?.deployment.status])).toEqual([
      ['', 'deployed'],
      ['web', 'not-deployed'],
    ]);
  });

  it('sets no project aside when the reached one runs settings it does not hold', async () => {
    const result = await runCheck({
      root: makeProject({
        'manage.py': managePy('elsewhere.settings'),
        'wsgi.py': wsgiPy('elsewhere.settings'),
        'backend/manage.py': managePy('elsewhere.settings'),
        'backend/elsewhere/__init__.py': '',
        'backend/elsewhere/settings.py': 'DEBUG = True\n',
        Procfile: 'web: gunicorn wsgi:application\n',
      }),
    });
    expect(result.projects.map((p) => [p.root, p.production?.checked])).toEqual([
      ['', true],
      ['backend', true],
    ]);
    expect(rulesOf(result)).toContain('django/debug');
  });

  it('checks every project when no entry point says which is deployed', async () => {
    const result = await runCheck({ root: makeProject(files) });
    expect(result.projects.map((p) => p.production?.deployment.status)).toEqual(['unknown', 'unknown']);
    expect(result.findings.some((finding) => finding.rule === 'django/debug' && 'file' in finding.location && finding.location.file === 'old/old/settings.py')).toBe(true);
  });
});

describe('production model: never graded in silence', () => {
  const project = (settings: string) => ({
    'manage.py': managePy('mysite.settings'),
    'mysite/__init__.py': '',
    'mysite/settings.py': settings,
  });

  it('is incomplete and capped at B when DEBUG cannot be evaluated', async () => {
    const result = await runCheck({ root: makeProject(project(`import os\nfrom mysite.flags import debug_flag\nDEBUG = debug_flag()\nSECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = ['a.example']\n`)) });
    const production = result.projects[0]?.production;
    expect(production?.complete).toBe(false);
    expect(production?.missing).toEqual([expect.stringMatching(/^DEBUG cannot be evaluated/)]);
    expect(result.grade.caps).toContainEqual(expect.objectContaining({ rule: 'production', grade: 'B' }));
    expect(['B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-', 'F']).toContain(result.grade.grade);
  });

  it('is incomplete when no settings module is named, and names the flag', async () => {
    const result = await runCheck({ root: makeProject({ 'manage.py': 'import sys\n', 'mysite/__init__.py': '', 'mysite/settings.py': 'DEBUG = False\n' }) });
    const production = result.projects[0]?.production;
    expect(production).toMatchObject({ complete: false, missing: ['no settings module is named'] });
    expect(production?.hint).toMatch(/--settings/);
    expect(result.grade.grade).not.toMatch(/^A/);
  });

  it("counts a value made of the platform's own run-time variables as read, but not one the repository leaves out", async () => {
    const hosts = "import os\nDEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = [os.environ['RENDER_EXTERNAL_HOSTNAME']]\n";
    const onRender = await runCheck({ root: makeProject({ ...project(hosts), 'render.yaml': 'services:\n  - type: web\n    name: site\n    startCommand: gunicorn mysite.wsgi\n' }) });
    expect(onRender.projects[0]?.production).toMatchObject({ complete: true });
    const own = hosts.replace('RENDER_EXTERNAL_HOSTNAME', 'SITE_HOSTS');
    const elsewhere = await runCheck({ root: makeProject({ ...project(own), 'render.yaml': 'services:\n  - type: web\n    name: site\n    startCommand: gunicorn mysite.wsgi\n' }) });
    expect(elsewhere.projects[0]?.production?.missing).toEqual([expect.stringMatching(/^ALLOWED_HOSTS cannot be evaluated \(depends on SITE_HOSTS/)]);
    expect(elsewhere.projects[0]?.production?.hint).toBe('pass --settings or --set SITE_HOSTS=…');
  });

  it('is complete when the key settings are read, a platform secret included', async () => {
    const result = await runCheck({ root: makeProject(project(`import os\n${SAFE}DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': os.environ['DB_NAME']}}\n`)) });
    expect(result.projects[0]?.production).toMatchObject({ complete: true, missing: [] });
    expect(result.grade.caps.filter((cap) => cap.rule === 'production')).toEqual([]);
  });
});

describe('production model: platform markers in the code', () => {
  const project = (settings: string) => ({
    'manage.py': managePy('mysite.settings'),
    'mysite/__init__.py': '',
    'mysite/settings.py': `import os\n${settings}SECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = ['a.example']\n${MIDDLEWARE}`,
  });

  it("infers Render from 'RENDER' read in the settings: RENDER is set, DEBUG is off, Render redirects to HTTPS", async () => {
    const result = await runCheck({ root: makeProject(project("DEBUG = 'RENDER' not in os.environ\n")) });
    const production = result.projects[0]?.production;
    expect(production?.steps.find((step) => step.kind === 'platform')).toMatchObject({ value: 'render', location: { file: 'mysite/settings.py', line: 2 } });
    expect(rulesOf(result)).not.toContain('django/debug');
    expect(result.findings.find((finding) => finding.rule === 'django/ssl-redirect-off')).toMatchObject({ severity: 'info' });
  });

  it('infers nothing from a variable no platform owns, nor from markers of two platforms', async () => {
    const unknown = await runCheck({ root: makeProject(project("DEBUG = 'MY_HOST' not in os.environ\n")) });
    expect(rulesOf(unknown)).toContain('django/debug');
    expect(unknown.findings.find((finding) => finding.rule === 'django/ssl-redirect-off')).toMatchObject({ severity: 'medium' });
    const both = await runCheck({ root: makeProject(project("DEBUG = not ('RENDER' in os.environ or 'DYNO' in os.environ)\n")) });
    expect(both.projects[0]?.production?.steps.filter((step) => step.kind === 'platform')).toEqual([]);
    expect(both.projects[0]?.production?.assumptions.map((a) => a.text).join('\n')).toMatch(/several platforms/);
  });
});

describe('production model: the reverse proxy production runs', () => {
  /** A compose production stack whose Traefik redirects to HTTPS, and whose env turns Django's own redirect off. */
  const stack = (traefik: string, nginx?: string) => ({
    'manage.py': managePy('config.settings.production'),
    'config/__init__.py': '',
    'config/wsgi.py': wsgiPy('config.settings.production'),
    'config/settings/__init__.py': '',
    'config/settings/production.py':
      `import os\n${SAFE}${MIDDLEWARE}SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\n` +
      "SECURE_SSL_REDIRECT = os.environ.get('DJANGO_SECURE_SSL_REDIRECT', 'True') == 'True'\n",
    'prod.yml':
      'services:\n  django:\n    build:\n      context: .\n      dockerfile: ./ops/prod/django/Dockerfile\n    env_file:\n      - ./.envs/prod/django.env\n    command: /start\n' +
      `  proxy:\n    build:\n      context: .\n      dockerfile: ./ops/prod/${nginx ? 'nginx' : 'traefik'}/Dockerfile\n    ports:\n      - "0.0.0.0:80:80"\n`,
    'ops/prod/django/Dockerfile': 'FROM python:3.12\nCOPY . /app\n',
    'ops/prod/traefik/Dockerfile': 'FROM traefik:3\nCOPY ./ops/prod/traefik/traefik.yml /etc/traefik/\n',
    'ops/prod/traefik/traefik.yml': traefik,
    ...(nginx ? { 'ops/prod/nginx/Dockerfile': 'FROM nginx:1.27\n', 'ops/prod/nginx/site.conf': nginx } : {}),
    '.envs/prod/django.env': 'DJANGO_SECURE_SSL_REDIRECT=False\n',
  });
  const REDIRECTING =
    'entryPoints:\n  web:\n    address: ":80"\n    http:\n      redirections:\n        entryPoint:\n          to: web-secure\n          scheme: https\n  web-secure:\n    address: ":443"\n';

  it('reports Django\'s redirect being off only as info when Traefik redirects', async () => {
    const result = await runCheck({ root: makeProject(stack(REDIRECTING)) });
    const finding = result.findings.find((f) => f.rule === 'django/ssl-redirect-off');
    expect(finding).toMatchObject({ severity: 'info' });
    expect(finding?.message).toContain('reverse proxy production runs redirects HTTP to HTTPS');
    expect(finding?.related.map((related) => 'file' in related.location && related.location.file)).toContain('ops/prod/traefik/traefik.yml');
  });

  it('keeps the finding when the proxy does not redirect', async () => {
    const result = await runCheck({ root: makeProject(stack('entryPoints:\n  web:\n    address: ":80"\n')) });
    expect(result.findings.find((f) => f.rule === 'django/ssl-redirect-off')).toMatchObject({ severity: 'medium' });
  });

  it("counts Caddy's automatic HTTPS for a named site, not for a plain :80 site, nor a proxy only development runs", async () => {
    const caddy = (site: string, compose = 'docker-compose.prod.yml') => ({
      ...stack('entryPoints: {}\n'),
      [compose]: 'services:\n  web:\n    build: .\n    command: gunicorn config.wsgi\n    env_file: .envs/prod/django.env\n  caddy:\n    image: caddy:2\n',
      'ops/caddy/Caddyfile': `${site} {\n  reverse_proxy web:8000\n}\n`,
    });
    const severity = async (files: Record<string, string>) =>
      (await runCheck({ root: makeProject(files) })).findings.find((f) => f.rule === 'django/ssl-redirect-off')?.severity;
    expect(await severity(caddy('shop.example.com'))).toBe('info');
    expect(await severity(caddy(':80'))).toBe('medium');
    expect(await severity(caddy('shop.example.com', 'docker-compose.dev.yml'))).toBe('medium');
  });

  it('sees an nginx redirect and HSTS header', async () => {
    const nginx = 'server {\n  listen 80;\n  return 301 https://$host$request_uri;\n}\nserver {\n  listen 443 ssl;\n  add_header Strict-Transport-Security "max-age=31536000" always;\n}\n';
    const result = await runCheck({ root: makeProject(stack('entryPoints: {}\n', nginx)) });
    expect(result.findings.find((f) => f.rule === 'django/ssl-redirect-off')).toMatchObject({ severity: 'info' });
    expect(result.findings.find((f) => f.rule === 'django/hsts-missing')).toMatchObject({ severity: 'info' });
  });
});

describe('production model: entry points are evaluated', () => {
  const texts = (result: Awaited<ReturnType<typeof runCheck>>) => (result.projects[0]?.production?.assumptions ?? []).map((a) => a.text).join('\n');
  const branching = (production: string) =>
    `import os\nif os.environ.get('DJANGO_ENV') == 'production':\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', '${production}')\nelse:\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.local')\n`;
  const settingsPackage = { 'app/__init__.py': '', 'app/settings/__init__.py': '', 'app/settings/local.py': 'DEBUG = True\n' };

  it("takes the branch that names production, and says what it assumed", async () => {
    const result = await runCheck({ root: makeProject({ ...settingsPackage, 'app/settings/prod.py': `import os\n${SAFE}`, 'manage.py': branching('app.settings.prod') }) });
    expect(result.projects[0]?.settingsModule).toBe('app.settings.prod');
    expect(result.projects[0]?.production?.line).toBe('app.settings.prod (manage.py setdefault at manage.py:3) (assumed DJANGO_ENV=production)');
  });

  it("prefers a module the entry point could select that exists over its own choice that does not, and says when it is selected", async () => {
    const result = await runCheck({ root: makeProject({ ...settingsPackage, 'manage.py': branching('app.settings.prod') }) });
    expect(result.projects[0]?.settingsModule).toBe('app.settings.local');
    expect(result.projects[0]?.production?.candidates.map((c) => [c.module, c.exists, c.chosen])).toEqual([
      ['app.settings.prod', false, false],
      ['app.settings.local', true, true],
    ]);
    expect(texts(result)).toMatch(/app\.settings\.local is what manage\.py selects when DJANGO_ENV/);
  });

  const undecided = `import os, sys\nif 'test' in sys.argv:\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.local')\nelse:\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.production')\n`;

  it('says so when the entry point cannot be decided, and takes the module naming production among those that exist', async () => {
    const result = await runCheck({ root: makeProject({ ...settingsPackage, 'app/settings/production.py': `import os\n${SAFE}`, 'manage.py': undecided }) });
    expect(result.projects[0]?.settingsModule).toBe('app.settings.production');
    expect(texts(result)).toMatch(/manage\.py sets DJANGO_SETTINGS_MODULE in a way deploycheck cannot decide \(.+\): app\.settings\.production is assumed/);
  });

  it('an undecided entry point does not matter when production names the module', async () => {
    const result = await runCheck({ root: makeProject({ ...settingsPackage, 'app/settings/production.py': `import os\n${SAFE}`, 'manage.py': undecided, Dockerfile: 'FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=app.settings.local\n' }) });
    expect(result.projects[0]?.settingsModule).toBe('app.settings.local');
    expect(texts(result)).not.toMatch(/cannot decide/);
  });

  it('is incomplete, never a silent guess, when no module the undecided entry point could select exists', async () => {
    const result = await runCheck({ root: makeProject({ 'app/__init__.py': '', 'manage.py': undecided }) });
    expect(result.projects[0]?.settingsModule).toBeUndefined();
    expect(result.projects[0]?.production?.complete).toBe(false);
    expect(result.projects[0]?.production?.missing?.join('\n')).toMatch(/manage\.py sets DJANGO_SETTINGS_MODULE in a way deploycheck cannot decide .*; pass --settings/);
  });
});

describe('production model: a production package beside the default settings package', () => {
  const files = (production: string) => ({
    'manage.py': managePy('config.development'),
    'config/__init__.py': '',
    'config/wsgi.py': wsgiPy('config.development'),
    'config/development/__init__.py': "from .base import *\nDEBUG = True\n",
    'config/development/base.py': `import os\n${SAFE}`,
    'config/production/__init__.py': production,
    Dockerfile: 'FROM python:3.12\nCMD ["gunicorn", "config.wsgi"]\n',
  });

  it('takes config.production, star-importing config.development, as an assumption', async () => {
    await expectAssumedSibling(files('from config.development import *\nDEBUG = False\n'), 'config.production');
  });

  it('keeps the default when the production package imports no base', async () => {
    const result = await runCheck({ root: makeProject(files('DEBUG = False\n')) });
    expect(result.projects[0]?.settingsModule).toBe('config.development');
  });
});
