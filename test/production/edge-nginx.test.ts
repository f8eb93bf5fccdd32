import { describe, expect, it } from 'vitest';
import { readDeployFacts } from '../../src/deploy/index.js';
import { readEdge } from '../../src/production/edge.js';
import { workspaceOf } from '../helpers/workspace.js';

const COMPOSE = 'services:\n  web:\n    build: .\n    command: gunicorn config.wsgi\n  nginx:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n';

function edgeOf(conf: string) {
  const workspace = workspaceOf({ 'docker-compose.prod.yml': COMPOSE, Dockerfile: 'FROM python:3.12\n', 'nginx/site.conf': conf });
  const edge = readEdge(workspace, readDeployFacts(workspace, ''), []);
  return { redirect: edge.httpsRedirect?.location, hsts: edge.hsts?.location };
}

describe('the edge read from nginx directives', () => {
  it('finds return/rewrite redirects to HTTPS and an HSTS header, at their lines', () => {
    const conf = 'server {\n  listen 80;\n  return 302 https://$host$request_uri;\n}\nserver {\n  listen 443 ssl;\n  add_header "Strict-Transport-Security" "max-age=63072000" always;\n}\n';
    expect(edgeOf(conf)).toEqual({ redirect: { file: 'nginx/site.conf', line: 3, column: 3 }, hsts: { file: 'nginx/site.conf', line: 7, column: 3 } });
    expect(edgeOf('server {\n  rewrite ^ https://$host$request_uri;\n}\n').redirect?.line).toBe(2);
    expect(edgeOf('server {\n  return https://example.org$request_uri;\n}\n').redirect?.line).toBe(2);
  });

  it('reads a config the nginx service mounts under another name', () => {
    const compose = COMPOSE.replace('    ports:', '    volumes:\n      - ./ops/site.conf:/etc/nginx/conf.d/default.conf\n    ports:');
    const workspace = workspaceOf({ 'docker-compose.prod.yml': compose, Dockerfile: 'FROM python:3.12\n', 'ops/site.conf': 'server {\n  return 301 https://$host;\n}\n' });
    expect(readEdge(workspace, readDeployFacts(workspace, ''), []).httpsRedirect).toMatchObject({ by: 'nginx (ops/site.conf)', location: { file: 'ops/site.conf', line: 2 } });
  });

  it('ignores commented directives, redirects to plain HTTP and headers in strings', () => {
    const conf =
      'server {\n  # return 301 https://$host$request_uri;\n  return 301 http://$host$request_uri;\n' +
      '  # add_header Strict-Transport-Security "max-age=1";\n  add_header X-Note "Strict-Transport-Security";\n}\n';
    expect(edgeOf(conf)).toEqual({ redirect: undefined, hsts: undefined });
  });
});
