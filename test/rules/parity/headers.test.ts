import { describe, expect, it } from 'vitest';
import { CLEAN_SETTINGS, expectDjangoFinding, SETTINGS_FILE, findingsOf, lineOf } from './project.js';

/** CLEAN_SETTINGS with one assignment replaced (or removed when `line` is empty). */
const withLine = (name: string, line: string): string =>
  CLEAN_SETTINGS.replace(new RegExp(`^${name} = .*\\n`, 'm'), line ? `${line}\n` : '');

const noSecurityMiddleware = (body: string): string => body.replace("    'django.middleware.security.SecurityMiddleware',\n", '');

describe('django/hsts-missing (security.W004)', () => {
  it('fires at the top of the settings module when SECURE_HSTS_SECONDS is unset', async () => {
    const [finding, ...rest] = await findingsOf('django/hsts-missing', withLine('SECURE_HSTS_SECONDS', ''));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ django: 'security.W004', severity: 'medium', confidence: 'certain', location: { file: SETTINGS_FILE, line: 1 } });
    expect(finding!.message).toContain('SECURE_HSTS_SECONDS is unset');
  });

  it('fires at the assignment when it is 0', async () => {
    const body = withLine('SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = 0');
    const [finding] = await findingsOf('django/hsts-missing', body);
    expect(finding!.location).toMatchObject({ line: lineOf(body, 'SECURE_HSTS_SECONDS = 0') });
  });

  it('is fail-open (confidence default) when the env variable is unset and the code defaults to 0', async () => {
    const body = `import os\n${withLine('SECURE_HSTS_SECONDS', "SECURE_HSTS_SECONDS = int(os.environ.get('HSTS_SECONDS', 0))")}`;
    const [finding] = await findingsOf('django/hsts-missing', body);
    expect(finding).toMatchObject({ confidence: 'default' });
    expect(finding!.message).toContain('HSTS_SECONDS');
  });

  it('does not fire with any non-zero value (Django has no minimum), nor without SecurityMiddleware', async () => {
    expect(await findingsOf('django/hsts-missing', withLine('SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = 60'))).toEqual([]);
    expect(await findingsOf('django/hsts-missing', noSecurityMiddleware(withLine('SECURE_HSTS_SECONDS', '')))).toEqual([]);
  });

  it('does not fire when the value cannot be evaluated', async () => {
    const body = `from mysite.hsts import compute\n${withLine('SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = compute()')}`;
    expect(await findingsOf('django/hsts-missing', body)).toEqual([]);
  });
});

describe('django/hsts-subdomains (security.W005) and django/hsts-preload (security.W021)', () => {
  it('fires when HSTS is on and the flags are unset', async () => {
    const body = withLine('SECURE_HSTS_PRELOAD', '').replace('SECURE_HSTS_INCLUDE_SUBDOMAINS = True\n', '');
    const [subdomains] = await findingsOf('django/hsts-subdomains', body);
    const [preload] = await findingsOf('django/hsts-preload', body);
    expect(subdomains).toMatchObject({ django: 'security.W005', severity: 'low', location: { line: 1 } });
    expect(preload).toMatchObject({ django: 'security.W021', severity: 'low', location: { line: 1 } });
  });

  it("fires for a truthy non-bool (Django tests `is True`, on every version)", async () => {
    const body = withLine('SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = 1');
    const [finding] = await findingsOf('django/hsts-subdomains', body, { django: '3.2' });
    expect(finding!.location).toMatchObject({ line: lineOf(body, 'SECURE_HSTS_INCLUDE_SUBDOMAINS = 1') });
    expect(finding!.message).toContain('boolean True');
  });

  it('does not fire when HSTS is off (W004 covers it) or the flags are True', async () => {
    const off = withLine('SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = 0').replace('SECURE_HSTS_PRELOAD = True\n', '');
    expect(await findingsOf('django/hsts-preload', off)).toEqual([]);
    expect(await findingsOf('django/hsts-subdomains', CLEAN_SETTINGS)).toEqual([]);
    expect(await findingsOf('django/hsts-preload', CLEAN_SETTINGS)).toEqual([]);
  });
});

/** Checks that fire on one appended assignment and stay quiet on CLEAN_SETTINGS, where the setting is unset. */
const SINGLE_ASSIGNMENT_CHECKS = [
  { rule: 'django/nosniff-off', django: 'security.W006', severity: 'medium', setting: 'SECURE_CONTENT_TYPE_NOSNIFF', value: 'False', fires: 'fires when SECURE_CONTENT_TYPE_NOSNIFF is False', quiet: 'does not fire when it is unset (the default is True)' },
  { rule: 'django/referrer-policy-missing', django: 'security.W022', severity: 'low', setting: 'SECURE_REFERRER_POLICY', value: 'None', fires: 'fires on an explicit None', quiet: "does not fire when unset (default 'same-origin')" },
];

for (const { rule, django, severity, setting, value, fires, quiet } of SINGLE_ASSIGNMENT_CHECKS) {
  describe(`${rule} (${django})`, () => {
    it(fires, async () => {
      await expectDjangoFinding(rule, `${CLEAN_SETTINGS}${setting} = ${value}\n`, django, severity, setting);
    });

    it(quiet, async () => {
      expect(await findingsOf(rule, CLEAN_SETTINGS)).toEqual([]);
    });
  });
}

describe('django/ssl-redirect-off (security.W008)', () => {
  it("fires for the string 'True'", async () => {
    const body = withLine('SECURE_SSL_REDIRECT', "SECURE_SSL_REDIRECT = 'True'");
    await expectDjangoFinding('django/ssl-redirect-off', body, 'security.W008', 'medium', 'SECURE_SSL_REDIRECT');
  });

  it('is info, keeping its Django id, when the platform redirects HTTP to HTTPS (fly.toml force_https, App Engine secure: always)', async () => {
    const flyToml = 'app = "mysite"\n\n[http_service]\n  internal_port = 8000\n  force_https = true\n';
    const [finding, ...rest] = await findingsOf('django/ssl-redirect-off', withLine('SECURE_SSL_REDIRECT', ''), { files: { 'fly.toml': flyToml } });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ django: 'security.W008', severity: 'info', location: { file: SETTINGS_FILE, line: 1 } });
    expect(finding!.message).toContain('the platform redirects HTTP to HTTPS before it reaches Django (fly.toml)');
    expect(finding!.related).toContainEqual({ location: { file: 'fly.toml', line: 5, column: 3 }, message: 'fly.toml redirects HTTP to HTTPS' });

    const appYaml = 'runtime: python312\nhandlers:\n  - url: /.*\n    secure: always\n    script: auto\n';
    const [gae] = await findingsOf('django/ssl-redirect-off', withLine('SECURE_SSL_REDIRECT', ''), { files: { 'app.yaml': appYaml } });
    expect(gae).toMatchObject({ severity: 'info', related: [{ location: { file: 'app.yaml', line: 4 } }] });

    const notForced = flyToml.replace('force_https = true', 'force_https = false');
    const [medium] = await findingsOf('django/ssl-redirect-off', withLine('SECURE_SSL_REDIRECT', ''), { files: { 'fly.toml': notForced } });
    expect(medium).toMatchObject({ severity: 'medium' });
  });

  it('fires when unset, and not when True', async () => {
    expect(await findingsOf('django/ssl-redirect-off', withLine('SECURE_SSL_REDIRECT', ''))).toHaveLength(1);
    expect(await findingsOf('django/ssl-redirect-off', CLEAN_SETTINGS)).toEqual([]);
  });
});

describe('django/x-frame-options-not-deny (security.W019)', () => {
  it("fires for 'SAMEORIGIN' and, case-sensitively, for 'deny'", async () => {
    for (const value of ['SAMEORIGIN', 'deny']) {
      const body = `${CLEAN_SETTINGS}X_FRAME_OPTIONS = '${value}'\n`;
      await expectDjangoFinding('django/x-frame-options-not-deny', body, 'security.W019', 'low', 'X_FRAME_OPTIONS');
    }
  });

  it("does not fire for 'DENY', the default, or without XFrameOptionsMiddleware", async () => {
    expect(await findingsOf('django/x-frame-options-not-deny', `${CLEAN_SETTINGS}X_FRAME_OPTIONS = 'DENY'\n`)).toEqual([]);
    expect(await findingsOf('django/x-frame-options-not-deny', CLEAN_SETTINGS)).toEqual([]);
    const noXfo = CLEAN_SETTINGS.replace("    'django.middleware.clickjacking.XFrameOptionsMiddleware',\n", '');
    expect(await findingsOf('django/x-frame-options-not-deny', `${noXfo}X_FRAME_OPTIONS = 'SAMEORIGIN'\n`)).toEqual([]);
  });
});

describe('django/referrer-policy-invalid (security.E023)', () => {
  it('fires for a comma list with one bad token and names only that token', async () => {
    const body = `${CLEAN_SETTINGS}SECURE_REFERRER_POLICY = 'same-origin, strict-origin-when-crossorigin'\n`;
    const finding = await expectDjangoFinding('django/referrer-policy-invalid', body, 'security.E023', 'medium', 'SECURE_REFERRER_POLICY');
    expect(finding!.message).toContain("'strict-origin-when-crossorigin'");
    expect(finding!.message).not.toContain("'same-origin' is not");
  });

  it('accepts a valid comma list with spaces and a valid list', async () => {
    const comma = `${CLEAN_SETTINGS}SECURE_REFERRER_POLICY = 'no-referrer , strict-origin-when-cross-origin'\n`;
    const list = `${CLEAN_SETTINGS}SECURE_REFERRER_POLICY = ['no-referrer', 'same-origin']\n`;
    expect(await findingsOf('django/referrer-policy-invalid', comma)).toEqual([]);
    expect(await findingsOf('django/referrer-policy-invalid', list)).toEqual([]);
  });

  it('takes a list item by item (no splitting), so a comma inside an item is invalid', async () => {
    const body = `${CLEAN_SETTINGS}SECURE_REFERRER_POLICY = ['no-referrer, same-origin']\n`;
    expect(await findingsOf('django/referrer-policy-invalid', body)).toHaveLength(1);
  });
});

describe('django/coop-invalid (security.E024)', () => {
  const body = `${CLEAN_SETTINGS}SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same-origin-allow-popup'\n`;

  it('fires on 4.0+', async () => {
    await expectDjangoFinding('django/coop-invalid', body, 'security.E024', 'medium', 'SECURE_CROSS_ORIGIN_OPENER_POLICY', { django: '4.2' });
  });

  it('does not fire on 3.2 (no such check) nor for a valid value', async () => {
    expect(await findingsOf('django/coop-invalid', body, { django: '3.2' })).toEqual([]);
    const valid = `${CLEAN_SETTINGS}SECURE_CROSS_ORIGIN_OPENER_POLICY = 'unsafe-none'\n`;
    expect(await findingsOf('django/coop-invalid', valid, { django: '5.2' })).toEqual([]);
  });
});
