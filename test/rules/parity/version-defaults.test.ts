/**
 * Rules that read Django's defaults follow the pinned Django version: the same settings module is
 * judged against the global_settings.py of the version requirements.txt pins.
 */
import { describe, expect, it } from 'vitest';
import { CLEAN_SETTINGS, findingsOf } from './project.js';

/** startproject's MIDDLEWARE from 1.11 on, written the 1.x way. */
const OLD_STYLE_MIDDLEWARE = CLEAN_SETTINGS.replace(/^MIDDLEWARE = \[/m, 'MIDDLEWARE_CLASSES = [');

async function ids(rule: string, body: string, django: string): Promise<string[]> {
  return (await findingsOf(rule, body, { django })).map((finding) => finding.rule);
}

describe('django/nosniff-off follows the 3.0 default change', () => {
  it('reports an unset SECURE_CONTENT_TYPE_NOSNIFF on 2.2 (default False) with the default named', async () => {
    const [finding, ...rest] = await findingsOf('django/nosniff-off', CLEAN_SETTINGS, { django: '2.2.28' });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ django: 'security.W006', confidence: 'certain' });
    expect(finding!.message).toContain("unset, so Django's default False applies");
  });

  it('does not report it on 3.0 and 3.2 (default True)', async () => {
    expect(await ids('django/nosniff-off', CLEAN_SETTINGS, '3.0')).toEqual([]);
    expect(await ids('django/nosniff-off', CLEAN_SETTINGS, '3.2.25')).toEqual([]);
  });
});

describe('django/x-frame-options-not-deny follows the 3.0 default change', () => {
  it("reports the 'SAMEORIGIN' default on 2.2 only", async () => {
    const [finding] = await findingsOf('django/x-frame-options-not-deny', CLEAN_SETTINGS, { django: '2.2' });
    expect(finding!.message).toContain("Django's default 'SAMEORIGIN'");
    expect(await ids('django/x-frame-options-not-deny', CLEAN_SETTINGS, '3.0')).toEqual([]);
  });
});

describe('django/referrer-policy-missing follows 3.0 (setting added, None) and 3.1 (same-origin)', () => {
  it('reports the None default on 3.0 and nothing on 3.1', async () => {
    const [finding] = await findingsOf('django/referrer-policy-missing', CLEAN_SETTINGS, { django: '3.0.14' });
    expect(finding).toMatchObject({ django: 'security.W022' });
    expect(finding!.message).toContain("Django's default None");
    expect(await ids('django/referrer-policy-missing', CLEAN_SETTINGS, '3.1')).toEqual([]);
  });

  it('reports on 2.2, where Django cannot send the header, unless a referrer-policy middleware does', async () => {
    const [finding] = await findingsOf('django/referrer-policy-missing', CLEAN_SETTINGS, { django: '2.2' });
    expect(finding!.message).toContain('Django 2.2 has no SECURE_REFERRER_POLICY');
    const withMiddleware = CLEAN_SETTINGS.replace(
      "'django.middleware.security.SecurityMiddleware',",
      "'django.middleware.security.SecurityMiddleware',\n    'django_referrer_policy.middleware.ReferrerPolicyMiddleware',",
    );
    expect(await ids('django/referrer-policy-missing', withMiddleware, '2.2')).toEqual([]);
  });
});

describe('django/cookie-samesite-none before 2.1', () => {
  it('reports once on 2.0, where the cookies cannot carry SameSite, and not on 2.1', async () => {
    const [finding, ...rest] = await findingsOf('django/cookie-samesite-none', CLEAN_SETTINGS, { django: '2.0' });
    expect(rest).toEqual([]);
    expect(finding!.message).toContain('came in 2.1');
    expect(await ids('django/cookie-samesite-none', CLEAN_SETTINGS, '2.1')).toEqual([]);
  });
});

describe("SameSite 'None' before 3.1", () => {
  const body = `${CLEAN_SETTINGS}SESSION_COOKIE_SAMESITE = 'None'\n`;
  it('raises ValueError on 3.0 (high) and sends the cookie cross-site on 3.1 (medium)', async () => {
    const [old] = await findingsOf('django/cookie-samesite-none', body, { django: '3.0' });
    expect(old).toMatchObject({ severity: 'high' });
    expect(old!.message).toContain("'None' came in 3.1");
    const [current] = await findingsOf('django/cookie-samesite-none', body, { django: '3.1' });
    expect(current).toMatchObject({ severity: 'medium' });
    expect(current!.message).toContain('sent with every cross-site request');
  });
});

describe('django/referrer-policy-invalid exists from 3.0', () => {
  const body = `${CLEAN_SETTINGS}SECURE_REFERRER_POLICY = 'bogus'\n`;
  it('reports on 3.0 and not on 2.2, where the setting does nothing', async () => {
    expect(await ids('django/referrer-policy-invalid', body, '3.0')).toEqual(['django/referrer-policy-invalid']);
    expect(await ids('django/referrer-policy-invalid', body, '2.2')).toEqual([]);
  });
});

describe('MIDDLEWARE_CLASSES on 1.11', () => {
  it('reads the old-style list when MIDDLEWARE is left at its None default', async () => {
    for (const rule of ['django/security-middleware-missing', 'django/csrf-middleware-missing', 'django/clickjacking-middleware-missing']) {
      expect(await ids(rule, OLD_STYLE_MIDDLEWARE, '1.11.29'), rule).toEqual([]);
    }
    // 1.11's defaults: nosniff off, X-Frame-Options SAMEORIGIN, both through the MIDDLEWARE_CLASSES middleware.
    expect(await ids('django/nosniff-off', OLD_STYLE_MIDDLEWARE, '1.11')).toEqual(['django/nosniff-off']);
    expect(await ids('django/x-frame-options-not-deny', OLD_STYLE_MIDDLEWARE, '1.11')).toEqual(['django/x-frame-options-not-deny']);
  });

  it('names MIDDLEWARE_CLASSES when the middleware is missing from it', async () => {
    const body = OLD_STYLE_MIDDLEWARE.replace("    'django.middleware.security.SecurityMiddleware',\n", '');
    const [finding] = await findingsOf('django/security-middleware-missing', body, { django: '1.11' });
    expect(finding!.message).toMatch(/^MIDDLEWARE_CLASSES does not contain/);
    // Django 1.11 has no SECURE_REFERRER_POLICY to be without effect.
    expect(finding!.message).not.toContain('SECURE_REFERRER_POLICY');
    expect(finding!.message).toContain('SECURE_BROWSER_XSS_FILTER');
  });

  it('ignores MIDDLEWARE_CLASSES from 2.0 on, as Django does', async () => {
    expect(await ids('django/security-middleware-missing', OLD_STYLE_MIDDLEWARE, '2.0')).toEqual(['django/security-middleware-missing']);
  });
});

describe('django/coop-invalid exists from 4.0', () => {
  const body = `${CLEAN_SETTINGS}SECURE_CROSS_ORIGIN_OPENER_POLICY = 'bogus'\n`;
  it('reports an invalid value on 4.0 and not on 3.2', async () => {
    expect(await ids('django/coop-invalid', body, '4.0')).toEqual(['django/coop-invalid']);
    expect(await ids('django/coop-invalid', body, '3.2')).toEqual([]);
  });
});
