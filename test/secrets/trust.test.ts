/** Secret findings on real-shaped trees: data files, repeated values, bulk data and development settings. */
import { describe, expect, it } from 'vitest';
import { makeProject } from '../helpers/project.js';
import { runCheck } from '../../src/frameworks.js';
import type { Finding } from '../../src/engine/types.js';
import { isFileLocation } from '../../src/core/location.js';
import { secretFileKind } from '../../src/secrets/files.js';
import { MAX_RELATED } from '../../src/secrets/grouping.js';
import { pathContext } from '../../src/secrets/paths.js';
import type { DjangoProject } from '../../src/project/types.js';
import { developmentSettingsOf } from '../../src/secrets/settings-role.js';
import { scanText } from '../../src/secrets/scanner.js';
import { isCharacterSet, isNonSecretShape } from '../../src/secrets/value-shape.js';

// Every value below is made up for these tests.
const AWS_ID = 'AKIAQ3EGRWZN7KXPL5TD';
const AWS_SECRET = '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';
const STRIPE = 'sk_live_Wq7ZLr2mXn4KvB8tYc3PdH6s';
const RANDOM_40 = 'Gh7kQ2xZpL9mVt4RwN8cBy3FdJ6sKa1UeYo5HiTq';
const PBKDF2 = 'pbkdf2_sha256$600000$Qm3kW9zXtR2pLvN8$Yb4Hc7Jd1Fg5Ks0Lq2Wx6Zv9Nm3Rt8Pe1Ua4Sy7Io0=';
const INSECURE_KEY = 'django-insecure-q2m@x7k!v9#r3t$w8z^p4n&j6b*h5c(l1s+f0d=g)a_e-y';

/** A short random-looking string, different for each seed (no Math.random: reproducible). */
function randomKey(seed: number, length = 40): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let state = seed * 2654435761 + 97;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

async function secretFindings(root: string): Promise<Finding[]> {
  return (await runCheck({ root, only: ['secrets'] })).findings;
}

function where(finding: Finding): string {
  return isFileLocation(finding.location) ? `${finding.location.file}:${finding.location.line}` : '';
}

/** A finding as [rule, severity, file:line]. */
const graded = (finding: Finding): [string, string, string] => [finding.rule, finding.severity, where(finding)];

describe('data files', () => {
  it('report a live provider key in a fixture once, and no random strings or password hashes there', async () => {
    const data = JSON.stringify(
      [
        { model: 'accounts.user', pk: 1, fields: { username: 'ada', password: PBKDF2, api_key: RANDOM_40 } },
        { model: 'storage.bucket', pk: 1, fields: { access_key_id: AWS_ID, secret_access_key: AWS_SECRET } },
      ],
      null,
      2,
    );
    const root = makeProject({ 'shop/tests/fixtures/data.json': data, 'shop/fixtures/users.json': data.replace(/"pk": 1/g, '"pk": 2') });
    const findings = await secretFindings(root);
    expect(findings.map(graded)).toEqual([
      ['secrets/known-format', 'medium', 'shop/fixtures/users.json:16'],
    ]);
    expect(findings[0]!.message).toContain('also in 1 other place');
    expect(findings[0]!.related.map((related) => [isFileLocation(related.location) && related.location.file, related.message])).toEqual([
      ['shop/tests/fixtures/data.json', 'the same value'],
    ]);
  });

  it('report a random string under a secret name outside test data', async () => {
    const root = makeProject({ 'deploy/service.json': JSON.stringify({ api_key: RANDOM_40, password: PBKDF2 }, null, 2) });
    expect((await secretFindings(root)).map((finding) => [finding.rule, where(finding)])).toEqual([['secrets/high-entropy', 'deploy/service.json:2']]);
  });

  it('read CSV, HAR and snapshot files for provider keys only', async () => {
    const root = makeProject({
      'exports/customers.csv': `id,name,api_key,token\n1,ada,${RANDOM_40},${STRIPE}\n2,bob,${randomKey(2)},${randomKey(3)}\n`,
      'recordings/login.har': JSON.stringify({ log: { entries: [{ request: { headers: [{ name: 'Authorization', value: `Bearer ${STRIPE}` }], postData: { text: `token=${RANDOM_40}` } } }] } }),
      'web/__snapshots__/page.test.js.snap': `exports[\`page 1\`] = \`"secret: ${RANDOM_40}"\`;\n`,
    });
    const findings = await secretFindings(root);
    expect(findings.map(graded)).toEqual([['secrets/known-format', 'critical', 'exports/customers.csv:2']]);
    expect(findings[0]!.message).toContain('also in 1 other place');
  });

  it('keep every known format in recorded traffic, but only provider keys in other test data', async () => {
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7'.repeat(2);
    const pem = `-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----`;
    const exchange = `interactions:\n- request:\n    uri: https://deploy:Vq8mZt3xLw@registry.example.com/v2/\n  response:\n    body: {string: '{"private_key": "${pem}"}'}\n`;
    const root = makeProject({ 'tests/cassettes/registry.yaml': exchange, 'tests/fixtures/registry.yaml': exchange });
    const findings = await secretFindings(root);
    expect(findings.map((finding) => [finding.severity, where(finding)])).toEqual([
      ['medium', 'tests/cassettes/registry.yaml:3'],
      ['medium', 'tests/cassettes/registry.yaml:5'],
    ]);
    expect(findings[0]!.message).toContain('captured from a real service');
  });

  it('know test data by its path', () => {
    for (const path of ['spec/fixtures/keys.yml', 'api/specs/auth.json', 'src/__snapshots__/x.snap', 'web/page.test.js.snap', 'app/__fixtures__/x.json']) {
      expect(pathContext(path), path).toBe('test');
    }
    for (const path of ['tests/cassettes/login.yaml', 'app/vcr_cassettes/github.json', 'net/session.har']) expect(pathContext(path), path).toBe('recording');
    expect(pathContext('inspector/config.json')).toBeUndefined();
    expect(pathContext('respect/settings.py')).toBeUndefined();
    expect(secretFileKind('data/export.csv')).toBe('data');
    expect(secretFileKind('net/session.har')).toBe('json');
    for (const lock of ['deno.lock', 'web/packages.lock.json', 'pnpm-lock.yaml', 'go.sum', 'flake.lock', 'bun.lock']) expect(secretFileKind(lock), lock).toBeUndefined();
    expect(secretFileKind('config/lockout.json')).toBe('json');
  });
});

describe('bulk data', () => {
  const files = (dir: string, count: number, value: (i: number) => Record<string, string>): Record<string, string> =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`${dir}/entity-${i}.json`, JSON.stringify(value(i), null, 2)]));

  it('500 JSON files of random keys in a data directory make a bounded report', async () => {
    const keys = (i: number) => ({ key: randomKey(i), secret: randomKey(i + 1000), token: randomKey(i + 2000, 32) });
    const root = makeProject({ ...files('datastore/keys', 500, keys), ...files('shop/fixtures/keys', 500, keys) });
    const findings = await secretFindings(root);
    expect(findings.length).toBeLessThanOrEqual(3);
    expect(findings.map((finding) => [finding.rule, where(finding)])).toEqual([['secrets/high-entropy', 'datastore/keys/entity-0.json:2']]);
    expect(findings[0]!.message).toMatch(/1499 more values in 499 more files of datastore\/keys\/ look like secrets/);
    expect(findings[0]!.related).toHaveLength(MAX_RELATED);
  });

  it('one live key copied into 500 files is one finding that counts the copies', async () => {
    const root = makeProject(files('seed', 500, (i) => ({ name: `shop-${i}`, stripe_key: STRIPE })));
    const findings = await secretFindings(root);
    expect(findings.map(graded)).toEqual([['secrets/known-format', 'critical', 'seed/entity-0.json:3']]);
    expect(findings[0]!.message).toContain('also in 499 other places');
    expect(findings[0]!.related).toHaveLength(MAX_RELATED);
  });

  it('a few files of secrets in one directory stay one finding per file, each value once', async () => {
    const root = makeProject({
      ...files('conf', 3, (i) => ({ api_token: randomKey(i), webhook_secret: randomKey(i + 50) })),
      'conf/z-copy.json': JSON.stringify({ api_token: randomKey(0) }),
    });
    const findings = await secretFindings(root);
    expect(findings.map(where).sort()).toEqual(['conf/entity-0.json:2', 'conf/entity-1.json:2', 'conf/entity-2.json:2']);
    const first = findings.find((finding) => where(finding) === 'conf/entity-0.json:2')!;
    expect(first.message).toContain('also in 1 other place');
    expect(first.message).toContain('1 more value in this file looks like a secret too (webhook_secret)');
  });
});

describe('values that are not secrets', () => {
  it.each([
    ['$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW', 'password'],
    ['$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$Yb4Hc7Jd1Fg5Ks0Lq2Wx6Zv9Nm3Rt8Pe', 'password_hash'],
    ['argon2$argon2id$v=19$m=102400,t=2,p=8$Qm3kW9zXtR2p$Yb4Hc7Jd1Fg5Ks0Lq2Wx6Z', 'password'],
    ['bcrypt$$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW', 'password'],
    ['sha1$Qm3kW9zX$2d4b6f8a0c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d', 'password'],
    ['md5$Qm3kW9zX$9f1a3c5e7b9d2d4b6f8a0c1e3b5d7f9a', 'password'],
    ['$6$rounds=5000$Qm3kW9zX$Yb4Hc7Jd1Fg5Ks0Lq2Wx6Zv9Nm3Rt8Pe1Ua4Sy7Io0', 'root_password'],
    ['abcdefghijklmnopqrstuvwxyz0123456789', 'TOKEN_ALPHABET_VALUE'],
    ['ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 'INVITE_TOKEN_SET'],
    ['abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)', 'SECRET_KEY_ALPHABET'],
    ['0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_', 'token_symbols'],
    ['word-2016-word', 'registry_key'],
    ['shop_media_eu_west_1_assets', 'storage_key'],
    ['user:%(id)s:profile', 'PROFILE_CACHE_KEY_V2'],
    ['{}:{}:session', 'session_key'],
    ['54306027-9924-4807-b955-72b85d3ccef4', 'translation_key'],
    ['sha512-Yb4Hc7Jd1Fg5Ks0Lq2Wx6Zv9Nm3Rt8Pe1Ua4Sy7Io0Qm3kW9zXtR2pLvN8Hc7Jd1Fg5Ks0Lq2Wx6Zv9Nm3Rt8Pe1Ua4Sy7Io0Q==', 'integrity_key'],
    ['data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk', 'avatar_key'],
    ['iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk', 'thumbnail_key'],
  ])('%s under %s', (value, name) => expect(isNonSecretShape(value, name)).toBe(true));

  it.each([
    ['54306027-9924-4807-b955-72b85d3ccef4', 'HEROKU_API_KEY'],
    ['54306027-9924-4807-b955-72b85d3ccef4', 'WEBHOOK_SECRET'],
    [RANDOM_40, 'api_key'],
    ['k9x2-Pq7v-Lm3z-Wt8r', 'LICENSE_KEY'],
    ['hunter2-Qx9!zP', 'DB_PASSWORD'],
  ])('%s under %s is credential-shaped', (value, name) => expect(isNonSecretShape(value, name)).toBe(false));

  it('tells alphabets from random strings', () => {
    expect(isCharacterSet('ABCDEFGHJKLMNPQRSTUVWXYZ23456789')).toBe(true);
    expect(isCharacterSet(RANDOM_40)).toBe(false);
    expect(isCharacterSet('abcdefghi')).toBe(false);
  });

  it('leave the same values out of a settings module scan', () => {
    const text = [
      `ADMIN_PASSWORD_HASH = '${PBKDF2}'`,
      "CODE_ALPHABET_TOKEN = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'",
      "FEED_CACHE_KEY = 'feed:%(user)s:{page}'",
      `API_TOKEN = '${RANDOM_40}'`,
    ].join('\n');
    expect(scanText(text, 'shop/conf.py').map((hit) => `${hit.location.line} ${hit.name}`)).toEqual(['4 API_TOKEN']);
  });
});

describe('keys in settings modules production does not use', () => {
  const manage = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.local')\n";
  const wsgi = "import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.production')\napplication = get_wsgi_application()\n";
  const base = "DEBUG = False\nALLOWED_HOSTS = ['shop.example.com']\n";
  const project = (production: string, extra: Record<string, string> = {}): Record<string, string> => ({
    'manage.py': manage,
    'Procfile': 'web: gunicorn config.wsgi\n',
    'config/__init__.py': '',
    'config/wsgi.py': wsgi,
    'config/settings/__init__.py': '',
    'config/settings/base.py': base,
    'config/settings/production.py': production,
    'config/settings/local.py': `from .base import *\nDEBUG = True\nSECRET_KEY = '${INSECURE_KEY}'\nSTRIPE_API_KEY = '${STRIPE}'\nGITHUB_WEBHOOK_SECRET = '${RANDOM_40}'\n`,
    ...extra,
  });

  it('report the development key at low severity, and a live provider key there as critical', async () => {
    const findings = await secretFindings(makeProject(project("import os\nfrom .base import *\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n")));
    expect(findings.map(graded)).toEqual([
      ['secrets/known-format', 'low', 'config/settings/local.py:3'],
      ['secrets/known-format', 'critical', 'config/settings/local.py:4'],
      ['secrets/high-entropy', 'low', 'config/settings/local.py:5'],
    ]);
    expect(findings[0]!.message).toContain('production does not use (it runs config.settings.production)');
    expect(findings[1]!.message).not.toContain('production does not use');
  });

  it('leave the key to django/secret-key-committed when production imports the module', async () => {
    const findings = await secretFindings(makeProject(project("from .local import *\nDEBUG = False\n")));
    expect(findings.map(graded)).toEqual([
      ['secrets/known-format', 'critical', 'config/settings/local.py:4'],
      ['secrets/high-entropy', 'high', 'config/settings/local.py:5'],
    ]);
  });

  it('judge by the module name when no project says what production runs', async () => {
    const root = makeProject({
      'service/settings_dev.py': `SECRET_KEY = '${INSECURE_KEY}'\n`,
      'service/dev.py': `SECRET_KEY = '${INSECURE_KEY.replace('q2m', 'r7t')}'\n`,
      'service/keys.py': `SECRET_KEY = '${INSECURE_KEY.replace('q2m', 'z5w')}'\n`,
    });
    const findings = await secretFindings(root);
    expect(findings.map((finding) => [finding.severity, where(finding)])).toEqual([
      ['low', 'service/dev.py:1'],
      ['critical', 'service/keys.py:1'],
      ['low', 'service/settings_dev.py:1'],
    ]);
    expect(findings[0]!.message).toContain('by its name');
  });
});

describe('one finding per secret', () => {
  it('reports a value at its most severe place and lists the others', async () => {
    const key = 'n*73$oe=ymmohra(sn54klvuaoe59w+mhh91b^fji7(u&nq#0=';
    const root = makeProject({
      'shop/tests/test_pay.py': `STRIPE_KEY = '${STRIPE}'\n`,
      'shop/pay.py': `STRIPE_KEY = '${STRIPE}'\n`,
      'Dockerfile': `FROM python:3.12\nENV DJANGO_SECRET_KEY=${key}\n`,
      'shop/signing.py': `SIGNING_KEY = '${key}'\n`,
    });
    const findings = await secretFindings(root);
    expect(findings.map((finding) => [finding.rule, finding.severity, where(finding), finding.related.map((related) => isFileLocation(related.location) && related.location.file)])).toEqual([
      ['secrets/known-format', 'critical', 'Dockerfile:2', ['shop/signing.py']],
      ['secrets/known-format', 'critical', 'shop/pay.py:1', ['shop/tests/test_pay.py']],
    ]);
  });
});

describe('which settings modules production does not use', () => {
  const project = (module: string, files: string[]): DjangoProject => ({ root: '', settings: { module, file: files[0]!, files } }) as unknown as DjangoProject;

  it('knows them from the files the production settings read', () => {
    const role = developmentSettingsOf([project('config.settings.production', ['config/settings/production.py', 'config/settings/base.py'])]);
    const development = { productionModule: 'config.settings.production' };
    expect(role('config/settings/local.py', false)).toEqual(development);
    expect(role('config/settings/staging.py', true)).toEqual(development);
    expect(role('shop/test_settings.py', false)).toEqual(development);
    for (const file of ['config/settings/base.py', 'config/settings/production.py', 'config/settings/__init__.py', 'shop/app_settings.py', 'shop/payments.py', 'config/settings/data.json']) {
      expect(role(file, true), file).toBeUndefined();
    }
  });

  it('counts development and settings-named modules beside a single settings file', () => {
    const role = developmentSettingsOf([project('mysite.settings', ['mysite/settings.py'])]);
    expect(role('mysite/local.py', false)).toEqual({ productionModule: 'mysite.settings' });
    expect(role('mysite/settings_staging.py', false)).toEqual({ productionModule: 'mysite.settings' });
    expect(role('mysite/urls.py', true)).toBeUndefined();
    expect(role('mysite/settings.py', true)).toBeUndefined();
  });

  it('falls back to the module name without evaluated settings', () => {
    const role = developmentSettingsOf([]);
    expect(role('service/dev.py', true)).toEqual({});
    expect(role('settings/local.py', false)).toEqual({});
    expect(role('service/dev.py', false)).toBeUndefined();
    expect(role('service/keys.py', true)).toBeUndefined();
    expect(role('settings/production.py', true)).toBeUndefined();
  });
});

describe('a key production does not fall back to', () => {
  const files = (settings: string): Record<string, string> => ({
    'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_conf.settings')\n",
    'site_conf/__init__.py': '',
    'site_conf/settings.py': settings,
  });
  const settings = `import environ\nenv = environ.Env()\nSECRET_KEY = env('DJANGO_SECRET_KEY', default='${INSECURE_KEY}')\nSIGNING_KEY = '${INSECURE_KEY.replace('q2m', 'k8v')}'\nDEBUG = False\n`;

  it('is low when production sets the variable, and left to django/secret-key-committed when it falls back', async () => {
    const set = makeProject({ ...files(settings), 'Procfile': 'web: gunicorn site_conf.wsgi\n', 'app.json': JSON.stringify({ env: { DJANGO_SECRET_KEY: { generator: 'secret' } } }) });
    const findings = await secretFindings(set);
    expect(findings.map((finding) => [finding.severity, where(finding)])).toEqual([
      ['low', 'site_conf/settings.py:3'],
      ['critical', 'site_conf/settings.py:4'],
    ]);
    expect(findings[0]!.message).toContain('a default production does not fall back to');

    const unset = makeProject(files(settings));
    expect((await secretFindings(unset)).map((finding) => [finding.severity, where(finding)])).toEqual([['critical', 'site_conf/settings.py:4']]);
    const django = (await runCheck({ root: unset, only: ['django/secret-key-committed'] })).findings;
    expect(django.map(where)).toEqual(['site_conf/settings.py:3']);
  });
});
