import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from './helpers.js';

const SETTINGS = "ROOT_URLCONF = 'mysite.urls'\nSECRET_KEY = 'x'\n";

describe('django/admin-default-path', () => {
  it('fires on the admin at admin/, reporting the urls.py line', async () => {
    const root = settingsProject(SETTINGS, {
      'mysite/urls.py': "from django.contrib import admin\nfrom django.urls import path\n\nurlpatterns = [\n    path('admin/', admin.site.urls),\n]\n",
    });
    const [finding, ...rest] = await findingsOf('django/admin-default-path', root);
    expect(rest).toEqual([]);
    expect(at(finding)).toBe('mysite/urls.py:5');
    expect(finding?.confidence).toBe('certain');
  });

  it('does not fire when the admin lives elsewhere', async () => {
    const root = settingsProject(SETTINGS, {
      'mysite/urls.py': "from django.contrib import admin\nfrom django.urls import path\nurlpatterns = [path('staff-7f3c/', admin.site.urls)]\n",
    });
    expect(await findingsOf('django/admin-default-path', root)).toEqual([]);
  });
});

describe('django/ssl-redirect-without-proxy-header', () => {
  const REDIRECT = "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\nSECURE_SSL_REDIRECT = True\n";

  it('fires on Heroku (Procfile) without SECURE_PROXY_SSL_HEADER when the server does not trust X-Forwarded-Proto', async () => {
    const root = settingsProject(REDIRECT, { Procfile: 'web: waitress-serve mysite.wsgi:application\n' });
    const [finding] = await findingsOf('django/ssl-redirect-without-proxy-header', root);
    expect(at(finding)).toBe('mysite/settings.py:2');
    expect(finding?.severity).toBe('high');
    expect(finding?.message).toContain('heroku');
    expect(finding?.message).toContain('redirected again, forever');
  });

  it("is info with gunicorn on the Heroku buildpack, which sets FORWARDED_ALLOW_IPS='*' (no loop)", async () => {
    const root = settingsProject(REDIRECT, { Procfile: 'web: gunicorn mysite.wsgi\n' });
    const [finding] = await findingsOf('django/ssl-redirect-without-proxy-header', root);
    expect(finding).toMatchObject({ severity: 'info' });
    expect(finding?.message).toContain("no redirect loop, because gunicorn trusts X-Forwarded-Proto (the Heroku Python buildpack sets FORWARDED_ALLOW_IPS='*')");
    expect(finding?.related).toContainEqual({ location: { file: 'Procfile', line: 1, column: 6 }, message: expect.stringContaining('gunicorn trusts') });
  });

  it('stays high for gunicorn behind Fly unless FORWARDED_ALLOW_IPS says to trust the proxy', async () => {
    const fly = 'app = "mysite"\n\n[processes]\n  app = "gunicorn mysite.wsgi"\n';
    const [untrusted] = await findingsOf('django/ssl-redirect-without-proxy-header', settingsProject(REDIRECT, { 'fly.toml': fly }));
    expect(untrusted?.severity).toBe('high');
    const trusted = `${fly}\n[env]\n  FORWARDED_ALLOW_IPS = "*"\n`;
    const [info] = await findingsOf('django/ssl-redirect-without-proxy-header', settingsProject(REDIRECT, { 'fly.toml': trusted }));
    expect(info?.severity).toBe('info');
    expect(info?.message).toContain('FORWARDED_ALLOW_IPS is set');
  });

  it('leaves a header name without the HTTP_ prefix to django/proxy-ssl-header-invalid', async () => {
    const root = settingsProject(`${REDIRECT}SECURE_PROXY_SSL_HEADER = ('X-Forwarded-Proto', 'https')\n`, { Procfile: 'web: waitress-serve mysite.wsgi:application\n' });
    expect(await findingsOf('django/ssl-redirect-without-proxy-header', root)).toEqual([]);
    const [finding] = await findingsOf('django/proxy-ssl-header-invalid', root);
    expect(at(finding)).toBe('mysite/settings.py:3');
    expect(finding?.message).toContain('HTTP_X_FORWARDED_PROTO');
  });

  it('does not fire with the proxy header set, nor without a TLS-terminating platform', async () => {
    const withHeader = settingsProject(`${REDIRECT}SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\n`, {
      Procfile: 'web: gunicorn mysite.wsgi\n',
    });
    expect(await findingsOf('django/ssl-redirect-without-proxy-header', withHeader)).toEqual([]);
    expect(await findingsOf('django/ssl-redirect-without-proxy-header', settingsProject(REDIRECT))).toEqual([]);
  });

  it('fires on a platform inferred from a variable the code reads, pointing there, but not for a name in a comment', async () => {
    const dockerfile = { Dockerfile: 'FROM python:3.12\nCMD ["waitress-serve", "mysite.wsgi:application"]\n' };
    const [finding] = await findingsOf('django/ssl-redirect-without-proxy-header', settingsProject(`${REDIRECT}import os\nON_RENDER = 'RENDER' in os.environ\n`, dockerfile));
    expect(finding?.severity).toBe('high');
    expect(finding?.message).toContain('render terminates TLS');
    expect(finding?.related).toContainEqual({ location: { file: 'mysite/settings.py', line: 4, column: 13 }, message: expect.stringContaining("'RENDER' read in mysite/settings.py:4") });
    const comment = settingsProject(`${REDIRECT}# on 'RENDER' set SECURE_PROXY_SSL_HEADER\n`, dockerfile);
    expect(await findingsOf('django/ssl-redirect-without-proxy-header', comment)).toEqual([]);
  });
});
