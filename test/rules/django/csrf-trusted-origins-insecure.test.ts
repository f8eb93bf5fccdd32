import { describe, expect, it } from 'vitest';
import { findingsOf, settingsProject } from '../hygiene/helpers.js';
import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

const RULE = 'django/csrf-trusted-origins-insecure';

async function messages(origins: string[], django = '5.2.8'): Promise<string[]> {
  const list = origins.map((origin) => `    '${origin}',\n`).join('');
  const findings = await findingsOf(RULE, settingsProject(`CSRF_TRUSTED_ORIGINS = [\n${list}]\n`, {}, django));
  return findings.map((finding) => `${finding.severity} ${finding.message}`);
}

describe('django/csrf-trusted-origins-insecure: wildcards', () => {
  it('does not report a wildcard over the operator\'s own domain, nor loopback http origins', async () => {
    expect(await messages(['https://*.example.org', 'https://example.org', 'http://localhost:3000', 'http://127.0.0.1:8000'])).toEqual([]);
    expect(await messages(['.example.org', 'example.org'], '3.2.25')).toEqual([]);
  });

  it('reports a wildcard over a shared platform domain, naming the platform domain', async () => {
    expect(await messages(['https://*.herokuapp.com', 'https://*.up.railway.app', 'https://*.fly.dev'])).toEqual([
      expect.stringMatching(/^medium .*'https:\/\/\*\.herokuapp\.com' trusts every site under herokuapp\.com, where anyone can host a page/),
      expect.stringContaining('trusts every site under up.railway.app'),
      expect.stringContaining('trusts every site under fly.dev'),
    ]);
    expect(await messages(['.onrender.com'], '3.2.25')).toEqual([expect.stringContaining('trusts every site under onrender.com')]);
    expect(await messages(['https://*.com'])).toEqual([expect.stringContaining("'https://*.com' trusts every site under com")]);
    // An app's own host on the platform is an exact origin, not a wildcard.
    expect(await messages(['https://myapp.herokuapp.com', 'https://*.myapp.example.com'])).toEqual([]);
  });

  it('reports a bare * or https://* (which matches nothing) and plain http origins of real hosts', async () => {
    expect(await messages(['https://*', 'http://shop.example.org'])).toEqual([
      expect.stringMatching(/^low .*'https:\/\/\*' is meant to trust every origin: Django matches no origin against it/),
      expect.stringMatching(/^medium .*plain-HTTP origin 'http:\/\/shop\.example\.org'/),
    ]);
    expect(await messages(['*'], '3.2.25')).toEqual([expect.stringContaining("'*' is meant to trust every origin")]);
    // On 4.0+ a bare * has no scheme: the system check error says so.
    expect(await messages(['*'])).toEqual([expect.stringMatching(/^high .*has no scheme/)]);
  });
});

ruleTester('django/csrf-trusted-origins-insecure', {
  valid: [
    {
      name: 'host-only entries on 3.2',
      files: settingsFiles("CSRF_TRUSTED_ORIGINS = ['example.com']\n", { 'requirements.txt': 'Django==3.2.25\n' }),
    },
  ],
  invalid: [
    {
      name: "plain-HTTP localhost origins are the user's own machine",
      files: settingsFiles("CSRF_TRUSTED_ORIGINS = ['http://localhost:5173', 'http://[::1]:8000', 'http://shop.example']\n"),
      findings: [{ message: "'http://shop.example'" }],
    },
    {
      name: 'a missing scheme as 4_0.E001 on 4.0+, http:// and shared-platform wildcard entries',
      files: settingsFiles("CSRF_TRUSTED_ORIGINS = [\n    'example.com',\n    'http://a.com',\n    'https://*.herokuapp.com',\n    'https://c.com',\n]\n", {
        'requirements.txt': 'Django>=5.2,<6\n',
      }),
      findings: [
        { at: 'mysite/settings.py:2', django: '4_0.E001', severity: 'high' },
        { at: 'mysite/settings.py:3', django: undefined, severity: 'medium' },
        { at: 'mysite/settings.py:4', django: undefined, severity: 'medium' },
      ],
    },
  ],
});
