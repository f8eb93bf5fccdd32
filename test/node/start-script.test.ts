import { describe, expect, it } from 'vitest';
import { parseStart } from '../../src/node/production/command.js';
import { pkg, productionOf } from './helpers.js';

const FASTIFY = { dependencies: { fastify: '4', 'fastify-cli': '5' } };

describe('a start command that runs a shell script of the repository', () => {
  it('reads the Node command the script starts, through a variable it evals', () => {
    const files = {
      'package.json': pkg({ ...FASTIFY, scripts: { start: 'bin/start.sh' } }),
      'bin/start.sh': '#!/usr/bin/env bash\nset -e\nCOMMAND="fastify start app/plugin.js -a 0.0.0.0 -l info | pino-pretty"\necho $COMMAND\neval $COMMAND\n',
      'app/plugin.js': 'export default async function plugin(app) {}\n',
    };
    const { production, start } = productionOf(files);
    expect(start?.parsed?.run).toEqual({ kind: 'file', runner: 'fastify', file: 'app/plugin.js', envFiles: [], plugin: 'fastify' });
    expect(production.entries).toEqual([{ file: 'app/plugin.js', how: 'package.json scripts.start → bin/start.sh:5 runs app/plugin.js' }]);
  });

  it('a Dockerfile CMD running a script that execs node, under the image WORKDIR', () => {
    const files = {
      'package.json': pkg({ dependencies: { express: '4' } }),
      Dockerfile: 'FROM node:20\nWORKDIR /srv\nCOPY . .\nCMD ["/srv/scripts/run.sh"]\n',
      'scripts/run.sh': '#!/bin/sh\nnpx prisma migrate deploy\nexec node \\\n  server.js\n',
      'server.js': '',
    };
    const { production } = productionOf(files);
    expect(production.start?.how).toBe('Dockerfile CMD (stage 0, last stage) → scripts/run.sh:3');
    expect(production.entries.map((entry) => entry.file)).toEqual(['server.js']);
  });

  it('what the script exports before the command holds for it (NODE_ENV)', () => {
    const files = {
      'package.json': pkg({ dependencies: { express: '4' }, scripts: { start: 'sh ./start.sh' } }),
      'start.sh': 'export NODE_ENV=development\nexport PORT=8080\nnode server.js\n',
      'server.js': '',
    };
    const { production } = productionOf(files);
    expect(production.nodeEnv).toMatchObject({ value: 'development', confidence: 'certain' });
    const plain = productionOf({ ...files, 'start.sh': 'NODE_ENV=development\nnode server.js\n' });
    // A variable the script sets without export is not in node's environment.
    expect(plain.production.nodeEnv.value).toBeUndefined();
  });

  it('a deploy script whose only Node line is a build step is not the Node start command', () => {
    const files = {
      'package.json': pkg({ dependencies: { express: '4' }, scripts: { build: 'tsc -p .', start: 'node server.js' } }),
      Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["/app/entrypoint.sh"]\n',
      'entrypoint.sh': '#!/bin/sh\nnpm run build\nexec gunicorn mysite.wsgi\n',
      'server.js': '',
    };
    expect(productionOf(files).production.start?.how).toBe('package.json scripts.start');
    const serving = productionOf({ ...files, 'entrypoint.sh': '#!/bin/sh\nnpm run build\nexec npm start\n' });
    expect(serving.production.start?.how).toBe('Dockerfile CMD (stage 0, last stage) → entrypoint.sh:3 → package.json scripts.start');
  });

  it('a script that starts nothing Node, or is not in the repository, starts nothing known', () => {
    const none = productionOf({ 'package.json': pkg({ dependencies: { express: '4' }, scripts: { start: './run.sh' } }), 'run.sh': 'echo hello\npython3 app.py\n' });
    expect(none.start?.parsed).toBeUndefined();
    const missing = productionOf({ 'package.json': pkg({ dependencies: { express: '4' }, scripts: { start: 'bin/missing.sh' } }) });
    expect(missing.start?.parsed).toBeUndefined();
  });
});

describe('fastify-cli', () => {
  it('fastify start runs the plugin file; options and their values are skipped', () => {
    expect(parseStart('fastify start -l info -a 0.0.0.0 --port 3000 src/app.js')?.run).toEqual({ kind: 'file', runner: 'fastify', file: 'src/app.js', envFiles: [], plugin: 'fastify' });
    expect(parseStart('fastify generate myapp')).toBeUndefined();
  });
});
