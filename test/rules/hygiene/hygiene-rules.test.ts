import { describe, expect, test } from 'vitest';
import { at, findingsOf, settingsProject } from './helpers.js';

describe('django/runserver-in-production', () => {
  const rule = 'django/runserver-in-production';

  test('a Procfile web process', async () => {
    const root = settingsProject('DEBUG = False\n', { Procfile: 'release: python manage.py migrate\nweb: python manage.py runserver 0.0.0.0:$PORT\n' });
    const [finding, ...rest] = await findingsOf(rule, root);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule, severity: 'high', confidence: 'certain' });
    expect(at(finding)).toBe('Procfile:2');
    expect(finding!.message).toContain('Procfile (web)');
  });

  test('a Dockerfile exec-form CMD with --insecure', async () => {
    const root = settingsProject('DEBUG = False\n', {
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["python", "manage.py", "runserver", "--insecure", "0.0.0.0:8000"]\n',
    });
    const [finding] = await findingsOf(rule, root);
    expect(at(finding)).toBe('Dockerfile:3');
    expect(finding!.message).toContain('--insecure');
  });

  test("django-extensions' runserver_plus in a production compose file", async () => {
    const root = settingsProject('DEBUG = False\n', {
      'docker-compose.prod.yml': 'services:\n  web:\n    build: .\n    command: python manage.py runserver_plus 0.0.0.0:8000\n',
    });
    const [finding] = await findingsOf(rule, root);
    expect(finding).toMatchObject({ rule, severity: 'high' });
    expect(at(finding)).toBe('docker-compose.prod.yml:4');
    expect(finding!.message).toContain('Werkzeug');
  });

  test('no finding for gunicorn or other manage.py commands', async () => {
    const root = settingsProject('DEBUG = False\n', {
      Procfile: 'release: python manage.py migrate\nweb: gunicorn mysite.wsgi\nworker: python manage.py runserver_worker\n',
    });
    expect(await findingsOf(rule, root)).toEqual([]);
  });
});

describe('django/dev-tools-installed', () => {
  const rule = 'django/dev-tools-installed';

  test('debug_toolbar in INSTALLED_APPS and MIDDLEWARE is one finding at the app', async () => {
    const root = settingsProject(
      "INSTALLED_APPS = [\n    'django.contrib.staticfiles',\n    'debug_toolbar',\n]\n" +
        "MIDDLEWARE = ['debug_toolbar.middleware.DebugToolbarMiddleware']\nDEBUG = True\n",
    );
    const [finding, ...rest] = await findingsOf(rule, root);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule, severity: 'high', confidence: 'certain' });
    expect(at(finding)).toBe('mysite/settings.py:3');
    expect(finding!.related[0]?.location).toMatchObject({ file: 'mysite/settings.py', line: 5 });
  });

  test('silk middleware alone, and silk by AppConfig path', async () => {
    const root = settingsProject("INSTALLED_APPS = ['django.contrib.admin']\nMIDDLEWARE = ['silk.middleware.SilkyMiddleware']\n");
    const findings = await findingsOf(rule, root);
    expect(findings.map(at)).toEqual(['mysite/settings.py:2']);
    const [byConfig] = await findingsOf(rule, settingsProject("INSTALLED_APPS = ['silk.apps.SilkAppConfig']\n"));
    expect(byConfig!.message).toMatch(/^silk is in INSTALLED_APPS/);
  });

  test('django_extensions alone is not reported: it only adds management commands', async () => {
    const root = settingsProject(
      "INSTALLED_APPS = [\n    'django.contrib.admin',\n    'django_extensions',\n    'django_extensions.apps.DjangoExtensionsConfig',\n]\n",
    );
    expect(await findingsOf(rule, root)).toEqual([]);
  });

  describe('debug_toolbar with DEBUG off', () => {
    const toolbar = (extra = '') =>
      "DEBUG = False\nROOT_URLCONF = 'mysite.urls'\nINSTALLED_APPS = ['django.contrib.admin', 'debug_toolbar']\n" +
      "MIDDLEWARE = ['debug_toolbar.middleware.DebugToolbarMiddleware']\n" + extra;
    const urls = (body: string) => ({
      'mysite/urls.py': "from django.conf import settings\nfrom django.urls import include, path\n\nurlpatterns = []\n" + body,
    });

    test('no finding when __debug__/ is mounted only under if settings.DEBUG: the default callback hides it', async () => {
      const gated = urls("if settings.DEBUG:\n    import debug_toolbar\n    urlpatterns += [path('__debug__/', include(debug_toolbar.urls))]\n");
      expect(await findingsOf(rule, settingsProject(toolbar(), gated))).toEqual([]);
      const expression = urls("urlpatterns += [path('__debug__/', include('debug_toolbar.urls'))] if settings.DEBUG else []\n");
      expect(await findingsOf(rule, settingsProject(toolbar(), expression))).toEqual([]);
    });

    test('low when __debug__/ is mounted whatever DEBUG is, pointing at the mount', async () => {
      const open = urls("urlpatterns += [path('__debug__/', include('debug_toolbar.urls'))]\n");
      const [finding, ...rest] = await findingsOf(rule, settingsProject(toolbar(), open));
      expect(rest).toEqual([]);
      expect(finding).toMatchObject({ rule, severity: 'low' });
      expect(finding!.message).toContain('mounted whatever DEBUG is');
      expect(finding!.related.map((related) => related.location)).toContainEqual(expect.objectContaining({ file: 'mysite/urls.py', line: 5 }));
      // `if not settings.DEBUG` does not gate it.
      const inverted = urls("if not settings.DEBUG:\n    urlpatterns += [path('__debug__/', include('debug_toolbar.urls'))]\n");
      expect((await findingsOf(rule, settingsProject(toolbar(), inverted)))[0]).toMatchObject({ severity: 'low' });
    });

    test('high again with a custom SHOW_TOOLBAR_CALLBACK, even when the URLs are gated', async () => {
      const gated = urls("if settings.DEBUG:\n    urlpatterns += [path('__debug__/', include('debug_toolbar.urls'))]\n");
      const custom = toolbar("DEBUG_TOOLBAR_CONFIG = {'SHOW_TOOLBAR_CALLBACK': lambda request: request.user.is_superuser}\n");
      expect((await findingsOf(rule, settingsProject(custom, gated)))[0]).toMatchObject({ severity: 'high' });
    });
  });

  test('no finding when the tools are only added under DEBUG', async () => {
    const root = settingsProject(
      "DEBUG = False\nINSTALLED_APPS = ['django.contrib.admin']\nif DEBUG:\n    INSTALLED_APPS += ['debug_toolbar']\n",
    );
    expect(await findingsOf(rule, root)).toEqual([]);
  });
});

describe('django/template-debug', () => {
  const rule = 'django/template-debug';
  const templates = (debug: string) =>
    "import os\nTEMPLATES = [{\n    'BACKEND': 'django.template.backends.django.DjangoTemplates',\n" +
    `    'OPTIONS': {'debug': ${debug}},\n}]\n`;

  test("OPTIONS['debug'] = True", async () => {
    const [finding] = await findingsOf(rule, settingsProject(templates('True')));
    expect(finding).toMatchObject({ rule, severity: 'high', confidence: 'certain' });
    expect(at(finding)).toBe('mysite/settings.py:4');
    expect(finding!.message).toContain("TEMPLATES[0]['OPTIONS']['debug']");
  });

  test('env-dependent and defaulting to on: confidence default', async () => {
    const [finding] = await findingsOf(rule, settingsProject(templates("os.environ.get('TEMPLATE_DEBUG', 'on') == 'on'")));
    expect(finding).toMatchObject({ rule, confidence: 'default' });
  });

  test('no finding when off or absent', async () => {
    expect(await findingsOf(rule, settingsProject(templates('False')))).toEqual([]);
    expect(await findingsOf(rule, settingsProject("TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates'}]\n"))).toEqual([]);
  });
});

describe('django/weak-password-hasher', () => {
  const rule = 'django/weak-password-hasher';

  test('MD5PasswordHasher first', async () => {
    const root = settingsProject(
      "PASSWORD_HASHERS = [\n    'django.contrib.auth.hashers.MD5PasswordHasher',\n    'django.contrib.auth.hashers.PBKDF2PasswordHasher',\n]\n",
    );
    const [finding] = await findingsOf(rule, root);
    expect(finding).toMatchObject({ rule, severity: 'high', confidence: 'certain' });
    expect(at(finding)).toBe('mysite/settings.py:2');
  });

  test('UnsaltedSHA1PasswordHasher on 3.2', async () => {
    const root = settingsProject("PASSWORD_HASHERS = ['django.contrib.auth.hashers.UnsaltedSHA1PasswordHasher']\n", {}, '3.2.25');
    expect((await findingsOf(rule, root)).map((f) => f.rule)).toEqual([rule]);
  });

  test('no finding for a strong first hasher or a weak one further down', async () => {
    const root = settingsProject(
      "PASSWORD_HASHERS = ['django.contrib.auth.hashers.Argon2PasswordHasher', 'django.contrib.auth.hashers.MD5PasswordHasher']\n",
    );
    expect(await findingsOf(rule, root)).toEqual([]);
  });
});

describe('django/email-backend-dev', () => {
  const rule = 'django/email-backend-dev';

  test('the console backend', async () => {
    const root = settingsProject("DEBUG = False\nEMAIL_BACKEND = 'django.core.mail.backends.console.EmailBackend'\n");
    const [finding] = await findingsOf(rule, root);
    expect(finding).toMatchObject({ rule, severity: 'medium', confidence: 'certain' });
    expect(at(finding)).toBe('mysite/settings.py:2');
  });

  test('django-environ email_url defaulting to consolemail://', async () => {
    const root = settingsProject(
      "import environ\nenv = environ.Env()\nEMAIL_BACKEND = env.email_url('EMAIL_URL', default='consolemail://')['EMAIL_BACKEND']\n",
    );
    const [finding] = await findingsOf(rule, root);
    expect(finding).toMatchObject({ rule, confidence: 'default' });
    expect(at(finding)).toBe('mysite/settings.py:3');
  });

  test('django-environ EMAIL_CONFIG applied with vars().update()', async () => {
    const root = settingsProject(
      "import environ\nenv = environ.Env()\nEMAIL_CONFIG = env.email_url('EMAIL_URL', default='filemail:///tmp/mail')\nvars().update(EMAIL_CONFIG)\n",
    );
    const [finding] = await findingsOf(rule, root);
    expect(finding).toMatchObject({ rule });
    expect(at(finding)).toBe('mysite/settings.py:4');
    expect(finding!.message).toContain('filebased');
  });

  test('no finding for SMTP or the default', async () => {
    expect(await findingsOf(rule, settingsProject("EMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'\n"))).toEqual([]);
    expect(await findingsOf(rule, settingsProject('DEBUG = False\n'))).toEqual([]);
  });
});

describe('django/upload-limit-disabled', () => {
  const rule = 'django/upload-limit-disabled';

  test('each disabled limit is a finding', async () => {
    const root = settingsProject('DATA_UPLOAD_MAX_MEMORY_SIZE = None\nDATA_UPLOAD_MAX_NUMBER_FIELDS = None\n');
    const findings = await findingsOf(rule, root);
    expect(findings.map(at)).toEqual(['mysite/settings.py:1', 'mysite/settings.py:2']);
    expect(findings[0]).toMatchObject({ rule, severity: 'medium', confidence: 'certain' });
  });

  test('no finding for raised limits', async () => {
    expect(await findingsOf(rule, settingsProject('DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024\n'))).toEqual([]);
  });
});

describe('django/debug-propagate-exceptions', () => {
  const rule = 'django/debug-propagate-exceptions';

  test('on', async () => {
    const [finding] = await findingsOf(rule, settingsProject('DEBUG = False\nDEBUG_PROPAGATE_EXCEPTIONS = True\n'));
    expect(finding).toMatchObject({ rule, severity: 'medium', confidence: 'certain' });
    expect(at(finding)).toBe('mysite/settings.py:2');
  });

  test('off by default', async () => {
    expect(await findingsOf(rule, settingsProject('DEBUG = False\n'))).toEqual([]);
  });
});

describe('django/static-root-missing', () => {
  const rule = 'django/static-root-missing';
  const apps = "INSTALLED_APPS = [\n    'django.contrib.admin',\n    'django.contrib.staticfiles',\n]\nSTATIC_URL = '/static/'\n";

  test('staticfiles installed, STATIC_ROOT unset, filesystem storage', async () => {
    const [finding] = await findingsOf(rule, settingsProject(apps));
    expect(finding).toMatchObject({ rule, severity: 'medium', confidence: 'certain' });
    expect(at(finding)).toBe('mysite/settings.py:3');
  });

  test('STATIC_ROOT = None is reported where it is set', async () => {
    const [finding] = await findingsOf(rule, settingsProject(apps + 'STATIC_ROOT = None\n'));
    expect(at(finding)).toBe('mysite/settings.py:6');
  });

  test('no finding with a STATIC_ROOT or with static files on S3', async () => {
    expect(await findingsOf(rule, settingsProject(apps + "STATIC_ROOT = '/srv/static'\n"))).toEqual([]);
    const s3 = apps + "STORAGES = {'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'}, 'staticfiles': {'BACKEND': 'storages.backends.s3.S3StaticStorage'}}\n";
    expect(await findingsOf(rule, settingsProject(s3))).toEqual([]);
  });
});

describe('django/conn-max-age-zero', () => {
  const rule = 'django/conn-max-age-zero';

  test('a literal Postgres database without CONN_MAX_AGE', async () => {
    const root = settingsProject(
      "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',\n        'NAME': 'app',\n    },\n}\n",
    );
    const [finding] = await findingsOf(rule, root);
    expect(finding).toMatchObject({ rule, severity: 'info', confidence: 'certain' });
    expect(at(finding)).toBe('mysite/settings.py:2');
  });

  test("dj_database_url.config() without conn_max_age", async () => {
    const root = settingsProject("import dj_database_url\nDATABASES = {'default': dj_database_url.config()}\n");
    const [finding] = await findingsOf(rule, root, { set: { DATABASE_URL: 'postgres://u:p@db:5432/app' } });
    expect(finding).toMatchObject({ rule });
  });

  test('no finding with persistent connections, pooling or SQLite', async () => {
    const pg = (extra: string) =>
      `DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'app', ${extra}}}\n`;
    expect(await findingsOf(rule, settingsProject(pg("'CONN_MAX_AGE': 600")))).toEqual([]);
    expect(await findingsOf(rule, settingsProject(pg("'OPTIONS': {'pool': True}")))).toEqual([]);
    const sqlite = "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n";
    expect(await findingsOf(rule, settingsProject(sqlite))).toEqual([]);
  });
});
