import { expect } from 'vitest';
import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const settings52 = (body: string, django = '5.2.8'): Files => settingsFiles(body, {}, django);
const ENV_HEADER = 'import os\nimport environ\nfrom decouple import Csv, config\nenv = environ.Env()\n';
/** A decouple read whose fallback holds '*.' wildcards, cast with the project's own lambda. */
const FALLBACK = "from decouple import config\nALLOWED_HOSTS = config('SITE_HOSTS', default='*.example.app,*.example.dev', cast=lambda v: [h.strip() for h in v.split(',')])\n";
const exactly = (text: string) => (finding: { message: string }) => expect(finding.message).toBe(text);

ruleTester('django/allowed-hosts-invalid', {
  valid: [
    { name: "the leading-dot subdomain form, the bare '*' wildcard, a plain host", files: settings52("ALLOWED_HOSTS = ['.example.com', '*', 'api.example.com']\n") },
    ...[
      ['a split', "ALLOWED_HOSTS = os.environ['SITE_HOSTS'].split(',')\n"],
      ['env.list', "ALLOWED_HOSTS = env.list('SITE_HOSTS')\n"],
      ['decouple Csv()', "ALLOWED_HOSTS = config('SITE_HOSTS', cast=Csv())\n"],
      ['a list around the read', "ALLOWED_HOSTS = [os.environ['SITE_HOSTS']]\n"],
      ['a project function that splits', "def hosts(text):\n    return text.split(',')\n\nALLOWED_HOSTS = hosts(os.environ['SITE_HOSTS'])\n"],
    ].map(([name, line]) => ({ name: `a string from the environment made a list by ${name}`, files: settings52(ENV_HEADER + line!) })),
    { name: "a '*.' fallback once production sets the variable to valid hosts", files: settings52(FALLBACK), set: { SITE_HOSTS: 'example.app, .example.dev' } },
    { name: 'bare host names', files: settingsFiles("ALLOWED_HOSTS = ['example.com', '.example.com', '[::1]', '127.0.0.1']\n") },
  ],
  invalid: [
    {
      name: "'*.example.com' (Django has no such form), with the leading-dot fix",
      files: settings52("ALLOWED_HOSTS = [\n    'example.com',\n    '*.example.com',\n]\n"),
      findings: [
        {
          at: 'mysite/settings.py:3',
          check: exactly(
            "ALLOWED_HOSTS entry '*.example.com' is a '*.' wildcard, which Django does not support (write '.example.com' to allow the domain and its subdomains), so no request ever matches it",
          ),
        },
      ],
    },
    { name: 'a host:port entry', files: settings52("ALLOWED_HOSTS = ['example.com:8000']\n"), findings: [{ message: 'includes a port' }] },
    ...[
      ['os.environ[...]', "ALLOWED_HOSTS = os.environ['SITE_HOSTS']\n"],
      ['django-environ env() without a cast', "ALLOWED_HOSTS = env('SITE_HOSTS')\n"],
      ['decouple config() without a cast', "ALLOWED_HOSTS = config('SITE_HOSTS')\n"],
    ].map(([name, line]) => ({
      name: `a string read from the environment by ${name}: the value is unknown but certainly a str`,
      files: settings52(ENV_HEADER + line!, '3.2.25'),
      findings: [
        {
          confidence: 'certain' as const,
          check: exactly('ALLOWED_HOSTS is a string (the text of SITE_HOSTS, not split into a list), not a list: Django 3.2 treats each character as a host name'),
        },
      ],
    })),
    {
      name: 'a string read from the environment on 4.0+, where Django refuses to start',
      files: settings52(`${ENV_HEADER}ALLOWED_HOSTS = os.environ['SITE_HOSTS']\n`),
      findings: [{ severity: 'high', message: 'raises ImproperlyConfigured at startup' }],
    },
    {
      name: "a '*.' fallback the code casts with its own lambda, at confidence default",
      files: settings52(FALLBACK),
      findings: [
        { confidence: 'default', message: /^ALLOWED_HOSTS entry '\*\.example\.app' is a / },
        { confidence: 'default', message: /^ALLOWED_HOSTS entry '\*\.example\.dev' is a / },
      ],
    },
    {
      name: 'what the lambda gives for the value production sets',
      files: settings52(FALLBACK),
      set: { SITE_HOSTS: 'example.app,https://example.dev' },
      findings: [{ confidence: 'certain', message: "'https://example.dev' includes a URL scheme" }],
    },
    {
      name: 'untrimmed env.list items, with confidence from the env',
      files: settingsFiles("import environ\nenv = environ.Env()\nALLOWED_HOSTS = env.list('HOSTS')\n"),
      set: { HOSTS: 'a.com, b.com' },
      findings: [{ message: "' b.com'", confidence: 'certain' }],
    },
    {
      name: 'a scheme, a path and a port',
      files: settingsFiles("ALLOWED_HOSTS = ['https://a.com', 'b.com/', 'c.com:8000', 'd.com']\n"),
      findings: [
        { at: 'mysite/settings.py:1', message: /^\S+ \S+ 'b\.com\/' / },
        { at: 'mysite/settings.py:1', message: /^\S+ \S+ 'c\.com:8000' / },
        { at: 'mysite/settings.py:1', message: /^\S+ \S+ 'https:\/\/a\.com' / },
      ],
    },
    {
      name: 'a plain string, high on 4.0+ where Django refuses to start',
      files: settingsFiles("ALLOWED_HOSTS = 'example.com'\n", { 'requirements.txt': 'Django==4.2.11\n' }),
      findings: [{ severity: 'high', message: 'ImproperlyConfigured' }],
    },
  ],
});
