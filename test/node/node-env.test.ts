import { describe, expect, it } from 'vitest';
import { EXPRESS, pkg, productionOf } from './helpers.js';

const base = { 'package.json': pkg({ ...EXPRESS, scripts: { start: 'node server.js' } }), 'server.js': '' };

describe('NODE_ENV where production runs', () => {
  it('Heroku sets production; the platform value reaches the environment the program is evaluated with', () => {
    const { production, environment } = productionOf({ ...base, Procfile: 'web: node server.js\n' });
    expect(production.nodeEnv).toEqual({ value: 'production', how: "Heroku's Node.js buildpack sets NODE_ENV=production", confidence: 'certain' });
    expect(environment.get('NODE_ENV')?.value).toBe('production');
  });

  it('a Dockerfile sets nothing by itself, and its ENV is read when it does', () => {
    const bare = productionOf({ ...base, Dockerfile: 'FROM node:20\nCOPY . .\nCMD ["node", "server.js"]\n' });
    expect(bare.production.nodeEnv).toEqual({ how: 'nothing sets NODE_ENV (docker sets none)', confidence: 'default' });
    expect(bare.environment.get('NODE_ENV')).toBeUndefined();
    const set = productionOf({ ...base, Dockerfile: 'FROM node:20\nENV NODE_ENV=development\nCMD ["node", "server.js"]\n' });
    expect(set.production.nodeEnv).toMatchObject({ value: 'development', confidence: 'certain', location: { file: 'Dockerfile', line: 2 } });
  });

  it('Render and Fly.io set nothing', () => {
    const render = 'services:\n  - type: web\n    name: api\n    startCommand: node server.js\n';
    expect(productionOf({ ...base, 'render.yaml': render }).production.nodeEnv).toMatchObject({ confidence: 'default', how: 'nothing sets NODE_ENV (render sets none)' });
    expect(productionOf({ ...base, 'fly.toml': 'app = "x"\n[processes]\napp = "node server.js"\n' }).production.nodeEnv.value).toBeUndefined();
  });

  it('the start command sets it (NODE_ENV=production node x), also through a package.json script', () => {
    const direct = productionOf({ ...base, Procfile: 'web: NODE_ENV=staging node server.js\n' });
    expect(direct.production.nodeEnv).toMatchObject({ value: 'staging', confidence: 'certain', location: { file: 'Procfile', line: 1 } });
    const script = productionOf({ 'package.json': pkg({ ...EXPRESS, scripts: { start: 'NODE_ENV=production node server.js' } }), 'server.js': '', 'render.yaml': 'services:\n  - type: web\n    name: api\n    startCommand: npm start\n' });
    expect(script.production.nodeEnv).toMatchObject({ value: 'production', confidence: 'certain' });
    expect(script.environment.get('NODE_ENV')?.value).toBe('production');
  });

  it('next start runs in production mode; Vercel sets production', () => {
    const next = productionOf({ 'package.json': pkg({ dependencies: { next: '14' }, scripts: { start: 'next start' } }) });
    expect(next.production.nodeEnv).toEqual({ value: 'production', how: '`next start` runs with NODE_ENV=production', confidence: 'certain' });
    const vercel = productionOf({ 'package.json': pkg({ dependencies: { next: '14' } }), 'vercel.json': '{}' });
    expect(vercel.production.nodeEnv.how).toBe('Vercel runs the app with NODE_ENV=production');
  });

  it("a Next.js image running the standalone server.js next build writes runs in production mode; the app's own server.js does not", () => {
    const dockerfile = 'FROM node:20 AS builder\nRUN npm run build\nFROM node:20-slim\nCOPY --from=builder /app/.next/standalone ./\nCMD ["node", "server.js"]\n';
    const standalone = productionOf({ 'package.json': pkg({ dependencies: { next: '14' } }), Dockerfile: dockerfile });
    expect(standalone.production.nodeEnv).toMatchObject({ value: 'production', how: '`next start` runs with NODE_ENV=production' });
    expect(standalone.production.assumptions).toEqual([
      "Dockerfile CMD (stage 1, last stage) runs server.js, not in the repository: taken as the server `next build` writes for output: 'standalone', which serves the app as `next start` does",
    ]);
    const custom = productionOf({ 'package.json': pkg({ dependencies: { next: '14', express: '4' } }), 'server.js': '', Dockerfile: dockerfile });
    expect(custom.production).toMatchObject({ entries: [{ file: 'server.js' }], nodeEnv: { confidence: 'default' }, assumptions: [] });
  });

  it('a platform variable whose value is not known here is unknown; --set decides', () => {
    const render = 'services:\n  - type: web\n    name: api\n    startCommand: node server.js\n    envVars:\n      - key: NODE_ENV\n        sync: false\n';
    expect(productionOf({ ...base, 'render.yaml': render }).production.nodeEnv.confidence).toBe('unknown');
    expect(productionOf(base, { set: { NODE_ENV: 'production' } }).production.nodeEnv).toEqual({ value: 'production', how: '--set', confidence: 'certain' });
  });

  it('pm2 env_production sets it for the app pm2 starts', () => {
    const { production } = productionOf(
      { ...base, 'ecosystem.config.js': '' },
      { ecosystem: [{ script: 'server.js', nodeEnv: { value: 'production', location: { file: 'ecosystem.config.js', line: 4, column: 7 }, how: 'ecosystem.config.js apps[0].env_production.NODE_ENV' } }] },
    );
    expect(production.nodeEnv).toMatchObject({ value: 'production', confidence: 'certain', how: 'ecosystem.config.js apps[0].env_production.NODE_ENV' });
  });
});
