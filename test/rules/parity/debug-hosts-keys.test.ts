import { describe, expect, it } from 'vitest';
import { CLEAN_SETTINGS, expectDjangoFinding, SETTINGS_FILE, findingsOf, lineOf } from './project.js';

const INSECURE_KEY = 'django-insecure-7k#x2!b9qv0m@w4e$r6t8y*u1i3o5p&a(s)d_f+g=h-j^l';
const STRONG_KEY = 'q8v#2k!zr0w1x-9m@t5b7c(e)3n=4y^p6h&j_u+l$a*s0d%f8g';
const replaceLine = (name: string, line: string): string => CLEAN_SETTINGS.replace(new RegExp(`^${name} = .*$`, 'm'), line);

describe('django/debug (security.W018)', () => {
  it('fires on a literal DEBUG = True, critical and certain', async () => {
    const body = replaceLine('DEBUG', 'DEBUG = True');
    const [finding] = await findingsOf('django/debug', body);
    expect(finding).toMatchObject({
      django: 'security.W018',
      severity: 'critical',
      confidence: 'certain',
      location: { file: SETTINGS_FILE, line: lineOf(body, 'DEBUG = True') },
    });
    expect(finding!.message).toContain('DEBUG is True in production');
  });

  it('fails open: the variable is unset and the code defaults to True', async () => {
    const body = `import os\n${replaceLine('DEBUG', "DEBUG = os.environ.get('DJANGO_DEBUG', 'True') == 'True'")}`;
    const [finding] = await findingsOf('django/debug', body);
    expect(finding).toMatchObject({ confidence: 'default', location: { line: lineOf(body, 'DEBUG = os.environ') } });
    expect(finding!.message).toContain('DJANGO_DEBUG is unset');
  });

  it("names the env file when .env.production turns it on, and explains the 'False' string pitfall", async () => {
    const body = `import os\n${replaceLine('DEBUG', "DEBUG = os.getenv('DJANGO_DEBUG', False)")}`;
    const [finding] = await findingsOf('django/debug', body, { files: { '.env.production': 'DJANGO_DEBUG=False\n' } });
    expect(finding).toMatchObject({ confidence: 'certain' });
    expect(finding!.message).toContain('.env.production');
    expect(finding!.message).toContain('Python treats as true');
    expect(finding!.related.map((note) => note.location)).toContainEqual(expect.objectContaining({ file: '.env.production', line: 1 }));
  });

  it('does not fire when DEBUG is False, or when the environment turns a True default off', async () => {
    expect(await findingsOf('django/debug', CLEAN_SETTINGS)).toEqual([]);
    const body = `import os\n${replaceLine('DEBUG', "DEBUG = os.environ.get('DJANGO_DEBUG', '1') == '1'")}`;
    expect(await findingsOf('django/debug', body, { set: { DJANGO_DEBUG: '0' } })).toEqual([]);
  });
});

describe('django/allowed-hosts-empty (security.W020)', () => {
  it('fires when ALLOWED_HOSTS is empty', async () => {
    const body = replaceLine('ALLOWED_HOSTS', 'ALLOWED_HOSTS = []');
    await expectDjangoFinding('django/allowed-hosts-empty', body, 'security.W020', 'high', 'ALLOWED_HOSTS');
  });

  it("does not fire for ['*'] (Django only checks emptiness)", async () => {
    expect(await findingsOf('django/allowed-hosts-empty', replaceLine('ALLOWED_HOSTS', "ALLOWED_HOSTS = ['*']"))).toEqual([]);
  });
});

describe('django/secret-key-weak (security.W009)', () => {
  it('leaves the startproject django-insecure- literal to django/secret-key-committed, which carries W009, is critical and never prints the key', async () => {
    const body = replaceLine('SECRET_KEY', `SECRET_KEY = '${INSECURE_KEY}'`);
    expect(await findingsOf('django/secret-key-weak', body)).toEqual([]);
    const [finding, ...rest] = await findingsOf('django/secret-key-committed', body);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ django: 'security.W009', severity: 'critical', location: { file: SETTINGS_FILE, line: lineOf(body, 'SECRET_KEY') } });
    expect(finding!.message).toContain('django-insecure-');
    expect(finding!.message).not.toContain(INSECURE_KEY);
    expect(finding!.evidence).not.toContain(INSECURE_KEY.slice(8));
  });

  it('names the weakness of a committed long key with fewer than 5 distinct characters', async () => {
    const [finding] = await findingsOf('django/secret-key-committed', replaceLine('SECRET_KEY', `SECRET_KEY = '${'abcd'.repeat(20)}'`));
    expect(finding).toMatchObject({ django: 'security.W009' });
    expect(finding!.message).toContain('only 4 distinct characters');
  });

  it('is high, not critical, for a short key that comes from the environment', async () => {
    const body = `import os\n${replaceLine('SECRET_KEY', "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']")}`;
    const [finding] = await findingsOf('django/secret-key-weak', body, { files: { '.env.production': 'DJANGO_SECRET_KEY=shortbutrandom7x\n' } });
    expect(finding).toMatchObject({ severity: 'high', confidence: 'certain' });
    expect(finding!.message).toContain('only 16 characters');
  });

  it('fires (high) on a key production sets to the empty string: Django refuses to start', async () => {
    const body = `import os\n${replaceLine('SECRET_KEY', "SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '')")}`;
    const [finding] = await findingsOf('django/secret-key-weak', body, { files: { '.env.production': 'DJANGO_SECRET_KEY=\n' } });
    expect(finding).toMatchObject({ severity: 'high', confidence: 'certain' });
    expect(finding!.message).toContain('refuses to start');
  });

  it('does not fire on a key that is empty only because its variable is unset: production provides it', async () => {
    const body = `import os\n${replaceLine('SECRET_KEY', "SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '')")}`;
    expect(await findingsOf('django/secret-key-weak', body)).toEqual([]);
  });

  it('does not fire for a strong key', async () => {
    expect(await findingsOf('django/secret-key-weak', CLEAN_SETTINGS)).toEqual([]);
  });
});

describe('django/secret-key-fallbacks-weak (security.W025)', () => {
  const body = `${CLEAN_SETTINGS}SECRET_KEY_FALLBACKS = [\n    '${STRONG_KEY}',\n    '${INSECURE_KEY}',\n    'short',\n]\n`;

  it('reports one finding per weak index on 4.1+', async () => {
    const findings = await findingsOf('django/secret-key-fallbacks-weak', body, { django: '5.2' });
    expect(findings.map((finding) => finding.message.slice(0, 'SECRET_KEY_FALLBACKS[1]'.length)).sort()).toEqual([
      'SECRET_KEY_FALLBACKS[1]',
      'SECRET_KEY_FALLBACKS[2]',
    ]);
    for (const finding of findings) {
      expect(finding).toMatchObject({ django: 'security.W025', severity: 'high' });
      expect(finding.message).not.toContain(INSECURE_KEY);
    }
    expect(findings.map((finding) => 'line' in finding.location && finding.location.line).sort()).toEqual([
      lineOf(body, INSECURE_KEY),
      lineOf(body, "'short'"),
    ]);
  });

  it('does not exist before 4.1', async () => {
    expect(await findingsOf('django/secret-key-fallbacks-weak', body, { django: '4.0' })).toEqual([]);
  });
});
