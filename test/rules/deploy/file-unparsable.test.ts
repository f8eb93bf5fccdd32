import { expect } from 'vitest';
import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin']\n";
const BROKEN_SITE = 'server {\n    listen 443 ssl;\n    root /srv/app;\n    location /media/ {\n        autoindex on;\n}\n';

ruleTester('deploy/file-unparsable', {
  valid: [],
  invalid: [
    {
      name: 'a production nginx file that does not parse',
      files: settingsFiles(SETTINGS, { 'nginx/default.conf': BROKEN_SITE }, '5.2.8'),
      findings: [{ check: (finding) => expect(finding.message).toBe('nginx/default.conf: nginx configuration does not parse: "server" block opened here is never closed') }],
    },
  ],
});
