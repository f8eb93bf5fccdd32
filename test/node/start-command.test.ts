import { describe, expect, it } from 'vitest';
import { parseStart } from '../../src/node/production/command.js';
import { EXPRESS, pkg, productionOf } from './helpers.js';

describe('parseStart: what a start command runs', () => {
  it('reads node with its options, the env files it loads and the variables set before it', () => {
    expect(parseStart('NODE_ENV=production node -r dotenv/config --env-file=.env.prod --max-old-space-size 512 ./server.js --port 3000')).toEqual({
      run: { kind: 'file', runner: 'node', file: './server.js', envFiles: ['.env.prod'] },
      text: 'NODE_ENV=production node -r dotenv/config --env-file=.env.prod --max-old-space-size 512 ./server.js --port 3000',
      assignments: [{ name: 'NODE_ENV', value: 'production' }],
    });
  });

  it('takes the last Node command of a chain and follows package runners', () => {
    expect(parseStart('npm run migrate && npx next start -p $PORT')?.run).toEqual({ kind: 'next', mode: 'start' });
    expect(parseStart('yarn build; yarn serve')?.run).toEqual({ kind: 'script', name: 'serve' });
    expect(parseStart('exec pm2-runtime start ecosystem.config.js --env production')?.run).toEqual({ kind: 'pm2', target: 'ecosystem.config.js' });
    expect(parseStart('nest start --watch')?.run).toEqual({ kind: 'nest', watch: true });
    expect(parseStart('/bin/sh -c "sleep 5 && NODE_ENV=production npm start"')).toMatchObject({ run: { kind: 'script', name: 'start' }, assignments: [{ name: 'NODE_ENV', value: 'production' }] });
    expect(parseStart('cross-env NODE_ENV=production PORT=80 node server.js')).toMatchObject({ run: { kind: 'file', file: 'server.js' }, assignments: [{ name: 'NODE_ENV', value: 'production' }, { name: 'PORT', value: '80' }] });
    expect(parseStart('export NODE_ENV=staging && node server.js')?.assignments).toEqual([{ name: 'NODE_ENV', value: 'staging' }]);
    expect(parseStart('node server.js; export NODE_ENV=production')?.assignments).toEqual([]);
    expect(parseStart('gunicorn mysite.wsgi')).toBeUndefined();
    expect(parseStart('npm install')).toBeUndefined();
  });
});

describe('the start command production runs', () => {
  const base = { 'package.json': pkg({ ...EXPRESS, scripts: { start: 'node server.js', dev: 'nodemon server.js' } }), 'server.js': '', 'app.js': '' };

  it('Procfile web, followed through npm start to package.json scripts.start', () => {
    const { production } = productionOf({ ...base, Procfile: 'web: npm start\n' });
    expect(production.start).toMatchObject({ command: 'npm start', how: 'Procfile web → package.json scripts.start', location: { file: 'Procfile', line: 1 } });
    expect(production.entries).toEqual([{ file: 'server.js', how: 'Procfile web → package.json scripts.start runs server.js' }]);
    expect(production.platform).toBe('heroku');
  });

  it('the deployed Dockerfile stage CMD, not the build stage', () => {
    const dockerfile = 'FROM node:20 AS build\nCMD ["node", "build.js"]\nFROM node:20-slim AS runtime\nWORKDIR /usr/src/app\nCOPY . .\nCMD ["node", "/usr/src/app/app.js"]\n';
    const { production } = productionOf({ ...base, Dockerfile: dockerfile });
    expect(production.start?.how).toBe('Dockerfile CMD (stage runtime, last stage)');
    expect(production.entries.map((entry) => entry.file)).toEqual(['app.js']);
  });

  it('fly.toml processes, render.yaml startCommand, railway.json and railway.toml', () => {
    expect(productionOf({ ...base, 'fly.toml': 'app = "x"\n[processes]\napp = "node app.js"\n' }).production.start).toMatchObject({ how: 'fly.toml app', command: 'node app.js' });
    const render = 'services:\n  - type: web\n    name: api\n    runtime: node\n    buildCommand: npm ci\n    startCommand: node app.js\n';
    expect(productionOf({ ...base, 'render.yaml': render }).production).toMatchObject({ start: { how: 'render.yaml api startCommand' }, platform: 'render' });
    expect(productionOf({ ...base, 'railway.json': '{ "deploy": { "startCommand": "node app.js" } }' }).production).toMatchObject({
      start: { how: 'railway.json deploy.startCommand', location: { file: 'railway.json', line: 1 } },
      platform: 'railway',
      entries: [{ file: 'app.js' }],
    });
    expect(productionOf({ ...base, 'railway.toml': '[deploy]\nstartCommand = "node app.js"\n' }).production.start).toMatchObject({ how: 'railway.toml [deploy] startCommand', location: { line: 2 } });
  });

  it('Vercel runs a Next.js app as next start', () => {
    const { production } = productionOf({ 'package.json': pkg({ dependencies: { next: '14' }, scripts: { start: 'next start' } }), 'vercel.json': '{}' });
    expect(production).toMatchObject({ start: { command: 'next start', how: 'vercel (next start): vercel.json' }, platform: 'vercel', entries: [], assumptions: [] });
  });

  it('a pm2 ecosystem file: its apps[].script', () => {
    const { production } = productionOf({ ...base, 'ecosystem.config.js': 'module.exports = {}' }, { ecosystem: [{ script: './app.js' }] });
    expect(production.start?.how).toBe('pm2 ecosystem.config.js');
    expect(production.entries).toEqual([{ file: 'app.js', how: 'pm2 ecosystem.config.js: ecosystem.config.js apps[].script ./app.js' }]);
  });

  it('package.json scripts.start when no deploy file names a command, and nothing when there is none', () => {
    expect(productionOf(base).production.start).toMatchObject({ command: 'node server.js', how: 'package.json scripts.start', location: { file: 'package.json', line: 7 } });
    const none = productionOf({ 'package.json': pkg(EXPRESS), 'app.js': '' }).production;
    expect(none.start).toBeUndefined();
    expect(none.entries).toEqual([{ file: 'app.js', how: 'conventional server file' }]);
    expect(none.assumptions).toEqual(['no deploy file or package.json script names a start command: the server is assumed to start from app.js, a conventional entry file']);
  });

  it("does not take a root deploy file's command that runs another project's file", () => {
    const files = {
      Procfile: 'web: node apps/api/server.js\n',
      'apps/api/package.json': pkg(EXPRESS),
      'apps/api/server.js': '',
      'apps/admin/package.json': pkg({ ...EXPRESS, scripts: { start: 'node index.js' } }),
      'apps/admin/index.js': '',
    };
    expect(productionOf(files, { root: 'apps/api' }).production.start?.how).toBe('Procfile web');
    expect(productionOf(files, { root: 'apps/admin' }).production).toMatchObject({ start: { how: 'package.json scripts.start' }, entries: [{ file: 'apps/admin/index.js' }] });
  });

  it('a command that changes to a package folder is that package\'s', () => {
    expect(parseStart('cd web && npm start')).toMatchObject({ run: { kind: 'script', name: 'start' }, cd: 'web' });
    expect(parseStart('npm --prefix web run serve')).toMatchObject({ run: { kind: 'script', name: 'serve' }, cd: 'web' });
    expect(parseStart('yarn --cwd=web start')).toMatchObject({ run: { kind: 'script', name: 'start' }, cd: 'web' });
    const files = {
      Procfile: 'web: cd web && npm start\n',
      'package.json': pkg({ ...EXPRESS, scripts: { start: 'node api.js' } }),
      'api.js': '',
      'web/package.json': pkg({ dependencies: { next: '14' }, scripts: { start: 'next start' } }),
    };
    expect(productionOf(files, { root: 'web' }).production.start).toMatchObject({ how: 'Procfile web → package.json scripts.start', command: 'cd web && npm start' });
    expect(productionOf(files).production.start).toMatchObject({ how: 'package.json scripts.start', command: 'node api.js' });
  });

  it('ignores a Django web process in a repository with a Node front end', () => {
    const { production } = productionOf(
      { Procfile: 'web: gunicorn api.wsgi\n', 'manage.py': '', 'web/package.json': pkg({ ...EXPRESS, scripts: { start: 'node index.js' } }), 'web/index.js': '' },
      { root: 'web' },
    );
    expect(production.start).toMatchObject({ command: 'node index.js', how: 'package.json scripts.start' });
    expect(production.entries.map((entry) => entry.file)).toEqual(['web/index.js']);
  });
});

describe('Vercel through now.json', () => {
  const files = {
    'package.json': pkg({ dependencies: { next: '7' }, scripts: { start: 'NODE_ENV=production node server.js' } }),
    'server.js': "const next = require('next');\nconst app = next({ dev: process.env.NODE_ENV !== 'production' });\n",
  };

  it('a version 2 now.json serves the pages as next start does: the custom server is not run', () => {
    const { production } = productionOf({ ...files, 'now.json': '{ "version": 2, "builds": [{ "src": "next.config.js", "use": "@now/next" }] }' });
    expect(production).toMatchObject({ start: { command: 'next start', how: 'vercel (next start): now.json' }, platform: 'vercel', entries: [] });
  });

  it('a version 1 now.json ran npm start: the custom server is what runs', () => {
    const { production } = productionOf({ ...files, 'now.json': '{ "version": 1, "name": "app" }' });
    expect(production.start?.how).toBe('package.json scripts.start');
  });
});
