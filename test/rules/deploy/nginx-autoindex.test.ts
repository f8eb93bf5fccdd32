import { expect } from 'vitest';
import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin']\n";
const SITE = (body: string): string => `server {\n    listen 443 ssl;\n    root /srv/app;\n${body}}\n`;
const project = (files: Files): Files => settingsFiles(SETTINGS, files, '5.2.8');
const MEDIA_INDEX = 'server {\n    location /media/ {\n        autoindex on;\n    }\n}\n';
const TEMPLATE = 'server {\n    listen 80;\n    location /media/ {\n        autoindex on;\n    }\n}\n';

ruleTester('deploy/nginx-autoindex', {
  valid: [
    { name: 'autoindex off, and a comment', files: project({ 'nginx/default.conf': SITE('    # autoindex on;\n    location /media/ {\n        autoindex off;\n    }\n') }) },
    { name: 'a development config', files: project({ 'docker/local-dev/nginx.conf': MEDIA_INDEX, 'nginx/nginx.dev.conf': MEDIA_INDEX }) },
  ],
  invalid: [
    {
      name: 'uploads high, an undescribed location medium, static files skipped',
      files: project({
        'nginx/default.conf': SITE(
          '    location /static/ {\n        autoindex on;\n        alias /srv/app/staticfiles/;\n    }\n' +
            '    location /files/ {\n        alias /srv/app/uploads/;\n        autoindex on;\n    }\n' +
            '    location /browse/ {\n        autoindex on;\n    }\n',
        ),
      }),
      findings: [
        {
          at: 'nginx/default.conf:10',
          severity: 'high',
          check: (finding) => expect(finding.message).toBe('nginx/default.conf: autoindex is on for location /files/, which serves uploaded files: anyone can list every upload'),
        },
        { at: 'nginx/default.conf:13', severity: 'medium' },
      ],
    },
    {
      // A template in an nginx folder is read; one neither in such a folder nor named for nginx is not.
      name: 'a template in an nginx folder, not one elsewhere',
      files: project({ 'deploy/site.conf.template': TEMPLATE, 'nginx/app.conf.template': TEMPLATE }),
      findings: [{ at: 'nginx/app.conf.template:4' }],
    },
    {
      name: 'the files the nginx service of a production compose file mounts or builds from, whatever their names',
      files: project({
        Dockerfile: 'FROM python:3.12\nCMD ["gunicorn", "mysite.wsgi"]\n',
        'docker-compose.prod.yml':
          'services:\n  web:\n    build: .\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./config/site.conf:/etc/nginx/conf.d/default.conf:ro\n' +
          '  edge:\n    build: ./ops/web-proxy\n    image: nginx-edge\n',
        'config/site.conf': MEDIA_INDEX,
        'config/unused.conf': MEDIA_INDEX,
        'ops/web-proxy/Dockerfile': 'FROM nginx:1.27\nCOPY app.conf /etc/nginx/conf.d/\n',
        'ops/web-proxy/app.conf': MEDIA_INDEX,
      }),
      findings: [{ at: 'config/site.conf:3' }, { at: 'ops/web-proxy/app.conf:3' }],
    },
    {
      name: 'a production nginx file that does not parse is still read',
      files: project({ 'nginx/default.conf': SITE('    location /media/ {\n        autoindex on;\n') }),
      findings: [{ at: 'nginx/default.conf:5' }],
    },
  ],
});
