import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';

const RULE = 'django/static-url-insecure';

describe('django/static-url-insecure', () => {
  it('reports an http:// STATIC_URL (medium) and MEDIA_URL (low) built from a bucket name', async () => {
    const settings = "import os\nBUCKET = os.environ.get('BUCKET', 'assets')\nSTATIC_URL = 'http://storage.example.net/{}/static/'.format(BUCKET)\nMEDIA_URL = 'http://media.example.net/'\n";
    const findings = await findingsOf(RULE, settingsProject(settings));
    expect(findings.map((finding) => [at(finding), finding.severity, finding.confidence])).toEqual([
      ['mysite/settings.py:3', 'medium', 'default'],
      ['mysite/settings.py:4', 'low', 'certain'],
    ]);
    expect(findings[0]!.message).toBe(
      "STATIC_URL is 'http://storage.example.net/assets/static/', a plain-HTTP URL: browsers block the scripts and stylesheets an HTTPS page loads from it (mixed content), and anyone on the network path can rewrite them",
    );
  });

  it('does not report relative, https, scheme-relative or loopback URLs, nor the default', async () => {
    expect(await findingsOf(RULE, settingsProject("STATIC_URL = '/static/'\nMEDIA_URL = 'https://cdn.example.net/media/'\n"))).toEqual([]);
    expect(await findingsOf(RULE, settingsProject("STATIC_URL = '//cdn.example.net/static/'\nMEDIA_URL = 'http://localhost:8000/media/'\n"))).toEqual([]);
    expect(await findingsOf(RULE, settingsProject('DEBUG = False\n'))).toEqual([]);
  });
});
