import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';
import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

const RULE = 'django/proxy-ssl-header-invalid';

async function judge(value: string, before = ''): Promise<Awaited<ReturnType<typeof findingsOf>>> {
  return findingsOf(RULE, settingsProject(`${before}SECURE_PROXY_SSL_HEADER = ${value}\n`));
}

describe('django/proxy-ssl-header-invalid', () => {
  it("reports a scheme header compared with 'http': plain HTTP counts as secure", async () => {
    const [finding, ...rest] = await judge("('HTTP_X_FORWARDED_PROTO', 'http')");
    expect(rest).toEqual([]);
    expect(at(finding)).toBe('mysite/settings.py:1');
    expect(finding).toMatchObject({ severity: 'high', confidence: 'certain' });
    expect(finding!.message).toMatch(/takes 'http' for secure: a request that reached the proxy over plain HTTP counts as HTTPS/);
  });

  it('reports a value other than https for a scheme header (medium), a header Django never sees, and a non-pair', async () => {
    const [upper] = await judge("('HTTP_X_FORWARDED_PROTO', 'HTTPS')");
    expect(upper).toMatchObject({ severity: 'medium' });
    expect(upper!.message).toContain("proxies send 'https'");
    const [scheme] = await judge("['HTTP_X_SCHEME', 'on']");
    expect(scheme).toMatchObject({ severity: 'medium' });

    for (const header of ["'X-Forwarded-Proto'", "'X_FORWARDED_PROTO'", "'http_x_forwarded_proto'", "'HTTP_X-FORWARDED-PROTO'"]) {
      const [finding] = await judge(`(${header}, 'https')`);
      expect(finding?.message, header).toContain("where the header is 'HTTP_X_FORWARDED_PROTO': it never matches");
    }
    const [single] = await judge("'HTTP_X_FORWARDED_PROTO'");
    expect(single!.message).toContain('is not a pair: Django raises ImproperlyConfigured');
    const [triple] = await judge("('HTTP_X_FORWARDED_PROTO', 'https', 'x')");
    expect(triple!.message).toContain('is not a pair');
    const [notStrings] = await judge("('HTTP_X_FORWARDED_PROTO', True)");
    expect(notStrings!.message).toContain('must hold two strings');
  });

  it("accepts the usual forms, a server variable, another header's own value, unset, and values from the environment", async () => {
    const fine = [
      "('HTTP_X_FORWARDED_PROTO', 'https')",
      "['HTTP_CLOUDFRONT_FORWARDED_PROTO', 'https']",
      "('HTTP_X_FORWARDED_SSL', 'on')",
      "('HTTPS', 'on')",
      "('wsgi.url_scheme', 'https')",
      'None',
    ];
    for (const value of fine) expect(await judge(value), value).toEqual([]);
    expect(await judge("(os.environ['PROXY_HEADER'], os.environ['PROXY_VALUE'])", 'import os\n')).toEqual([]);
    expect(await findingsOf(RULE, settingsProject('DEBUG = False\n'))).toEqual([]);
  });
});

ruleTester(RULE, {
  valid: [],
  invalid: [
    {
      name: 'a header name without the HTTP_ prefix behind a TLS-terminating platform (django/ssl-redirect-without-proxy-header leaves it here)',
      files: settingsFiles(
        "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\nSECURE_SSL_REDIRECT = True\nSECURE_PROXY_SSL_HEADER = ('X-Forwarded-Proto', 'https')\n",
        { Procfile: 'web: waitress-serve mysite.wsgi:application\n' },
      ),
      findings: [{ at: 'mysite/settings.py:3', message: 'HTTP_X_FORWARDED_PROTO' }],
    },
  ],
});
