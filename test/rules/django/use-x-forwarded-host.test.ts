import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

const ON = 'USE_X_FORWARDED_HOST = True\n';
const nginx = (value: string): string =>
  `server {\n    location / {\n        proxy_pass http://app:8000;\n        proxy_set_header X-Forwarded-Host ${value};\n    }\n}\n`;

ruleTester('django/use-x-forwarded-host', {
  valid: [{ name: 'off by default', files: settingsFiles('DEBUG = False\n') }],
  invalid: [
    { name: 'on', files: settingsFiles(ON), findings: [{ at: 'mysite/settings.py:1', severity: 'low' }] },
    {
      name: "info when the repository's nginx overwrites X-Forwarded-Host",
      files: settingsFiles(ON, { 'nginx/site.conf': nginx('$host') }),
      findings: [
        {
          severity: 'info',
          message: 'nginx sets X-Forwarded-Host to $host',
          related: [{ location: { file: 'nginx/site.conf', line: 4, column: 1 }, message: 'nginx overwrites X-Forwarded-Host with $host' }],
        },
      ],
    },
    {
      name: "low when nginx passes the client's X-Forwarded-Host on",
      files: settingsFiles(ON, { 'nginx/site.conf': nginx('$http_x_forwarded_host') }),
      findings: [{ severity: 'low' }],
    },
  ],
});
