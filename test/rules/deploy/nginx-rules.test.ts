import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';

const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin']\n";
const SITE = (body: string): string => `server {\n    listen 443 ssl;\n    root /srv/app;\n${body}}\n`;

describe('deploy/nginx-autoindex', () => {
  const RULE = 'deploy/nginx-autoindex';

  it('reports uploads high, an undescribed location medium, and skips static files', async () => {
    const conf = SITE(
      '    location /static/ {\n        autoindex on;\n        alias /srv/app/staticfiles/;\n    }\n' +
        '    location /files/ {\n        alias /srv/app/uploads/;\n        autoindex on;\n    }\n' +
        '    location /browse/ {\n        autoindex on;\n    }\n',
    );
    const found = await findingsOf(RULE, settingsProject(SETTINGS, { 'nginx/default.conf': conf }));
    expect(found.map((finding) => [at(finding), finding.severity])).toEqual([
      ['nginx/default.conf:10', 'high'],
      ['nginx/default.conf:13', 'medium'],
    ]);
    expect(found[0]!.message).toBe('nginx/default.conf: autoindex is on for location /files/, which serves uploaded files: anyone can list every upload');
    const template = 'server {\n    listen 80;\n    location /media/ {\n        autoindex on;\n    }\n}\n';
    // A template in an nginx folder is read; one neither in such a folder nor named for nginx is not.
    expect((await findingsOf(RULE, settingsProject(SETTINGS, { 'deploy/site.conf.template': template, 'nginx/app.conf.template': template }))).map(at)).toEqual(['nginx/app.conf.template:4']);
  });

  it('reads the files the nginx service of a production compose file mounts or builds from, whatever their names', async () => {
    const media = 'server {\n    location /media/ {\n        autoindex on;\n    }\n}\n';
    const compose =
      'services:\n  web:\n    build: .\n  proxy:\n    image: nginx:1.27\n    volumes:\n      - ./config/site.conf:/etc/nginx/conf.d/default.conf:ro\n' +
      '  edge:\n    build: ./ops/web-proxy\n    image: nginx-edge\n';
    const files = {
      Dockerfile: 'FROM python:3.12\nCMD ["gunicorn", "mysite.wsgi"]\n',
      'docker-compose.prod.yml': compose,
      'config/site.conf': media,
      'config/unused.conf': media,
      'ops/web-proxy/Dockerfile': 'FROM nginx:1.27\nCOPY app.conf /etc/nginx/conf.d/\n',
      'ops/web-proxy/app.conf': media,
    };
    expect((await findingsOf(RULE, settingsProject(SETTINGS, files))).map(at)).toEqual(['config/site.conf:3', 'ops/web-proxy/app.conf:3']);
  });

  it('does not report autoindex off, a comment, or a development config', async () => {
    const conf = SITE('    # autoindex on;\n    location /media/ {\n        autoindex off;\n    }\n');
    expect(await findingsOf(RULE, settingsProject(SETTINGS, { 'nginx/default.conf': conf }))).toEqual([]);
    const dev = 'server {\n    location /media/ {\n        autoindex on;\n    }\n}\n';
    expect(await findingsOf(RULE, settingsProject(SETTINGS, { 'docker/local-dev/nginx.conf': dev, 'nginx/nginx.dev.conf': dev }))).toEqual([]);
  });
});

describe('deploy/tls-legacy-protocols', () => {
  const RULE = 'deploy/tls-legacy-protocols';

  it('reports TLS 1.0/1.1 at medium and SSLv3 at high', async () => {
    const conf = SITE('    ssl_protocols TLSv1 TLSv1.1 TLSv1.2;\n');
    const [finding, ...rest] = await findingsOf(RULE, settingsProject(SETTINGS, { 'nginx/default.conf.template': conf }));
    expect(rest).toEqual([]);
    expect(at(finding)).toBe('nginx/default.conf.template:4');
    expect(finding).toMatchObject({ severity: 'medium', message: 'nginx/default.conf.template: ssl_protocols enables TLSv1, TLSv1.1, deprecated and attackable versions no current browser needs' });
    const ssl = await findingsOf(RULE, settingsProject(SETTINGS, { 'deploy/nginx.conf': 'http {\n  ssl_protocols SSLv3 TLSv1.2;\n}\n' }));
    expect(ssl.map((found) => [at(found), found.severity])).toEqual([['deploy/nginx.conf:2', 'high']]);
  });

  it('does not report current versions, proxy_ssl_protocols, or a commented line', async () => {
    const conf = SITE('    ssl_protocols TLSv1.2 TLSv1.3;\n    # ssl_protocols TLSv1 TLSv1.1;\n    proxy_ssl_protocols TLSv1 TLSv1.2;\n');
    expect(await findingsOf(RULE, settingsProject(SETTINGS, { 'nginx/default.conf': conf }))).toEqual([]);
  });
});

describe('deploy/file-unparsable on nginx configuration', () => {
  it('reports a production nginx file that does not parse, and still reads it', async () => {
    const broken = SITE('    location /media/ {\n        autoindex on;\n');
    const root = settingsProject(SETTINGS, { 'nginx/default.conf': broken });
    const [problem] = await findingsOf('deploy/file-unparsable', root);
    expect(problem!.message).toBe('nginx/default.conf: nginx configuration does not parse: "server" block opened here is never closed');
    expect((await findingsOf('deploy/nginx-autoindex', root)).map(at)).toEqual(['nginx/default.conf:5']);
  });
});
