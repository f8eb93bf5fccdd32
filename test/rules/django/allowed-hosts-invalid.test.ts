import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';

const RULE = 'django/allowed-hosts-invalid';

describe('django/allowed-hosts-invalid: shell-style wildcards', () => {
  it("reports '*.example.com' (Django has no such form) with the leading-dot fix", async () => {
    const findings = await findingsOf(RULE, settingsProject("ALLOWED_HOSTS = [\n    'example.com',\n    '*.example.com',\n]\n"));
    expect(findings).toHaveLength(1);
    expect(at(findings[0])).toBe('mysite/settings.py:3');
    expect(findings[0]!.message).toBe(
      "ALLOWED_HOSTS entry '*.example.com' is a '*.' wildcard, which Django does not support (write '.example.com' to allow the domain and its subdomains), so no request ever matches it",
    );
  });

  it("does not report the leading-dot subdomain form, the bare '*' wildcard, or a plain host", async () => {
    expect(await findingsOf(RULE, settingsProject("ALLOWED_HOSTS = ['.example.com', '*', 'api.example.com']\n"))).toEqual([]);
  });

  it('keeps reporting host:port entries as before', async () => {
    const [finding] = await findingsOf(RULE, settingsProject("ALLOWED_HOSTS = ['example.com:8000']\n"));
    expect(finding!.message).toContain('includes a port');
  });
});
