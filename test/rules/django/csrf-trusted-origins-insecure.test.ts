import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

/** CSRF_TRUSTED_ORIGINS with one origin a line, Django pinned. */
const origins = (list: string[], django = '5.2.8'): Files =>
  settingsFiles(`CSRF_TRUSTED_ORIGINS = [\n${list.map((origin) => `    '${origin}',\n`).join('')}]\n`, {}, django);

ruleTester('django/csrf-trusted-origins-insecure', {
  valid: [
    {
      name: "a wildcard over the operator's own domain, and loopback http origins",
      files: origins(['https://*.example.org', 'https://example.org', 'http://localhost:3000', 'http://127.0.0.1:8000']),
    },
    { name: "a leading-dot entry over the operator's own domain on 3.2", files: origins(['.example.org', 'example.org'], '3.2.25') },
    // An app's own host on the platform is an exact origin, not a wildcard.
    { name: "an app's own host on a shared platform", files: origins(['https://myapp.herokuapp.com', 'https://*.myapp.example.com']) },
    {
      name: 'host-only entries on 3.2',
      files: settingsFiles("CSRF_TRUSTED_ORIGINS = ['example.com']\n", { 'requirements.txt': 'Django==3.2.25\n' }),
    },
  ],
  invalid: [
    {
      name: 'a wildcard over a shared platform domain, naming the platform domain',
      files: origins(['https://*.herokuapp.com', 'https://*.up.railway.app', 'https://*.fly.dev']),
      findings: [
        { severity: 'medium', message: /'https:\/\/\*\.herokuapp\.com' trusts every site under herokuapp\.com, where anyone can host a page/ },
        { message: 'trusts every site under up.railway.app' },
        { message: 'trusts every site under fly.dev' },
      ],
    },
    { name: 'a leading-dot shared platform domain on 3.2', files: origins(['.onrender.com'], '3.2.25'), findings: [{ message: 'trusts every site under onrender.com' }] },
    { name: 'a wildcard over a top-level domain', files: origins(['https://*.com']), findings: [{ message: "'https://*.com' trusts every site under com" }] },
    {
      name: 'https://* (which matches nothing) and plain http origins of real hosts',
      files: origins(['https://*', 'http://shop.example.org']),
      findings: [
        { severity: 'low', message: "'https://*' is meant to trust every origin: Django matches no origin against it" },
        { severity: 'medium', message: "plain-HTTP origin 'http://shop.example.org'" },
      ],
    },
    { name: 'a bare * on 3.2', files: origins(['*'], '3.2.25'), findings: [{ message: "'*' is meant to trust every origin" }] },
    // On 4.0+ a bare * has no scheme: the system check error says so.
    { name: 'a bare * on 4.0+', files: origins(['*']), findings: [{ severity: 'high', message: 'has no scheme' }] },
    {
      name: "plain-HTTP localhost origins are the user's own machine",
      files: settingsFiles("CSRF_TRUSTED_ORIGINS = ['http://localhost:5173', 'http://[::1]:8000', 'http://shop.example']\n"),
      findings: [{ message: "'http://shop.example'" }],
    },
    {
      name: 'a missing scheme as 4_0.E001 on 4.0+, http:// and shared-platform wildcard entries',
      files: settingsFiles("CSRF_TRUSTED_ORIGINS = [\n    'example.com',\n    'http://a.com',\n    'https://*.herokuapp.com',\n    'https://c.com',\n]\n", {
        'requirements.txt': 'Django>=5.2,<6\n',
      }),
      findings: [
        { at: 'mysite/settings.py:2', django: '4_0.E001', severity: 'high' },
        { at: 'mysite/settings.py:3', django: undefined, severity: 'medium' },
        { at: 'mysite/settings.py:4', django: undefined, severity: 'medium' },
      ],
    },
  ],
});
