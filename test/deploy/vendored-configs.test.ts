import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { resolveCommandPath } from '../../src/deploy/follow.js';
import { readDeployFacts } from '../../src/deploy/index.js';
import { readOtherDeployFiles } from '../../src/deploy/other-files.js';
import { readEdge } from '../../src/production/edge.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { isVendoredIn } from '../../src/workspace/vendored.js';
import { makeProject } from '../helpers/project.js';

/** A workspace whose files are all in git's index (a committed virtualenv is listed, unlike an untracked one). */
function tracked(files: Record<string, string>) {
  const root = makeProject(files);
  execFileSync('git', ['init', '-q', root]);
  execFileSync('git', ['-C', root, 'add', '-A', '-f']);
  return openWorkspace(root);
}

/** A virtualenv committed under a name that is not a known vendored directory. */
const VIRTUALENV = { 'myenv/pyvenv.cfg': 'home = /usr/bin\n' };

describe('one vendored-path predicate per workspace', () => {
  it('is built once and knows a virtualenv by its pyvenv.cfg', () => {
    const workspace = tracked(({ ...VIRTUALENV, 'myenv/bin/start.sh': '', 'app/start.sh': '' }));
    const vendored = isVendoredIn(workspace);
    expect(isVendoredIn(workspace)).toBe(vendored);
    expect(vendored('myenv/bin/start.sh')).toBe(true);
    expect(vendored('app/start.sh')).toBe(false);
  });

  it('a script found by name is never one inside a committed virtualenv', () => {
    const inVenvOnly = tracked(({ ...VIRTUALENV, 'myenv/bin/start.sh': 'exec gunicorn x.wsgi\n' }));
    expect(resolveCommandPath('/srv/start.sh', { kind: 'repo', dir: '' }, inVenvOnly)).toBeUndefined();
    const both = tracked(({ ...VIRTUALENV, 'myenv/bin/start.sh': '', 'deploy/start.sh': '' }));
    expect(resolveCommandPath('/srv/start.sh', { kind: 'repo', dir: '' }, both)).toBe('deploy/start.sh');
  });

  it("a virtualenv's uwsgi ini, unit or supervisor conf is not a deploy file", () => {
    const ini = '[uwsgi]\nmodule = config.wsgi:application\n';
    const workspace = tracked({ ...VIRTUALENV, 'myenv/share/uwsgi.ini': ini, 'myenv/etc/app.service': '[Service]\nExecStart=gunicorn x.wsgi\n', 'uwsgi.ini': ini });
    expect(readOtherDeployFiles(workspace, [''], '').files.map((file) => file.path)).toEqual(['uwsgi.ini']);
  });
});

describe('the edge: proxy configuration files', () => {
  const compose = 'services:\n  web:\n    build: .\n    command: gunicorn config.wsgi\n  nginx:\n    image: nginx:1.25\n';
  const edgeOf = (files: Record<string, string>) => {
    const workspace = tracked(({ 'docker-compose.prod.yml': compose, Dockerfile: 'FROM python:3.12\n', ...files }));
    return readEdge(workspace, readDeployFacts(workspace, ''), []);
  };

  it("reads the project's nginx conf, not a virtualenv's", () => {
    const redirect = 'server {\n  listen 80;\n  return 301 https://$host$request_uri;\n}\n';
    expect(edgeOf({ 'nginx/default.conf': redirect }).httpsRedirect?.by).toBe('nginx (nginx/default.conf)');
    expect(edgeOf({ ...VIRTUALENV, 'myenv/share/nginx/default.conf': redirect }).httpsRedirect).toBeUndefined();
  });

  it('reads at most 30 configuration files', () => {
    const hsts = 'add_header Strict-Transport-Security "max-age=31536000";\n';
    const plain = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`nginx/a${String(i).padStart(2, '0')}.conf`, 'server {}\n']));
    expect(edgeOf({ ...plain, 'nginx/z.conf': hsts }).hsts).toBeUndefined();
    expect(edgeOf({ ...plain, 'nginx/a00.conf': hsts }).hsts?.by).toBe('nginx (nginx/a00.conf)');
  });

  it('takes the proxy and env files from the one reading of the compose file', () => {
    const workspace = tracked(({ 'docker-compose.prod.yml': `${compose}    env_file: .env.nginx\n`, Dockerfile: 'FROM python:3.12\n' }));
    const services = readDeployFacts(workspace, '').composeServices;
    expect(services?.map((file) => [file.path, file.proxies.map((proxy) => proxy.service), file.envFileUses.map((use) => [use.path, use.app])])).toEqual([
      ['docker-compose.prod.yml', ['nginx'], [['.env.nginx', false]]],
    ]);
  });
});
