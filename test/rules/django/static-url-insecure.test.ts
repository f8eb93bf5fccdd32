import { expect } from 'vitest';
import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

ruleTester('django/static-url-insecure', {
  valid: [
    { name: 'relative and https URLs', files: settingsFiles("STATIC_URL = '/static/'\nMEDIA_URL = 'https://cdn.example.net/media/'\n", {}, '5.2.8') },
    { name: 'scheme-relative and loopback URLs', files: settingsFiles("STATIC_URL = '//cdn.example.net/static/'\nMEDIA_URL = 'http://localhost:8000/media/'\n", {}, '5.2.8') },
    { name: 'the default', files: settingsFiles('DEBUG = False\n', {}, '5.2.8') },
  ],
  invalid: [
    {
      name: 'an http:// STATIC_URL (medium) and MEDIA_URL (low) built from a bucket name',
      files: settingsFiles(
        "import os\nBUCKET = os.environ.get('BUCKET', 'assets')\nSTATIC_URL = 'http://storage.example.net/{}/static/'.format(BUCKET)\nMEDIA_URL = 'http://media.example.net/'\n",
        {},
        '5.2.8',
      ),
      findings: [
        {
          at: 'mysite/settings.py:3',
          severity: 'medium',
          confidence: 'default',
          check: (finding) =>
            expect(finding.message).toBe(
              "STATIC_URL is 'http://storage.example.net/assets/static/', a plain-HTTP URL: browsers block the scripts and stylesheets an HTTPS page loads from it (mixed content), and anyone on the network path can rewrite them",
            ),
        },
        { at: 'mysite/settings.py:4', severity: 'low', confidence: 'certain' },
      ],
    },
  ],
});
