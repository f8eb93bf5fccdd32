import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

/** SECURE_PROXY_SSL_HEADER = `value`, after `before`. */
const header = (value: string, before = ''): Files => settingsFiles(`${before}SECURE_PROXY_SSL_HEADER = ${value}\n`, {}, '5.2.8');
const MISNAMED = ["'X-Forwarded-Proto'", "'X_FORWARDED_PROTO'", "'http_x_forwarded_proto'", "'HTTP_X-FORWARDED-PROTO'"];
const FINE = [
  "('HTTP_X_FORWARDED_PROTO', 'https')",
  "['HTTP_CLOUDFRONT_FORWARDED_PROTO', 'https']",
  "('HTTP_X_FORWARDED_SSL', 'on')",
  "('HTTPS', 'on')",
  "('wsgi.url_scheme', 'https')",
  'None',
];

ruleTester('django/proxy-ssl-header-invalid', {
  valid: [
    ...FINE.map((value) => ({ name: `the usual forms, a server variable, another header's own value: ${value}`, files: header(value) })),
    { name: 'values from the environment', files: header("(os.environ['PROXY_HEADER'], os.environ['PROXY_VALUE'])", 'import os\n') },
    { name: 'unset', files: settingsFiles('DEBUG = False\n', {}, '5.2.8') },
  ],
  invalid: [
    {
      name: "a scheme header compared with 'http': plain HTTP counts as secure",
      files: header("('HTTP_X_FORWARDED_PROTO', 'http')"),
      findings: [
        {
          at: 'mysite/settings.py:1',
          severity: 'high',
          confidence: 'certain',
          message: /takes 'http' for secure: a request that reached the proxy over plain HTTP counts as HTTPS/,
        },
      ],
    },
    { name: 'a value other than https for a scheme header (medium)', files: header("('HTTP_X_FORWARDED_PROTO', 'HTTPS')"), findings: [{ severity: 'medium', message: "proxies send 'https'" }] },
    { name: 'another scheme header with a value other than https (medium)', files: header("['HTTP_X_SCHEME', 'on']"), findings: [{ severity: 'medium' }] },
    ...MISNAMED.map((name) => ({
      name: `a header Django never sees: ${name}`,
      files: header(`(${name}, 'https')`),
      findings: [{ message: "where the header is 'HTTP_X_FORWARDED_PROTO': it never matches" }],
    })),
    { name: 'a single string', files: header("'HTTP_X_FORWARDED_PROTO'"), findings: [{ message: 'is not a pair: Django raises ImproperlyConfigured' }] },
    { name: 'a triple', files: header("('HTTP_X_FORWARDED_PROTO', 'https', 'x')"), findings: [{ message: 'is not a pair' }] },
    { name: 'a pair that is not two strings', files: header("('HTTP_X_FORWARDED_PROTO', True)"), findings: [{ message: 'must hold two strings' }] },
    {
      name: 'a header name without the HTTP_ prefix behind a TLS-terminating platform (django/ssl-redirect-without-proxy-header leaves it here)',
      files: settingsFiles(
        "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\nSECURE_SSL_REDIRECT = True\nSECURE_PROXY_SSL_HEADER = ('X-Forwarded-Proto', 'https')\n",
        { Procfile: 'web: waitress-serve mysite.wsgi:application\n' },
      ),
      findings: [{ at: 'mysite/settings.py:3', message: 'HTTP_X_FORWARDED_PROTO' }],
    },
  ],
});
