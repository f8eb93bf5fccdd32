/**
 * Unset versus provided elsewhere (issue 12, item 6): a variable the app cannot run without and the
 * repository never sets is provided by the platform (set, value unknown), so the fail-closed value
 * the code would compute without it is never reported. A fail-open default (the value the code
 * falls back to) is reported with confidence `default`, the same way for every critical setting.
 */
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/frameworks.js';
import type { Finding } from '../../../src/engine/types.js';
import { makeProject } from '../../helpers/project.js';
import { settingsFiles } from '../../helpers/rule-tester.js';

const settingsProject = (body: string, extra: Record<string, string> = {}): string => makeProject(settingsFiles(body, extra));

const HEADER =
  'import os\nimport environ\nimport dj_database_url\nfrom decouple import config, Csv\nenv = environ.Env()\n' +
  "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n";

/** The rules about SECRET_KEY, ALLOWED_HOSTS, DATABASES and DEBUG, run together. */
const RULES = [
  'django/secret-key-weak',
  'django/secret-key-committed',
  'django/allowed-hosts-empty',
  'django/allowed-hosts-invalid',
  'django/allowed-hosts-wildcard',
  'django/database-not-configured',
  'django/sqlite-in-production',
  'django/debug',
];

async function findings(body: string, options: { envProduction?: string; set?: Record<string, string> } = {}): Promise<Finding[]> {
  const root = settingsProject(HEADER + body, options.envProduction === undefined ? {} : { '.env.production': options.envProduction });
  const result = await runCheck({ root, only: RULES, ...(options.set ? { set: options.set } : {}) });
  expect(result.errors).toEqual([]);
  return result.findings;
}

const summary = (list: Finding[]) => list.map((finding) => `${finding.rule} ${finding.confidence}`).sort();

describe('a required variable the repository never sets is provided by the platform', () => {
  it.each([
    ['os.environ[...]', "SECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = os.environ['ALLOWED_HOSTS'].split(',')\nDATABASES = {'default': dj_database_url.parse(os.environ['DATABASE_URL'])}\n"],
    ['os.getenv without a default', "SECRET_KEY = os.getenv('SECRET_KEY')\nALLOWED_HOSTS = os.getenv('ALLOWED_HOSTS', '').split(',')\nDATABASES = {'default': dj_database_url.config()}\n"],
    ['os.environ.get with an empty default', "SECRET_KEY = os.environ.get('SECRET_KEY', '')\nALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', '').split()\nDATABASES = {'default': dj_database_url.config(default=os.environ.get('DATABASE_URL'))}\n"],
    ['django-environ without defaults', "SECRET_KEY = env('SECRET_KEY')\nALLOWED_HOSTS = env.list('ALLOWED_HOSTS')\nDATABASES = {'default': env.db()}\n"],
    ['decouple without defaults', "SECRET_KEY = config('SECRET_KEY')\nALLOWED_HOSTS = config('ALLOWED_HOSTS', cast=Csv())\nDATABASES = {'default': dj_database_url.config()}\n"],
  ])('%s: no weak key, empty hosts or missing database', async (_name, body) => {
    expect(summary(await findings(`DEBUG = False\n${body}`))).toEqual([]);
  });

  it('is neither a settings error nor a blind spot', async () => {
    const root = settingsProject(`${HEADER}DEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = env.list('ALLOWED_HOSTS')\nDATABASES = {'default': env.db()}\n`);
    const result = await runCheck({ root, only: ['django/settings-error', 'django/setting-unknown'] });
    expect(result.findings).toEqual([]);
  });

  it('inside try/except is a fallback: the except value is judged, with confidence default', async () => {
    const body = "DEBUG = False\nALLOWED_HOSTS = ['example.com']\ntry:\n    SECRET_KEY = os.environ['SECRET_KEY']\nexcept KeyError:\n    SECRET_KEY = 'dev-only'\n";
    const [finding, ...rest] = await findings(body);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'django/secret-key-committed', django: 'security.W009', confidence: 'default' });
    expect(finding!.message).toContain('when SECRET_KEY is unset');
  });

  it('still reports the same values when production sets them empty', async () => {
    const body = "DEBUG = False\nSECRET_KEY = os.environ.get('SECRET_KEY', '')\nALLOWED_HOSTS = [h for h in os.environ.get('ALLOWED_HOSTS', '').split(',') if h]\n";
    expect(summary(await findings(body, { envProduction: 'SECRET_KEY=\nALLOWED_HOSTS=\n' }))).toEqual([
      'django/allowed-hosts-empty certain',
      'django/secret-key-weak certain',
    ]);
  });

  it('still reports an empty DATABASES entry written in the code', async () => {
    expect(summary(await findings("DEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nDATABASES = {'default': {}}\n"))).toEqual([
      'django/database-not-configured certain',
    ]);
  });
});

const WEAK_FALLBACK = 'django-insecure-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH';
const STRONG_FALLBACK = 'p4Wq9z!Lr2#Xv7Km0Tb8Ns3Hd6Fj1Gc5Ye_Ua+Ri=Oo-Ew^Qt&';

describe('a fail-open default is reported with confidence default, for every critical setting', () => {
  it.each([
    ['os.environ.get', `SECRET_KEY = os.environ.get('SECRET_KEY', '${WEAK_FALLBACK}')`],
    ['django-environ', `SECRET_KEY = env('SECRET_KEY', default='${WEAK_FALLBACK}')`],
    ['decouple', `SECRET_KEY = config('SECRET_KEY', default='${WEAK_FALLBACK}')`],
  ])('SECRET_KEY: a weak committed fallback (%s) is one committed-key finding with W009', async (_name, line) => {
    const list = await findings(`DEBUG = False\nALLOWED_HOSTS = ['example.com']\n${line}\n`);
    expect(summary(list)).toEqual(['django/secret-key-committed default']);
    expect(list[0]).toMatchObject({ severity: 'critical', django: 'security.W009' });
    expect(list[0]!.message).toContain('falls back to a key written in the code when SECRET_KEY is unset');
    expect(list[0]!.message).toContain("starts with 'django-insecure-'");
    expect(JSON.stringify(list[0])).not.toContain(WEAK_FALLBACK);
  });

  it('SECRET_KEY: a strong committed fallback is still committed, without W009; a set variable leaves a medium finding', async () => {
    const body = `DEBUG = False\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = os.environ.get('SECRET_KEY', '${STRONG_FALLBACK}')\n`;
    const [finding] = await findings(body);
    expect(finding).toMatchObject({ rule: 'django/secret-key-committed', confidence: 'default', severity: 'critical' });
    expect(finding!.django).toBeUndefined();
    const whenSet = await findings(body, { set: { SECRET_KEY: STRONG_FALLBACK.split('').reverse().join('') } });
    expect(whenSet.map((item) => `${item.rule} ${item.severity} ${item.confidence}`)).toEqual(['django/secret-key-committed medium default']);
  });

  it.each([
    ['os.environ.get', "ALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', '*').split(',')"],
    ['django-environ', "ALLOWED_HOSTS = env.list('ALLOWED_HOSTS', default=['*'])"],
    ['decouple', "ALLOWED_HOSTS = config('ALLOWED_HOSTS', default='*', cast=Csv())"],
  ])("ALLOWED_HOSTS: a '*' fallback (%s) is a wildcard finding that says it is the fallback", async (_name, line) => {
    const body = `DEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\n${line}\n`;
    const [finding, ...rest] = await findings(body);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'django/allowed-hosts-wildcard', confidence: 'default' });
    expect(finding!.message).toContain('ALLOWED_HOSTS is unset and the code falls back to it');
    // Set, the fallback still fails open: like a fallback key, a medium finding with confidence default.
    const whenSet = await findings(body, { set: { ALLOWED_HOSTS: 'example.com' } });
    expect(whenSet.map((item) => `${item.rule} ${item.severity} ${item.confidence}`)).toEqual(['django/allowed-hosts-wildcard medium default']);
    expect(whenSet[0]!.message).toBe("ALLOWED_HOSTS falls back to '*' when ALLOWED_HOSTS is unset: production sets it now (--set), but a missing variable would make Django accept any Host header");
  });

  it("ALLOWED_HOSTS: a set variable whose fallback is not '*' is no finding, nor one set by the platform without a value", async () => {
    const body = "DEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', 'localhost').split(',')\n";
    expect(await findings(body, { set: { ALLOWED_HOSTS: 'example.com' } })).toEqual([]);
    const root = settingsProject(`${HEADER}DEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = [h.strip() for h in os.environ.get('ALLOWED_HOSTS', '*').split(',')]\n`, {
      'render.yaml': 'services:\n  - type: web\n    name: site\n    startCommand: gunicorn mysite.wsgi\n    envVars:\n      - key: ALLOWED_HOSTS\n        sync: false\n',
    });
    const result = await runCheck({ root, only: RULES });
    expect(result.findings.map((item) => `${item.rule} ${item.severity} ${item.confidence}`)).toEqual(['django/allowed-hosts-wildcard medium default']);
    expect(result.findings[0]!.message).toMatch(/production sets it now \(render\.yaml/);
  });

  it.each([
    ['dj_database_url.config', "DATABASES = {'default': dj_database_url.config(default='sqlite:///db.sqlite3')}"],
    ['env.db', "DATABASES = {'default': env.db(default='sqlite:///db.sqlite3')}"],
    ['dj_database_url.parse', "DATABASES = {'default': dj_database_url.parse(os.environ.get('DATABASE_URL', 'sqlite:///db.sqlite3'))}"],
  ])('DATABASES: a SQLite fallback (%s) is a sqlite finding with confidence default', async (_name, line) => {
    const body = `DEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\n${line}\n`;
    const [finding, ...rest] = await findings(body);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'django/sqlite-in-production', confidence: 'default' });
    expect(finding!.message).toContain('DATABASE_URL is unset and the code falls back to SQLite');
    expect(await findings(body, { set: { DATABASE_URL: 'postgres://u:p@db:5432/app' } })).toEqual([]);
  });

  it.each([
    ['${SECRET_KEY:-change-me-before-going-live}', true],
    ['${DJANGO_KEY-change-me-before-going-live}', true],
    ['${SECRET_KEY}', false],
    ['${SECRET_KEY:-}', false],
    ['${SECRET_KEY:?set the key}', false],
  ])('SECRET_KEY: a compose host default %s is a committed key of the compose file', async (value, reported) => {
    const compose = `services:\n  web:\n    build: .\n    command: gunicorn mysite.wsgi\n    environment:\n      SECRET_KEY: ${value}\n`;
    const root = settingsProject(`${HEADER}DEBUG = False\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = os.environ['SECRET_KEY']\n`, { 'docker-compose.yml': compose });
    const result = await runCheck({ root, only: RULES });
    expect(result.errors).toEqual([]);
    if (!reported) {
      expect(result.findings).toEqual([]);
      return;
    }
    expect(result.findings.map((item) => `${item.rule} ${item.severity} ${item.confidence}`)).toEqual(['django/secret-key-committed medium default']);
    expect(result.findings[0]).toMatchObject({ location: { file: 'docker-compose.yml', line: 6 } });
    expect(result.findings[0]!.message).toBe(
      'SECRET_KEY comes from the variable SECRET_KEY, whose default in docker-compose.yml is a key written there: a host that leaves it unset runs the site with the published key',
    );
    expect(JSON.stringify(result.findings[0])).not.toContain('change-me-before-going-live');
  });

  it('a fallback key under a set variable never caps the grade', async () => {
    const root = settingsProject(`${HEADER}DEBUG = False\nALLOWED_HOSTS = ['example.com']\nSECRET_KEY = os.environ.get('SECRET_KEY', '${STRONG_FALLBACK}')\n`);
    const result = await runCheck({ root, only: RULES, set: { SECRET_KEY: STRONG_FALLBACK.split('').reverse().join('') } });
    expect(result.grade.caps).toEqual([]);
    expect(result.grade.deductions).toEqual([expect.objectContaining({ rule: 'django/secret-key-committed', points: 4 })]);
  });

  it('DEBUG: a True fallback is django/debug with confidence default, and counts half in the grade', async () => {
    const root = settingsProject(`${HEADER}DEBUG = env.bool('DEBUG', default=True)\nSECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\n`);
    const result = await runCheck({ root, only: RULES });
    expect(summary(result.findings)).toEqual(['django/debug default']);
    expect(result.grade.deductions).toEqual([expect.objectContaining({ rule: 'django/debug', points: 20 })]);
  });
});
