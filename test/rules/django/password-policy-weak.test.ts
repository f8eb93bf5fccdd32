import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';

const RULE = 'django/password-policy-weak';
const V = 'django.contrib.auth.password_validation';

describe('django/password-policy-weak', () => {
  it('reports a MinimumLengthValidator below 8, at its min_length', async () => {
    const settings = `AUTH_PASSWORD_VALIDATORS = [\n    {'NAME': '${V}.MinimumLengthValidator',\n     'OPTIONS': {\n         'min_length': 4,\n     }},\n]\n`;
    const findings = await findingsOf(RULE, settingsProject(settings));
    expect(findings).toHaveLength(1);
    expect(at(findings[0])).toBe('mysite/settings.py:4');
    expect(findings[0]!.message).toBe("MinimumLengthValidator accepts passwords of 4 characters (Django's default is 8)");
  });

  it('reports an empty list and a list of built-ins without a length check', async () => {
    const [empty] = await findingsOf(RULE, settingsProject('AUTH_PASSWORD_VALIDATORS = []\n'));
    expect(empty!.message).toContain('is empty');
    const [numeric] = await findingsOf(RULE, settingsProject(`AUTH_PASSWORD_VALIDATORS = [{'NAME': '${V}.NumericPasswordValidator'}]\n`));
    expect(numeric!.message).toContain('has no MinimumLengthValidator');
  });

  it('does not report the default length, a longer one, a validator of the project, or a project that never sets the list', async () => {
    const standard = `AUTH_PASSWORD_VALIDATORS = [{'NAME': '${V}.MinimumLengthValidator'}, {'NAME': '${V}.CommonPasswordValidator'}]\n`;
    expect(await findingsOf(RULE, settingsProject(standard))).toEqual([]);
    const longer = `AUTH_PASSWORD_VALIDATORS = [{'NAME': '${V}.MinimumLengthValidator', 'OPTIONS': {'min_length': 12}}]\n`;
    expect(await findingsOf(RULE, settingsProject(longer))).toEqual([]);
    expect(await findingsOf(RULE, settingsProject("AUTH_PASSWORD_VALIDATORS = [{'NAME': 'accounts.validators.PassphraseValidator'}]\n"))).toEqual([]);
    expect(await findingsOf(RULE, settingsProject('DEBUG = False\n'))).toEqual([]);
  });
});
