import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';
import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

const RULE = 'django/allowed-hosts-invalid';

describe('django/allowed-hosts-invalid: shell-style wildcards', () => {
  it("reports '*.example.com' (Django has no such form) with the leading-dot fix", async () => {
    const findings = await findingsOf(RULE, settingsProject("ALLOWED_HOSTS = [\n    'example.com',\n    '*.example.com',\n]\n"));
    expect(findings).toHaveLength(1);
    expect(at(findings[0])).toBe('mysite/settings.py:3');
    expect(findings[0]!.message).toBe(
      "ALLOWED_HOSTS entry '*.example.com' is a '*.' wildcard, which Django does not support (write '.example.com' to allow the domain and its subdomains), so no request ever matches it",
    );
  });

  it("does not report the leading-dot subdomain form, the bare '*' wildcard, or a plain host", async () => {
    expect(await findingsOf(RULE, settingsProject("ALLOWED_HOSTS = ['.example.com', '*', 'api.example.com']\n"))).toEqual([]);
  });

  it('keeps reporting host:port entries as before', async () => {
    const [finding] = await findingsOf(RULE, settingsProject("ALLOWED_HOSTS = ['example.com:8000']\n"));
    expect(finding!.message).toContain('includes a port');
  });
});

describe('django/allowed-hosts-invalid: a string read from the environment, not split', () => {
  const ENV_HEADER = 'import os\nimport environ\nfrom decouple import Csv, config\nenv = environ.Env()\n';

  it.each([
    ['os.environ[...]', "ALLOWED_HOSTS = os.environ['SITE_HOSTS']\n"],
    ['django-environ env() without a cast', "ALLOWED_HOSTS = env('SITE_HOSTS')\n"],
    ['decouple config() without a cast', "ALLOWED_HOSTS = config('SITE_HOSTS')\n"],
  ])('reports %s: the value is unknown but certainly a str', async (_name, line) => {
    const findings = await findingsOf(RULE, settingsProject(ENV_HEADER + line, {}, '3.2.25'));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.confidence).toBe('certain');
    expect(findings[0]!.message).toBe(
      'ALLOWED_HOSTS is a string (the text of SITE_HOSTS, not split into a list), not a list: Django 3.2 treats each character as a host name',
    );
  });

  it('says Django 4.0 and later refuse to start', async () => {
    const [finding] = await findingsOf(RULE, settingsProject(`${ENV_HEADER}ALLOWED_HOSTS = os.environ['SITE_HOSTS']\n`));
    expect(finding!.severity).toBe('high');
    expect(finding!.message).toContain('raises ImproperlyConfigured at startup');
  });

  it.each([
    ['a split', "ALLOWED_HOSTS = os.environ['SITE_HOSTS'].split(',')\n"],
    ['env.list', "ALLOWED_HOSTS = env.list('SITE_HOSTS')\n"],
    ['decouple Csv()', "ALLOWED_HOSTS = config('SITE_HOSTS', cast=Csv())\n"],
    ['a list around the read', "ALLOWED_HOSTS = [os.environ['SITE_HOSTS']]\n"],
    ['a project function that splits', "def hosts(text):\n    return text.split(',')\n\nALLOWED_HOSTS = hosts(os.environ['SITE_HOSTS'])\n"],
  ])('does not report %s (a list)', async (_name, line) => {
    expect(await findingsOf(RULE, settingsProject(ENV_HEADER + line))).toEqual([]);
  });
});

describe('django/allowed-hosts-invalid: entries of a fallback', () => {
  const LINE = "from decouple import config\nALLOWED_HOSTS = config('SITE_HOSTS', default='*.example.app,*.example.dev', cast=lambda v: [h.strip() for h in v.split(',')])\n";

  it("reports a '*.' fallback the code casts with its own lambda, at confidence default", async () => {
    const findings = await findingsOf(RULE, settingsProject(LINE));
    expect(findings.map((finding) => [finding.message.slice(0, 41), finding.confidence])).toEqual([
      ["ALLOWED_HOSTS entry '*.example.app' is a ", 'default'],
      ["ALLOWED_HOSTS entry '*.example.dev' is a ", 'default'],
    ]);
  });

  it('does not report it once production sets the variable to valid hosts', async () => {
    expect(await findingsOf(RULE, settingsProject(LINE), { set: { SITE_HOSTS: 'example.app, .example.dev' } })).toEqual([]);
  });

  it('reports what the lambda gives for the value production sets', async () => {
    const findings = await findingsOf(RULE, settingsProject(LINE), { set: { SITE_HOSTS: 'example.app,https://example.dev' } });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.confidence).toBe('certain');
    expect(findings[0]!.message).toContain("'https://example.dev' includes a URL scheme");
  });
});

ruleTester('django/allowed-hosts-invalid', {
  valid: [{ name: 'bare host names', files: settingsFiles("ALLOWED_HOSTS = ['example.com', '.example.com', '[::1]', '127.0.0.1']\n") }],
  invalid: [
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
