import { describe, expect, it } from 'vitest';
import { pm2WatchIn } from '../../src/node/pm2-watch.js';
import { workspaceOf } from '../helpers/workspace.js';

describe('pm2WatchIn', () => {
  it('finds watch in the ecosystem file production starts (JS or JSON), and --watch', () => {
    const workspace = workspaceOf({
      'api/ecosystem.config.js': "module.exports = {\n  apps: [{\n    name: 'api',\n    script: 'server.js',\n    watch: true,\n  }],\n};\n",
      'api/ecosystem.json': '{ "apps": [{ "script": "server.js", "watch": ["src"] }] }\n',
    });
    expect(pm2WatchIn(workspace, 'api', 'pm2-runtime ecosystem.config.js --env production')).toEqual({
      location: { file: 'api/ecosystem.config.js', line: 5, column: 12, endLine: 5, endColumn: 16 },
      setting: 'watch: true in api/ecosystem.config.js',
    });
    expect(pm2WatchIn(workspace, 'api', 'npm start', { start: 'pm2 start ecosystem.json' })).toMatchObject({ setting: 'api/ecosystem.json apps[0].watch' });
    expect(pm2WatchIn(workspace, 'api', 'npx pm2 start server.js --watch')).toEqual({ setting: 'pm2 --watch' });
  });

  it('leaves pm2 without watch, and other commands, alone', () => {
    const workspace = workspaceOf({ 'ecosystem.config.js': "module.exports = { apps: [{ script: 'server.js', watch: false, instances: 2 }] };\n" });
    expect(pm2WatchIn(workspace, '', 'pm2-runtime start ecosystem.config.js')).toBeUndefined();
    expect(pm2WatchIn(workspace, '', 'pm2 start missing.config.js')).toBeUndefined();
    expect(pm2WatchIn(workspace, '', 'node server.js --watch-later')).toBeUndefined();
  });
});
