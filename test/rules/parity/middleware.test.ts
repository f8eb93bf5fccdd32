import { describe, expect, it } from 'vitest';
import { CLEAN_SETTINGS, expectDjangoFinding, SETTINGS_FILE, findingsOf, lineOf } from './project.js';

const without = (dotted: string): string => CLEAN_SETTINGS.replace(`    '${dotted}',\n`, '');

describe('django/security-middleware-missing (security.W001)', () => {
  it('fires at MIDDLEWARE and names the 4.0+ settings', async () => {
    const body = without('django.middleware.security.SecurityMiddleware');
    const [finding, ...rest] = await findingsOf('django/security-middleware-missing', body, { django: '5.2' });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      django: 'security.W001',
      severity: 'high',
      confidence: 'certain',
      location: { file: SETTINGS_FILE, line: lineOf(body, 'MIDDLEWARE = [') },
    });
    expect(finding!.message).toContain('SECURE_CROSS_ORIGIN_OPENER_POLICY');
    expect(finding!.message).not.toContain('SECURE_BROWSER_XSS_FILTER');
  });

  it('names SECURE_BROWSER_XSS_FILTER on 3.2, as Django 3.2 does', async () => {
    const body = without('django.middleware.security.SecurityMiddleware');
    const [finding] = await findingsOf('django/security-middleware-missing', body, { django: '3.2' });
    expect(finding!.message).toContain('SECURE_BROWSER_XSS_FILTER');
  });

  it('does not fire when the middleware is listed', async () => {
    expect(await findingsOf('django/security-middleware-missing', CLEAN_SETTINGS)).toEqual([]);
  });

  it('fires for a custom subclass path (exact string match, like Django)', async () => {
    const body = CLEAN_SETTINGS.replace('django.middleware.security.SecurityMiddleware', 'mysite.middleware.MySecurityMiddleware');
    expect(await findingsOf('django/security-middleware-missing', body)).toHaveLength(1);
  });

  it('does not fire when MIDDLEWARE holds an item it cannot evaluate', async () => {
    const body = `import os\n${without('django.middleware.security.SecurityMiddleware')}\nMIDDLEWARE.append(some_function())\n`;
    expect(await findingsOf('django/security-middleware-missing', body)).toEqual([]);
  });
});

describe('django/clickjacking-middleware-missing (security.W002)', () => {
  it('fires when XFrameOptionsMiddleware is missing', async () => {
    const body = without('django.middleware.clickjacking.XFrameOptionsMiddleware');
    await expectDjangoFinding('django/clickjacking-middleware-missing', body, 'security.W002', 'medium', 'MIDDLEWARE = [');
  });

  it('does not fire when it is listed', async () => {
    expect(await findingsOf('django/clickjacking-middleware-missing', CLEAN_SETTINGS)).toEqual([]);
  });
});

describe('django/csrf-middleware-missing (security.W003)', () => {
  it('fires when CsrfViewMiddleware is missing', async () => {
    const body = without('django.middleware.csrf.CsrfViewMiddleware');
    await expectDjangoFinding('django/csrf-middleware-missing', body, 'security.W003', 'high', 'MIDDLEWARE = [');
  });

  it('fires when MIDDLEWARE is unset (Django default []), at the top of the settings module', async () => {
    const [finding] = await findingsOf('django/csrf-middleware-missing', "DEBUG = False\n");
    expect(finding).toMatchObject({ location: { file: SETTINGS_FILE, line: 1 } });
  });

  it('does not fire when it is listed', async () => {
    expect(await findingsOf('django/csrf-middleware-missing', CLEAN_SETTINGS)).toEqual([]);
  });
});
