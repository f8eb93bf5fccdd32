import { describe, expect, it } from 'vitest';
import { CLEAN_SETTINGS, SETTINGS_FILE, findingsOf, lineOf } from './project.js';

const SESSION_APP = "    'django.contrib.sessions',\n";
const SESSION_MIDDLEWARE = "    'django.contrib.sessions.middleware.SessionMiddleware',\n";
const withSecure = (value: string): string => CLEAN_SETTINGS.replace('SESSION_COOKIE_SECURE = True', `SESSION_COOKIE_SECURE = ${value}`);

describe('django/session-cookie-insecure (security.W010/W011/W012)', () => {
  it('reports W012 when both the app and the middleware are in use', async () => {
    const body = withSecure('False');
    const [finding, ...rest] = await findingsOf('django/session-cookie-insecure', body);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      django: 'security.W012',
      severity: 'high',
      confidence: 'certain',
      location: { file: SETTINGS_FILE, line: lineOf(body, 'SESSION_COOKIE_SECURE') },
    });
  });

  it('reports W010 with only the app and W011 with only the middleware', async () => {
    const [appOnly] = await findingsOf('django/session-cookie-insecure', withSecure('False').replace(SESSION_MIDDLEWARE, ''));
    const [middlewareOnly] = await findingsOf('django/session-cookie-insecure', withSecure('False').replace(SESSION_APP, ''));
    expect(appOnly!.django).toBe('security.W010');
    expect(middlewareOnly!.django).toBe('security.W011');
  });

  it('reports nothing with neither the app nor the middleware', async () => {
    const body = withSecure('False').replace(SESSION_APP, '').replace(SESSION_MIDDLEWARE, '');
    expect(await findingsOf('django/session-cookie-insecure', body)).toEqual([]);
  });

  it('SESSION_COOKIE_SECURE = 1 passes on Django 3.2 (truthiness) and fires on 5.2 (`is True`)', async () => {
    const body = withSecure('1');
    expect(await findingsOf('django/session-cookie-insecure', body, { django: '3.2' })).toEqual([]);
    const [finding] = await findingsOf('django/session-cookie-insecure', body, { django: '5.2' });
    expect(finding).toMatchObject({ django: 'security.W012' });
    expect(finding!.message).toContain('boolean True');
  });

  it('fires at the top of the module when SESSION_COOKIE_SECURE is unset (default False)', async () => {
    const body = CLEAN_SETTINGS.replace('SESSION_COOKIE_SECURE = True\n', '');
    const [finding] = await findingsOf('django/session-cookie-insecure', body);
    expect(finding).toMatchObject({ location: { line: 1 } });
    expect(finding!.message).toContain('SESSION_COOKIE_SECURE is unset');
  });

  it('does not fire when True', async () => {
    expect(await findingsOf('django/session-cookie-insecure', CLEAN_SETTINGS)).toEqual([]);
  });
});

describe('django/session-cookie-httponly-off (security.W013/W014/W015)', () => {
  it('reports W015, W013 and W014 like the secure check', async () => {
    const body = `${CLEAN_SETTINGS}SESSION_COOKIE_HTTPONLY = False\n`;
    const [both] = await findingsOf('django/session-cookie-httponly-off', body);
    const [appOnly] = await findingsOf('django/session-cookie-httponly-off', body.replace(SESSION_MIDDLEWARE, ''));
    const [middlewareOnly] = await findingsOf('django/session-cookie-httponly-off', body.replace(SESSION_APP, ''));
    expect(both).toMatchObject({ django: 'security.W015', severity: 'medium', location: { line: lineOf(body, 'SESSION_COOKIE_HTTPONLY') } });
    expect(appOnly!.django).toBe('security.W013');
    expect(middlewareOnly!.django).toBe('security.W014');
  });

  it("'yes' passes on 3.2 and fires on 5.2", async () => {
    const body = `${CLEAN_SETTINGS}SESSION_COOKIE_HTTPONLY = 'yes'\n`;
    expect(await findingsOf('django/session-cookie-httponly-off', body, { django: '3.2' })).toEqual([]);
    expect(await findingsOf('django/session-cookie-httponly-off', body, { django: '5.2' })).toHaveLength(1);
  });

  it('does not fire by default (True)', async () => {
    expect(await findingsOf('django/session-cookie-httponly-off', CLEAN_SETTINGS)).toEqual([]);
  });
});

describe('django/csrf-cookie-insecure (security.W016)', () => {
  const insecure = CLEAN_SETTINGS.replace('CSRF_COOKIE_SECURE = True\n', '');

  it('fires when CSRF_COOKIE_SECURE is unset and CsrfViewMiddleware is on', async () => {
    const [finding] = await findingsOf('django/csrf-cookie-insecure', insecure);
    expect(finding).toMatchObject({ django: 'security.W016', severity: 'high', confidence: 'certain', location: { file: SETTINGS_FILE, line: 1 } });
  });

  it('does not fire with CSRF_USE_SESSIONS or without the middleware', async () => {
    expect(await findingsOf('django/csrf-cookie-insecure', `${insecure}CSRF_USE_SESSIONS = True\n`)).toEqual([]);
    const noCsrf = insecure.replace("    'django.middleware.csrf.CsrfViewMiddleware',\n", '');
    expect(await findingsOf('django/csrf-cookie-insecure', noCsrf)).toEqual([]);
  });

  it("the string 'True' passes on 3.2 and fires on 5.2", async () => {
    const body = CLEAN_SETTINGS.replace('CSRF_COOKIE_SECURE = True', "CSRF_COOKIE_SECURE = 'True'");
    expect(await findingsOf('django/csrf-cookie-insecure', body, { django: '3.2' })).toEqual([]);
    const [finding] = await findingsOf('django/csrf-cookie-insecure', body, { django: '5.2' });
    expect(finding!.location).toMatchObject({ line: lineOf(body, 'CSRF_COOKIE_SECURE') });
  });

  it('is fail-open when the env variable deciding it is unset', async () => {
    const body = `import os\n${CLEAN_SETTINGS.replace('CSRF_COOKIE_SECURE = True', "CSRF_COOKIE_SECURE = os.environ.get('CSRF_SECURE', '') == '1'")}`;
    const [finding] = await findingsOf('django/csrf-cookie-insecure', body);
    expect(finding).toMatchObject({ confidence: 'default' });
    expect(finding!.message).toContain('CSRF_SECURE is unset');
  });
});
