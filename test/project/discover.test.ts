import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { discoverProjects } from '../../src/project/discover.js';
import { initPythonParser } from '../../src/python/parser.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject } from '../helpers/project.js';

beforeAll(async () => {
  await initPythonParser();
});

const managePy = (module: string): string => `import os
import sys


def main():
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', '${module}')
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)


if __name__ == '__main__':
    main()
`;

const wsgiPy = (module: string): string => `import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")

application = get_wsgi_application()
`;

const SETTINGS = "SECRET_KEY = 'x'\nROOT_URLCONF = 'mysite.urls'\n";

function precedenceProject(extra: Record<string, string>): string {
  return makeProject({
    'manage.py': managePy('mysite.settings.dev'),
    'mysite/__init__.py': '',
    'mysite/settings/__init__.py': '',
    'mysite/settings/dev.py': SETTINGS,
    'mysite/settings/prod.py': SETTINGS,
    'mysite/settings/docker.py': SETTINGS,
    ...extra,
  });
}

describe('discoverProjects', () => {
  it('finds two projects in one repository, each with its own settings and version', () => {
    const root = makeProject({
      'shop/manage.py': managePy('shop.settings'),
      'shop/shop/settings.py': SETTINGS,
      'shop/shop/wsgi.py': wsgiPy('shop.settings'),
      'shop/requirements.txt': 'Django==4.2.11\n',
      'blog/manage.py': managePy('blog.settings'),
      'blog/blog/settings.py': SETTINGS,
      'requirements.txt': 'Django==3.2.25\n',
      'node_modules/pkg/manage.py': '',
    });
    const projects = discoverProjects(openWorkspace(root));
    expect(projects.map((p) => [p.root, p.settingsModule, p.settingsModuleOrigin?.how, p.djangoVersion.version])).toEqual([
      ['blog', 'blog.settings', 'manage.py', '3.2'],
      ['shop', 'shop.settings', 'wsgi.py', '4.2'],
    ]);
    expect(projects[1]?.settingsModuleOrigin?.location).toMatchObject({ file: 'shop/shop/wsgi.py', line: 5, column: 49 });
    expect(projects[1]?.settings?.file).toBe('shop/shop/settings.py');
    expect(projects[0]?.settings?.get('SECRET_KEY')).toMatchObject({ kind: 'str', value: 'x' });
  });

  it("leaves out the projects of a test suite, unless one is checked on its own", () => {
    const files = {
      'manage.py': managePy('shop.settings'),
      'shop/settings.py': SETTINGS,
      'tests/projects/regular/manage.py': managePy('regular.settings'),
      'tests/projects/regular/regular/settings.py': SETTINGS,
      'app/test/manage.py': managePy('t.settings'),
    };
    const root = makeProject(files);
    expect(discoverProjects(openWorkspace(root)).map((p) => p.root)).toEqual(['']);
    expect(discoverProjects(openWorkspace(`${root}/tests/projects/regular`)).map((p) => [p.root, p.settingsModule])).toEqual([['', 'regular.settings']]);
  });

  it('takes the settings module from --settings, then the environment (Dockerfile ENV), then wsgi.py, then manage.py', () => {
    const full = precedenceProject({
      'mysite/wsgi.py': wsgiPy('mysite.settings.prod'),
      Dockerfile: 'FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=mysite.settings.docker\n',
    });
    const [fromEnvironment] = discoverProjects(openWorkspace(full));
    expect(fromEnvironment?.settingsModule).toBe('mysite.settings.docker');
    expect(fromEnvironment?.settingsModuleOrigin).toEqual({ how: 'environment', location: { file: 'Dockerfile', line: 2, column: 5 } });
    expect(fromEnvironment?.settings?.file).toBe('mysite/settings/docker.py');

    const [fromCli] = discoverProjects(openWorkspace(full), { settings: 'mysite.settings.dev' });
    expect(fromCli?.settingsModuleOrigin).toEqual({ how: '--settings' });
    expect(fromCli?.settings?.module).toBe('mysite.settings.dev');

    const [fromSet] = discoverProjects(openWorkspace(full), { set: { DJANGO_SETTINGS_MODULE: 'mysite.settings.prod' } });
    expect(fromSet?.settingsModuleOrigin?.how).toBe('environment');
    expect(fromSet?.settingsModule).toBe('mysite.settings.prod');

    const withoutDockerfile = precedenceProject({ 'mysite/wsgi.py': wsgiPy('mysite.settings.prod') });
    expect(discoverProjects(openWorkspace(withoutDockerfile))[0]?.settingsModuleOrigin?.how).toBe('wsgi.py');

    const managePyOnly = precedenceProject({});
    const [fromManage] = discoverProjects(openWorkspace(managePyOnly));
    expect(fromManage?.settingsModule).toBe('mysite.settings.dev');
    expect(fromManage?.settingsModuleOrigin).toMatchObject({ how: 'manage.py', location: { file: 'manage.py', line: 6, column: 53 } });
  });

  describe('a production sibling of the default settings module (r3-sibling-prod)', () => {
    const siblingProject = (extra: Record<string, string> = {}): string =>
      makeProject({
        'manage.py': managePy('proj.settings.base'),
        'proj/__init__.py': '',
        'proj/wsgi.py': wsgiPy('proj.settings.base'),
        'proj/settings/__init__.py': '',
        'proj/settings/base.py': 'DEBUG = True\nSECRET_KEY = "base"\n',
        'proj/settings/production.py': 'import os\nfrom .base import *  # noqa\nDEBUG = False\n',
        'proj/settings/test.py': 'from .base import *\n',
        Procfile: 'web: gunicorn proj.wsgi\n',
        ...extra,
      });

    it('evaluates production.py when nothing in production names a settings module', () => {
      const [project] = discoverProjects(openWorkspace(siblingProject()));
      expect(project?.settingsModule).toBe('proj.settings.production');
      expect(project?.settingsModuleOrigin).toEqual({ how: 'production-sibling', location: { file: 'proj/settings/production.py', line: 1, column: 1 } });
      expect(project?.settings?.get('DEBUG')).toMatchObject({ kind: 'bool', value: false });
    });

    it('keeps the default when production sets DJANGO_SETTINGS_MODULE (even to an unknown value) or a deploy command passes --settings', () => {
      const fromEnv = siblingProject({ 'app.json': '{"env": {"DJANGO_SETTINGS_MODULE": {"required": true}}}' });
      expect(discoverProjects(openWorkspace(fromEnv))[0]?.settingsModuleOrigin?.how).toBe('wsgi.py');
      const fromCommand = siblingProject({ Procfile: 'release: python manage.py migrate --settings=proj.settings.base\nweb: gunicorn proj.wsgi\n' });
      expect(discoverProjects(openWorkspace(fromCommand))[0]?.settingsModule).toBe('proj.settings.base');
    });

    it('keeps the default with --settings, for another environment, or when the sibling does not star-import a base', () => {
      const root = siblingProject();
      expect(discoverProjects(openWorkspace(root), { settings: 'proj.settings.base' })[0]?.settingsModuleOrigin).toEqual({ how: '--settings' });
      expect(discoverProjects(openWorkspace(root), { env: 'development' })[0]?.settingsModule).toBe('proj.settings.base');
      const standalone = siblingProject({ 'proj/settings/production.py': 'DEBUG = False\n' });
      expect(discoverProjects(openWorkspace(standalone))[0]?.settingsModule).toBe('proj.settings.base');
    });

    it('falls back to prod.py, and leaves a default that is already a production module alone', () => {
      const prod = siblingProject({ 'proj/settings/production.py': 'DEBUG = False\n', 'proj/settings/prod.py': 'from proj.settings.base import *\n' });
      expect(discoverProjects(openWorkspace(prod))[0]?.settingsModule).toBe('proj.settings.prod');
      const already = siblingProject({ 'manage.py': managePy('proj.settings.production'), 'proj/wsgi.py': wsgiPy('proj.settings.production') });
      expect(discoverProjects(openWorkspace(already))[0]?.settingsModuleOrigin?.how).toBe('wsgi.py');
    });
  });

  it('finds a project without manage.py from its wsgi.py, in a src layout', () => {
    const root = makeProject({
      'src/config/__init__.py': '',
      'src/config/settings.py': SETTINGS,
      'src/config/asgi.py': wsgiPy('config.settings'),
    });
    const projects = discoverProjects(openWorkspace(root));
    expect(projects.map((p) => [p.root, p.settingsModule, p.settingsModuleOrigin?.how])).toEqual([['src', 'config.settings', 'asgi.py']]);
    expect(projects[0]?.settings?.file).toBe('src/config/settings.py');
  });

  it('maps a module under src/ when manage.py is at the root, and finds its URLconf there', () => {
    const root = makeProject({
      'manage.py': managePy('mysite.settings'),
      'src/mysite/settings.py': SETTINGS,
      'src/mysite/urls.py': "from django.contrib import admin\nfrom django.urls import path\n\nurlpatterns = [\n    path('backoffice/', admin.site.urls),\n]\n",
    });
    const [project] = discoverProjects(openWorkspace(root));
    expect(project?.settings?.file).toBe('src/mysite/settings.py');
    expect(project?.urls.file).toBe('src/mysite/urls.py');
    expect(project?.urls.adminMounts.map((mount) => mount.path)).toEqual(['backoffice/']);
  });

  it('has no settings when the module file is missing, and none without manage.py unless --settings is given', () => {
    const missing = makeProject({ 'manage.py': managePy('nowhere.settings') });
    const [project] = discoverProjects(openWorkspace(missing));
    expect(project?.settingsModule).toBe('nowhere.settings');
    expect(project?.settings).toBeUndefined();
    const empty = makeProject({ 'README.md': '' });
    expect(discoverProjects(openWorkspace(empty))).toEqual([]);
    expect(discoverProjects(openWorkspace(empty), { settings: 'x.settings' }).map((p) => p.root)).toEqual(['']);
  });

  it('builds the environment lazily from deploy files and options', () => {
    const root = makeProject({
      'manage.py': managePy('mysite.settings'),
      'mysite/settings.py': SETTINGS,
      'fly.toml': '[env]\n  DEBUG = "false"\n',
      '.env.staging': 'DEBUG=true\n',
    });
    const [production] = discoverProjects(openWorkspace(root));
    expect(production?.environment.get('DEBUG')?.source.label).toBe('fly.toml [env]');
    expect(production?.deploy.platforms).toEqual(['fly']);
    const [staging] = discoverProjects(openWorkspace(root), { env: 'staging' });
    expect(staging?.environment.get('DEBUG')?.value).toBe('true');
  });

  it('reads DJANGO_CONFIGURATION for django-configurations', () => {
    const root = makeProject({
      'manage.py': managePy('mysite.settings').replace(
        "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')",
        "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n    os.environ.setdefault('DJANGO_CONFIGURATION', 'Dev')",
      ),
      'mysite/settings.py': 'from configurations import Configuration\n\nclass Dev(Configuration):\n    DEBUG = True\n\nclass Prod(Configuration):\n    DEBUG = False\n',
      'Procfile': 'web: DJANGO_CONFIGURATION=Prod gunicorn mysite.wsgi\n',
    });
    const [project] = discoverProjects(openWorkspace(root));
    expect(project?.settings?.configurationClass).toBe('Prod');
  });

  it('throws a UsageError for a missing --env-file', () => {
    const root = makeProject({ 'manage.py': managePy('mysite.settings') });
    expect(() => discoverProjects(openWorkspace(root), { envFiles: [join(root, 'missing.env')] })).toThrow(UsageError);
  });

  it('does not read a git-ignored dotenv file into production via the settings loader', () => {
    const root = makeProject({
      '.gitignore': '.env\n',
      '.env': 'SECRET_KEY=local\n',
      'manage.py': managePy('mysite.settings'),
      'mysite/settings.py': "import environ\nenv = environ.Env()\nenviron.Env.read_env('.env')\nSECRET_KEY = env('SECRET_KEY', default='fallback')\n",
    });
    execFileSync('git', ['init', '-q'], { cwd: root });
    const [project] = discoverProjects(openWorkspace(root));
    expect(project?.settings?.get('SECRET_KEY')).toMatchObject({ kind: 'str', value: 'fallback' });
  });
});
