import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from './helpers.js';

describe('django/allowed-hosts-wildcard', () => {
  it("fires on '*' next to other hosts, at the item", async () => {
    const root = settingsProject("ALLOWED_HOSTS = [\n    'example.com',\n    '*',\n]\n");
    const [finding] = await findingsOf('django/allowed-hosts-wildcard', root);
    expect(at(finding)).toBe('mysite/settings.py:3');
    expect(finding?.severity).toBe('high');
    expect(finding?.confidence).toBe('certain');
  });

  it('does not fire on real host names', async () => {
    const root = settingsProject("ALLOWED_HOSTS = ['example.com', '.example.com']\n");
    expect(await findingsOf('django/allowed-hosts-wildcard', root)).toEqual([]);
  });
});

describe('django/allowed-hosts-invalid', () => {
  it('fires on untrimmed env.list items, with confidence from the env', async () => {
    const root = settingsProject("import environ\nenv = environ.Env()\nALLOWED_HOSTS = env.list('HOSTS')\n");
    const findings = await findingsOf('django/allowed-hosts-invalid', root, { set: { HOSTS: 'a.com, b.com' } });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain("' b.com'");
    expect(findings[0]?.confidence).toBe('certain');
  });

  it('fires on a scheme, a path and a port', async () => {
    const root = settingsProject("ALLOWED_HOSTS = ['https://a.com', 'b.com/', 'c.com:8000', 'd.com']\n");
    const findings = await findingsOf('django/allowed-hosts-invalid', root);
    expect(findings.map((finding) => finding.message.split(' ')[2]).sort()).toEqual(["'b.com/'", "'c.com:8000'", "'https://a.com'"]);
    expect(at(findings[0])).toBe('mysite/settings.py:1');
  });

  it('fires on a plain string, high on 4.0+ where Django refuses to start', async () => {
    const root = settingsProject("ALLOWED_HOSTS = 'example.com'\n", { 'requirements.txt': 'Django==4.2.11\n' });
    const [finding] = await findingsOf('django/allowed-hosts-invalid', root);
    expect(finding?.severity).toBe('high');
    expect(finding?.message).toContain('ImproperlyConfigured');
  });

  it('does not fire on bare host names', async () => {
    const root = settingsProject("ALLOWED_HOSTS = ['example.com', '.example.com', '[::1]', '127.0.0.1']\n");
    expect(await findingsOf('django/allowed-hosts-invalid', root)).toEqual([]);
  });
});

describe('django/sqlite-in-production', () => {
  it('fires with confidence default when DATABASE_URL is unset and the code falls back to SQLite', async () => {
    const root = settingsProject(
      "import dj_database_url\nDATABASES = {\n    'default': dj_database_url.config(default='sqlite:///db.sqlite3'),\n}\n",
    );
    const [finding] = await findingsOf('django/sqlite-in-production', root);
    expect(finding?.confidence).toBe('default');
    expect(finding?.message).toContain('DATABASE_URL');
    expect(at(finding)).toBe('mysite/settings.py:3');
  });

  it('fires on a literal sqlite3 ENGINE', async () => {
    const root = settingsProject("DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n");
    const [finding] = await findingsOf('django/sqlite-in-production', root);
    expect(finding?.confidence).toBe('certain');
  });

  it('does not fire when production sets a Postgres DATABASE_URL', async () => {
    const root = settingsProject("import dj_database_url\nDATABASES = {'default': dj_database_url.config(default='sqlite:///db.sqlite3')}\n");
    expect(await findingsOf('django/sqlite-in-production', root, { set: { DATABASE_URL: 'postgres://u:p@db:5432/app' } })).toEqual([]);
  });
});

describe('django/database-not-configured', () => {
  it('does not fire when DATABASE_URL is required (no default) and unset: the platform provides it', async () => {
    for (const line of ["DATABASES = {'default': dj_database_url.config()}", "DATABASES = {'default': env.db()}", "DATABASES = {'default': env.db('DATABASE_URL')}"]) {
      const root = settingsProject(`import dj_database_url\nimport environ\nenv = environ.Env()\n${line}\n`);
      expect(await findingsOf('django/database-not-configured', root), line).toEqual([]);
    }
  });

  it('fires on a default alias written without an ENGINE', async () => {
    const root = settingsProject("DATABASES = {'default': {'NAME': 'app'}}\n");
    const [finding] = await findingsOf('django/database-not-configured', root);
    expect(finding?.confidence).toBe('certain');
    expect(at(finding)).toBe('mysite/settings.py:1');
  });

  it('does not fire on a configured engine', async () => {
    const root = settingsProject("DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'app'}}\n");
    expect(await findingsOf('django/database-not-configured', root)).toEqual([]);
  });
});

describe('django/debug-default-true', () => {
  it('fires when production sets DEBUG but the code defaults to True', async () => {
    const root = settingsProject("import environ\nenv = environ.Env()\nDEBUG = env.bool('DJANGO_DEBUG', default=True)\n");
    const [finding, ...rest] = await findingsOf('django/debug-default-true', root, { set: { DJANGO_DEBUG: 'off' } });
    expect(rest).toEqual([]);
    expect(at(finding)).toBe('mysite/settings.py:3');
    expect(finding?.confidence).toBe('certain');
    expect(finding?.message).toContain('DJANGO_DEBUG');
  });

  it("fires when bool(os.getenv('DEBUG')) turns the string 'False' into True", async () => {
    const root = settingsProject("import os\nDEBUG = bool(os.getenv('DEBUG'))\n");
    const [finding] = await findingsOf('django/debug-default-true', root, { set: { DEBUG: 'False' } });
    expect(finding?.message).toContain("'False'");
  });

  it('leaves the unset case to django/debug (no double report)', async () => {
    const root = settingsProject("import os\nDEBUG = os.getenv('DEBUG', True)\n");
    expect(await findingsOf('django/debug-default-true', root)).toEqual([]);
  });

  it('does not fire on a fail-closed read', async () => {
    const root = settingsProject("from decouple import config\nDEBUG = config('DEBUG', default=False, cast=bool)\n");
    expect(await findingsOf('django/debug-default-true', root, { set: { DEBUG: 'false' } })).toEqual([]);
  });
});

describe('django/hsts-preload-too-short', () => {
  const MIDDLEWARE = "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n";
  it('fires when preload is on and max-age is under a year', async () => {
    const root = settingsProject(`${MIDDLEWARE}SECURE_HSTS_SECONDS = 3600\nSECURE_HSTS_PRELOAD = True\n`);
    const [finding] = await findingsOf('django/hsts-preload-too-short', root);
    expect(at(finding)).toBe('mysite/settings.py:2');
  });

  it('does not fire at one year', async () => {
    const root = settingsProject(`${MIDDLEWARE}SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_PRELOAD = True\n`);
    expect(await findingsOf('django/hsts-preload-too-short', root)).toEqual([]);
  });
});

describe('django/cookie-samesite-none', () => {
  it("fires on 'None' without Secure (high) and on Python None", async () => {
    const root = settingsProject("SESSION_COOKIE_SAMESITE = 'None'\nCSRF_COOKIE_SAMESITE = None\n");
    const findings = await findingsOf('django/cookie-samesite-none', root);
    expect(findings.map(at)).toEqual(['mysite/settings.py:1', 'mysite/settings.py:2']);
    expect(findings.map((finding) => finding.severity)).toEqual(['high', 'medium']);
  });

  it('fires high on an invalid value', async () => {
    const root = settingsProject("SESSION_COOKIE_SAMESITE = 'Relaxed'\n");
    const [finding] = await findingsOf('django/cookie-samesite-none', root);
    expect(finding?.severity).toBe('high');
    expect(finding?.message).toContain('ValueError');
  });

  it('does not fire on the defaults or Strict', async () => {
    const root = settingsProject("CSRF_COOKIE_SAMESITE = 'Strict'\n");
    expect(await findingsOf('django/cookie-samesite-none', root)).toEqual([]);
  });
});

describe('django/csrf-trusted-origins-insecure', () => {
  it('reports a missing scheme as 4_0.E001 on 4.0+, http:// and shared-platform wildcard entries', async () => {
    const root = settingsProject("CSRF_TRUSTED_ORIGINS = [\n    'example.com',\n    'http://a.com',\n    'https://*.herokuapp.com',\n    'https://c.com',\n]\n", {
      'requirements.txt': 'Django>=5.2,<6\n',
    });
    const findings = await findingsOf('django/csrf-trusted-origins-insecure', root);
    expect(findings.map(at)).toEqual(['mysite/settings.py:2', 'mysite/settings.py:3', 'mysite/settings.py:4']);
    expect(findings.map((finding) => finding.django)).toEqual(['4_0.E001', undefined, undefined]);
    expect(findings.map((finding) => finding.severity)).toEqual(['high', 'medium', 'medium']);
  });

  it('accepts host-only entries on 3.2 and exact https origins', async () => {
    const root = settingsProject("CSRF_TRUSTED_ORIGINS = ['example.com']\n", { 'requirements.txt': 'Django==3.2.25\n' });
    expect(await findingsOf('django/csrf-trusted-origins-insecure', root)).toEqual([]);
  });
});

describe('django/use-x-forwarded-host', () => {
  it('fires when on', async () => {
    const root = settingsProject('USE_X_FORWARDED_HOST = True\n');
    const [finding] = await findingsOf('django/use-x-forwarded-host', root);
    expect(at(finding)).toBe('mysite/settings.py:1');
    expect(finding?.severity).toBe('low');
  });

  it('is info when the repository\'s nginx overwrites X-Forwarded-Host, low when it passes the client\'s on', async () => {
    const nginx = (value: string) => `server {\n    location / {\n        proxy_pass http://app:8000;\n        proxy_set_header X-Forwarded-Host ${value};\n    }\n}\n`;
    const [info] = await findingsOf('django/use-x-forwarded-host', settingsProject('USE_X_FORWARDED_HOST = True\n', { 'nginx/site.conf': nginx('$host') }));
    expect(info?.severity).toBe('info');
    expect(info?.message).toContain('nginx sets X-Forwarded-Host to $host');
    expect(info?.related).toContainEqual({ location: { file: 'nginx/site.conf', line: 4, column: 1 }, message: 'nginx overwrites X-Forwarded-Host with $host' });
    const passOn = settingsProject('USE_X_FORWARDED_HOST = True\n', { 'nginx/site.conf': nginx('$http_x_forwarded_host') });
    const [low] = await findingsOf('django/use-x-forwarded-host', passOn);
    expect(low?.severity).toBe('low');
  });

  it('does not fire by default', async () => {
    expect(await findingsOf('django/use-x-forwarded-host', settingsProject('DEBUG = False\n'))).toEqual([]);
  });
});

describe('django/cors-allow-all', () => {
  const APPS = "INSTALLED_APPS = ['corsheaders']\n";
  it('is critical with credentials, and the new name wins over the old one', async () => {
    const root = settingsProject(`${APPS}CORS_ORIGIN_ALLOW_ALL = False\nCORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n`);
    const [finding, ...rest] = await findingsOf('django/cors-allow-all', root);
    expect(rest).toEqual([]);
    expect(finding?.severity).toBe('critical');
    expect(at(finding)).toBe('mysite/settings.py:3');
  });

  it("fires on 'null', http:// origins and a catch-all regex (medium and low without credentials)", async () => {
    const root = settingsProject(
      `${APPS}CORS_ALLOWED_ORIGINS = ['null', 'http://a.com', 'https://b.com']\nCORS_ALLOWED_ORIGIN_REGEXES = [r'^https?://.*$', r'^https://\\w+\\.example\\.com$']\n`,
    );
    const findings = await findingsOf('django/cors-allow-all', root);
    expect(findings.map((finding) => finding.severity)).toEqual(['medium', 'low', 'medium']);
    expect(findings.map(at)).toEqual(['mysite/settings.py:2', 'mysite/settings.py:2', 'mysite/settings.py:3']);
  });

  it('does not fire without django-cors-headers installed', async () => {
    const root = settingsProject('CORS_ALLOW_ALL_ORIGINS = True\n');
    expect(await findingsOf('django/cors-allow-all', root)).toEqual([]);
  });
});
