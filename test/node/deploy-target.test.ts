import { describe, expect, it } from 'vitest';
import { EXPRESS, pkg, productionOf } from './helpers.js';

const DOCKERFILE = 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nENV NODE_ENV=development\nCMD ["node", "server.js"]\n';
const NO_ENV_DOCKERFILE = 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n';

describe('a Procfile web process in a repository that builds an image', () => {
  it('runs in the image: the image ENV is production, the platform is Docker, not Heroku', () => {
    const result = productionOf({ 'package.json': pkg(EXPRESS), Procfile: 'web: node server.js\n', Dockerfile: DOCKERFILE, 'server.js': '' });
    expect(result.production).toMatchObject({ platform: 'docker', nodeEnv: { value: 'development', location: { file: 'Dockerfile', line: 4 } } });
    expect(result.platforms).not.toContain('heroku');
    expect(result.production.assumptions).toContain("Procfile web is taken as the command run in the image Dockerfile builds (no heroku.yml): the image's environment is production's, not Heroku's buildpack's");
    // Heroku's buildpack NODE_ENV=production is not assumed for the image.
    const unset = productionOf({ 'package.json': pkg(EXPRESS), Procfile: 'web: node server.js\n', Dockerfile: NO_ENV_DOCKERFILE, 'server.js': '' });
    expect(unset.production.nodeEnv).toMatchObject({ confidence: 'default' });
    expect(unset.production.nodeEnv.value).toBeUndefined();
  });

  it('a Procfile alone is Heroku (NODE_ENV=production); heroku.yml or fly.toml decide the deploy themselves', () => {
    const heroku = productionOf({ 'package.json': pkg(EXPRESS), Procfile: 'web: node server.js\n', 'server.js': '' });
    expect(heroku.production).toMatchObject({ platform: 'heroku', nodeEnv: { value: 'production' }, assumptions: [] });
    const herokuYml = productionOf({ 'package.json': pkg(EXPRESS), Procfile: 'web: node server.js\n', 'heroku.yml': 'build:\n  docker:\n    web: Dockerfile\n', Dockerfile: NO_ENV_DOCKERFILE, 'server.js': '' });
    expect(herokuYml.platforms).toContain('heroku');
    expect(herokuYml.production.assumptions).toEqual([]);
  });
});

describe('nixpacks.toml [variables]', () => {
  it('are in the environment the app runs with; the start command words win', () => {
    const files = {
      'package.json': pkg(EXPRESS),
      'railway.json': '{ "deploy": { "startCommand": "cd api && npm start" } }',
      'api/package.json': pkg({ ...EXPRESS, scripts: { start: 'node index.js' } }),
      'api/index.js': '',
      'nixpacks.toml': '[phases.start]\ncmd = "cd api && npm start"\n\n[variables]\nNODE_ENV = "production"\nPORT = 8080\n',
    };
    const { production, environment } = productionOf(files, { root: 'api' });
    expect(production.nodeEnv).toMatchObject({ value: 'production', confidence: 'certain', location: { file: 'nixpacks.toml', line: 5 } });
    expect(environment.get('PORT')?.value).toBe('8080');
    const overridden = productionOf({ ...files, 'api/package.json': pkg({ ...EXPRESS, scripts: { start: 'NODE_ENV=staging node index.js' } }) }, { root: 'api' });
    expect(overridden.production.nodeEnv.value).toBe('staging');
  });

  it('without them nothing sets NODE_ENV on Railway', () => {
    const { production } = productionOf({ 'package.json': pkg({ ...EXPRESS, scripts: { start: 'node index.js' } }), 'index.js': '', 'nixpacks.toml': '[phases.build]\ncmds = ["npm ci"]\n', 'railway.json': '{}' });
    expect(production.nodeEnv.value).toBeUndefined();
  });
});
