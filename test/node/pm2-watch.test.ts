import { describe, expect, it } from 'vitest';
import type { RuleDefinition } from '../../src/engine/types.js';
import { runCheck } from '../../src/frameworks.js';
import { defineRule } from '../../src/node/define-rule.js';
import { pm2WatchFlag } from '../../src/node/pm2-watch.js';
import type { NodeProduction } from '../../src/node/types.js';
import { makeProject } from '../helpers/project.js';
import type { Files } from '../helpers/project.js';
import { EXPRESS, pkg } from './helpers.js';

/** The pm2 watch the production model read from the ecosystem file production starts. */
async function pm2WatchOf(files: Files): Promise<NodeProduction['pm2Watch']> {
  const seen: NodeProduction[] = [];
  const probe = defineRule({ id: 'test/pm2', title: 'pm2', severity: 'low', docs: { why: '', fix: '' }, check: ({ project }) => void seen.push(project.production) });
  await runCheck({ root: makeProject(files), rules: [probe as RuleDefinition] });
  expect(seen).toHaveLength(1);
  return seen[0]!.pm2Watch;
}

describe('pm2 watching files', () => {
  it('reads watch from the ecosystem file production starts, JS or JSON', async () => {
    const js = await pm2WatchOf({
      'api/package.json': pkg(EXPRESS),
      'api/server.js': "require('express')().listen(3000);\n",
      'api/ecosystem.config.js': "module.exports = {\n  apps: [{\n    name: 'api',\n    script: 'server.js',\n    watch: true,\n  }],\n};\n",
      'api/Dockerfile': 'FROM node:20\nCOPY . .\nCMD ["pm2-runtime", "ecosystem.config.js", "--env", "production"]\n',
    });
    expect(js).toEqual({ location: { file: 'api/ecosystem.config.js', line: 5, column: 12, endLine: 5, endColumn: 16 }, setting: 'watch: true in api/ecosystem.config.js' });
    const json = await pm2WatchOf({
      'package.json': pkg({ ...EXPRESS, scripts: { start: 'pm2 start ecosystem.json' } }),
      'server.js': "require('express')().listen(3000);\n",
      'ecosystem.json': '{ "apps": [{ "script": "server.js", "watch": ["src"] }] }\n',
      Procfile: 'web: npm start\n',
    });
    expect(json).toMatchObject({ setting: 'ecosystem.json apps[0].watch' });
  });

  it('leaves an ecosystem file without watch alone', async () => {
    expect(
      await pm2WatchOf({
        'package.json': pkg(EXPRESS),
        'server.js': "require('express')().listen(3000);\n",
        'ecosystem.config.js': "module.exports = { apps: [{ script: 'server.js', watch: false, instances: 2 }] };\n",
        Dockerfile: 'FROM node:20\nCOPY . .\nCMD ["pm2-runtime", "start", "ecosystem.config.js"]\n',
      }),
    ).toBeUndefined();
  });

  it('finds --watch on the pm2 command, through package scripts, and nothing on other commands', () => {
    expect(pm2WatchFlag('npx pm2 start server.js --watch')).toEqual({ setting: 'pm2 --watch' });
    expect(pm2WatchFlag('npm start', { start: 'pm2-runtime server.js --watch=src' })).toEqual({ setting: 'pm2-runtime --watch' });
    expect(pm2WatchFlag('pm2 start server.js')).toBeUndefined();
    expect(pm2WatchFlag('node server.js --watch-later')).toBeUndefined();
  });
});
