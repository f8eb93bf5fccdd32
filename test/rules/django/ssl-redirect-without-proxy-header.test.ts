import { expect } from 'vitest';
import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

const REDIRECT = "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\nSECURE_SSL_REDIRECT = True\n";
const WAITRESS_PROCFILE = { Procfile: 'web: waitress-serve mysite.wsgi:application\n' };
const FLY = 'app = "mysite"\n\n[processes]\n  app = "gunicorn mysite.wsgi"\n';
const WAITRESS_DOCKERFILE = { Dockerfile: 'FROM python:3.12\nCMD ["waitress-serve", "mysite.wsgi:application"]\n' };

ruleTester('django/ssl-redirect-without-proxy-header', {
  valid: [
    {
      name: 'a header name without the HTTP_ prefix is left to django/proxy-ssl-header-invalid',
      files: settingsFiles(`${REDIRECT}SECURE_PROXY_SSL_HEADER = ('X-Forwarded-Proto', 'https')\n`, WAITRESS_PROCFILE),
    },
    {
      name: 'the proxy header set',
      files: settingsFiles(`${REDIRECT}SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\n`, { Procfile: 'web: gunicorn mysite.wsgi\n' }),
    },
    { name: 'no TLS-terminating platform', files: settingsFiles(REDIRECT) },
    { name: 'a platform variable named only in a comment', files: settingsFiles(`${REDIRECT}# on 'RENDER' set SECURE_PROXY_SSL_HEADER\n`, WAITRESS_DOCKERFILE) },
  ],
  invalid: [
    {
      name: 'Heroku (Procfile) without SECURE_PROXY_SSL_HEADER when the server does not trust X-Forwarded-Proto',
      files: settingsFiles(REDIRECT, WAITRESS_PROCFILE),
      findings: [{ at: 'mysite/settings.py:2', severity: 'high', message: ['heroku', 'redirected again, forever'] }],
    },
    {
      name: "info with gunicorn on the Heroku buildpack, which sets FORWARDED_ALLOW_IPS='*' (no loop)",
      files: settingsFiles(REDIRECT, { Procfile: 'web: gunicorn mysite.wsgi\n' }),
      findings: [
        {
          severity: 'info',
          message: "no redirect loop, because gunicorn trusts X-Forwarded-Proto (the Heroku Python buildpack sets FORWARDED_ALLOW_IPS='*')",
          related: [{ location: { file: 'Procfile', line: 1, column: 6 }, message: expect.stringContaining('gunicorn trusts') as string }],
        },
      ],
    },
    {
      name: 'high for gunicorn behind Fly without FORWARDED_ALLOW_IPS',
      files: settingsFiles(REDIRECT, { 'fly.toml': FLY }),
      findings: [{ severity: 'high' }],
    },
    {
      name: 'info for gunicorn behind Fly when FORWARDED_ALLOW_IPS says to trust the proxy',
      files: settingsFiles(REDIRECT, { 'fly.toml': `${FLY}\n[env]\n  FORWARDED_ALLOW_IPS = "*"\n` }),
      findings: [{ severity: 'info', message: 'FORWARDED_ALLOW_IPS is set' }],
    },
    {
      name: 'a platform inferred from a variable the code reads, pointing there',
      files: settingsFiles(`${REDIRECT}import os\nON_RENDER = 'RENDER' in os.environ\n`, WAITRESS_DOCKERFILE),
      findings: [
        {
          severity: 'high',
          message: 'render terminates TLS',
          related: [{ location: { file: 'mysite/settings.py', line: 4, column: 13 }, message: expect.stringContaining("'RENDER' read in mysite/settings.py:4") as string }],
        },
      ],
    },
  ],
});
