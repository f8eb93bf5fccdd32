import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin']\n";
const SITE = (body: string): string => `server {\n    listen 443 ssl;\n    root /srv/app;\n${body}}\n`;
const project = (files: Files): Files => settingsFiles(SETTINGS, files, '5.2.8');

ruleTester('deploy/tls-legacy-protocols', {
  valid: [
    {
      name: 'current versions, proxy_ssl_protocols, a commented line',
      files: project({ 'nginx/default.conf': SITE('    ssl_protocols TLSv1.2 TLSv1.3;\n    # ssl_protocols TLSv1 TLSv1.1;\n    proxy_ssl_protocols TLSv1 TLSv1.2;\n') }),
    },
  ],
  invalid: [
    {
      name: 'TLS 1.0/1.1 at medium',
      files: project({ 'nginx/default.conf.template': SITE('    ssl_protocols TLSv1 TLSv1.1 TLSv1.2;\n') }),
      findings: [
        {
          at: 'nginx/default.conf.template:4',
          severity: 'medium',
          message: /^nginx\/default\.conf\.template: ssl_protocols enables TLSv1, TLSv1\.1, deprecated and attackable versions no current browser needs$/,
        },
      ],
    },
    { name: 'SSLv3 at high', files: project({ 'deploy/nginx.conf': 'http {\n  ssl_protocols SSLv3 TLSv1.2;\n}\n' }), findings: [{ at: 'deploy/nginx.conf:2', severity: 'high' }] },
  ],
});
