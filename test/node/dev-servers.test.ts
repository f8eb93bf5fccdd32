import { describe, expect, it } from 'vitest';
import { devServerIn, nodeEnvInCommand } from '../../src/node/dev-servers.js';

describe('devServerIn', () => {
  it.each([
    ['next dev -p 3000', 'next dev'],
    ['npx nodemon server.js', 'nodemon'],
    ['cross-env NODE_ENV=production ts-node-dev --respawn src/index.ts', 'ts-node-dev'],
    ['node --watch server.js', 'node --watch'],
    ['nest start --watch', 'nest start --watch'],
    ['vite --host 0.0.0.0', 'vite'],
    ['npm run build && webpack serve --mode production', 'webpack serve'],
    ['exec webpack-dev-server', 'webpack-dev-server'],
  ])('finds %s', (command, tool) => {
    expect(devServerIn(command)?.tool).toBe(tool);
  });

  it('follows package scripts run by npm, yarn and pnpm', () => {
    const scripts = { start: 'npm run serve', serve: 'nodemon app.js', dev: 'next dev', build: 'next build' };
    expect(devServerIn('npm start', scripts)).toMatchObject({ tool: 'nodemon', script: 'serve' });
    expect(devServerIn('yarn dev', scripts)).toMatchObject({ tool: 'next dev', script: 'dev' });
    expect(devServerIn('pnpm run build', scripts)).toBeUndefined();
  });

  it('leaves production servers alone, and stops on a script that runs itself', () => {
    for (const command of ['next start', 'node dist/main.js', 'nest start', 'vite build && node server.js', 'ts-node src/index.ts', 'pm2-runtime ecosystem.config.js']) {
      expect(devServerIn(command), command).toBeUndefined();
    }
    expect(devServerIn('npm start', { start: 'npm start' })).toBeUndefined();
  });
});

describe('nodeEnvInCommand', () => {
  it('reads NODE_ENV set by the command or a script it runs, in any form', () => {
    expect(nodeEnvInCommand('npm start', { start: 'cross-env NODE_ENV=production node server.js' })).toBe('production');
    expect(nodeEnvInCommand('export NODE_ENV=staging && node server.js')).toBe('staging');
    expect(nodeEnvInCommand("env NODE_ENV='development' node server.js")).toBe('development');
    expect(nodeEnvInCommand('node server.js', { start: 'NODE_ENV=production node server.js' })).toBeUndefined();
    expect(nodeEnvInCommand('MY_NODE_ENV=x node server.js')).toBeUndefined();
  });
});
