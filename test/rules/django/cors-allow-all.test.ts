import { describe, expect, it } from 'vitest';
import { pythonMatch } from '../../../src/django/cors.js';
import { at, findingsOf, settingsProject } from '../beyond/helpers.js';
import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

const RULE = 'django/cors-allow-all';
const APPS = "INSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = ['corsheaders.middleware.CorsMiddleware']\n";
const API_ONLY = "CORS_URLS_REGEX = r'^/api/.*$'\n";

describe('django/cors-allow-all and CORS_URLS_REGEX', () => {
  it('does not fire on allow-all limited to an API prefix without credentials (a public API)', async () => {
    expect(await findingsOf(RULE, settingsProject(`${APPS}${API_ONLY}CORS_ALLOW_ALL_ORIGINS = True\n`))).toEqual([]);
    const nullOrigin = `${APPS}${API_ONLY}CORS_ALLOWED_ORIGINS = ['null']\nCORS_ALLOW_CREDENTIALS = False\n`;
    expect(await findingsOf(RULE, settingsProject(nullOrigin))).toEqual([]);
  });

  it('does not fire when the regex cannot be followed and credentials are off', async () => {
    const body = `${APPS}from mysite.cors import api_paths\nCORS_URLS_REGEX = api_paths()\nCORS_ALLOW_ALL_ORIGINS = True\n`;
    expect(await findingsOf(RULE, settingsProject(body))).toEqual([]);
  });

  it('is critical with credentials whatever the regex, and says which paths', async () => {
    const root = settingsProject(`${APPS}${API_ONLY}CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n`);
    const [finding, ...rest] = await findingsOf(RULE, root);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'critical', confidence: 'certain' });
    expect(at(finding)).toBe('mysite/settings.py:4');
    expect(finding!.message).toContain("on paths matching CORS_URLS_REGEX '^/api/.*$'");
    expect(finding!.message).toContain("with the user's cookies");
  });

  it('is medium on every path without credentials, whether the regex is unset or matches every page', async () => {
    const [unset] = await findingsOf(RULE, settingsProject(`${APPS}CORS_ALLOW_ALL_ORIGINS = True\n`));
    expect(unset).toMatchObject({ severity: 'medium' });
    expect(unset!.message).toContain('on every path (CORS_URLS_REGEX is unset)');
    expect(unset!.message).toContain('CORS_ALLOW_CREDENTIALS is off');
    const [everything] = await findingsOf(RULE, settingsProject(`${APPS}CORS_URLS_REGEX = r'^.*$'\nCORS_ORIGIN_ALLOW_ALL = True\n`));
    expect(everything).toMatchObject({ severity: 'medium' });
    expect(everything!.message).toContain("CORS_URLS_REGEX '^.*$' matches '/'");
  });

  it('follows the regex the way re.match does (anchored at the start, Python named groups)', () => {
    expect(pythonMatch('^/api/.*$', '/')).toBe(false);
    expect(pythonMatch('/api/', '/api/v1/')).toBe(true);
    expect(pythonMatch('/api/', '/x/api/')).toBe(false);
    expect(pythonMatch('^/(?P<version>v[0-9]+)/', '/v2/users')).toBe(true);
    expect(pythonMatch('(?i)^/API/', '/api/')).toBe(true);
    expect(pythonMatch('(?x) ^/api/', '/api/')).toBeUndefined();
  });

  it("trusts the user's own machine: plain-HTTP localhost origins are not an attacker's to answer for", async () => {
    const origins = "CORS_ALLOWED_ORIGINS = ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://app.localhost', 'http://example.com']\n";
    const findings = await findingsOf(RULE, settingsProject(`${APPS}${origins}CORS_ALLOW_CREDENTIALS = True\n`));
    expect(findings.map((finding) => finding.message.match(/origin '([^']+)'/)?.[1])).toEqual(['http://example.com']);
    const csrf = await findingsOf('django/csrf-trusted-origins-insecure', settingsProject("CSRF_TRUSTED_ORIGINS = ['http://localhost:5173', 'http://[::1]:8000', 'http://shop.example']\n"));
    expect(csrf.map((finding) => finding.message)).toEqual([expect.stringContaining("'http://shop.example'")]);
  });
});

const CORS_APP = "INSTALLED_APPS = ['corsheaders']\n";

ruleTester('django/cors-allow-all', {
  valid: [{ name: 'django-cors-headers not installed', files: settingsFiles('CORS_ALLOW_ALL_ORIGINS = True\n') }],
  invalid: [
    {
      name: 'critical with credentials, and the new name wins over the old one',
      files: settingsFiles(`${CORS_APP}CORS_ORIGIN_ALLOW_ALL = False\nCORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n`),
      findings: [{ at: 'mysite/settings.py:3', severity: 'critical' }],
    },
    {
      name: "'null', http:// origins and a catch-all regex (medium and low without credentials)",
      files: settingsFiles(
        `${CORS_APP}CORS_ALLOWED_ORIGINS = ['null', 'http://a.com', 'https://b.com']\nCORS_ALLOWED_ORIGIN_REGEXES = [r'^https?://.*$', r'^https://\\w+\\.example\\.com$']\n`,
      ),
      findings: [
        { at: 'mysite/settings.py:2', severity: 'medium' },
        { at: 'mysite/settings.py:2', severity: 'low' },
        { at: 'mysite/settings.py:3', severity: 'medium' },
      ],
    },
  ],
});
