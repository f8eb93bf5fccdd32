import { describe, expect, it } from 'vitest';
import { pythonMatch } from '../../../src/django/cors.js';
import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

const APPS = "INSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = ['corsheaders.middleware.CorsMiddleware']\n";
const CORS_APP = "INSTALLED_APPS = ['corsheaders']\n";
const API_ONLY = "CORS_URLS_REGEX = r'^/api/.*$'\n";

describe('CORS_URLS_REGEX', () => {
  it('is followed the way re.match does (anchored at the start, Python named groups)', () => {
    expect(pythonMatch('^/api/.*$', '/')).toBe(false);
    expect(pythonMatch('/api/', '/api/v1/')).toBe(true);
    expect(pythonMatch('/api/', '/x/api/')).toBe(false);
    expect(pythonMatch('^/(?P<version>v[0-9]+)/', '/v2/users')).toBe(true);
    expect(pythonMatch('(?i)^/API/', '/api/')).toBe(true);
    expect(pythonMatch('(?x) ^/api/', '/api/')).toBeUndefined();
  });
});

ruleTester('django/cors-allow-all', {
  valid: [
    {
      name: 'allow-all limited to an API prefix without credentials (a public API)',
      files: settingsFiles(`${APPS}${API_ONLY}CORS_ALLOW_ALL_ORIGINS = True\n`),
    },
    {
      name: "a 'null' origin limited to an API prefix without credentials",
      files: settingsFiles(`${APPS}${API_ONLY}CORS_ALLOWED_ORIGINS = ['null']\nCORS_ALLOW_CREDENTIALS = False\n`),
    },
    {
      name: 'a regex that cannot be followed, credentials off',
      files: settingsFiles(`${APPS}from mysite.cors import api_paths\nCORS_URLS_REGEX = api_paths()\nCORS_ALLOW_ALL_ORIGINS = True\n`),
    },
    { name: 'django-cors-headers not installed', files: settingsFiles('CORS_ALLOW_ALL_ORIGINS = True\n') },
  ],
  invalid: [
    {
      name: 'critical with credentials whatever the regex, saying which paths',
      files: settingsFiles(`${APPS}${API_ONLY}CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n`),
      findings: [
        {
          at: 'mysite/settings.py:4',
          severity: 'critical',
          confidence: 'certain',
          message: ["on paths matching CORS_URLS_REGEX '^/api/.*$'", "with the user's cookies"],
        },
      ],
    },
    {
      name: 'medium on every path without credentials when the regex is unset',
      files: settingsFiles(`${APPS}CORS_ALLOW_ALL_ORIGINS = True\n`),
      findings: [{ severity: 'medium', message: ['on every path (CORS_URLS_REGEX is unset)', 'CORS_ALLOW_CREDENTIALS is off'] }],
    },
    {
      name: 'medium on every path without credentials when the regex matches every page',
      files: settingsFiles(`${APPS}CORS_URLS_REGEX = r'^.*$'\nCORS_ORIGIN_ALLOW_ALL = True\n`),
      findings: [{ severity: 'medium', message: "CORS_URLS_REGEX '^.*$' matches '/'" }],
    },
    {
      name: "the user's own machine is trusted: plain-HTTP localhost origins are not an attacker's to answer for",
      files: settingsFiles(
        `${APPS}CORS_ALLOWED_ORIGINS = ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://app.localhost', 'http://example.com']\nCORS_ALLOW_CREDENTIALS = True\n`,
      ),
      findings: [{ message: "origin 'http://example.com'" }],
    },
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
