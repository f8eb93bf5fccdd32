import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeployFacts } from '../../src/deploy/types.js';
import { UsageError } from '../../src/core/errors.js';
import { buildEnvironment, envFileLoader } from '../../src/env/environment.js';
import type { EnvVar } from '../../src/env/types.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject } from '../helpers/project.js';
import { workspaceOf } from '../helpers/workspace.js';

function deployWith(env: EnvVar[], files: DeployFacts['files'] = [{ kind: 'dockerfile', path: 'Dockerfile' }]): DeployFacts {
  return { files, commands: [], env, buildArgs: [], platforms: [], platformSettings: {}, problems: [] };
}

const dockerfileVar = (name: string, value: string | undefined, line: number): EnvVar => ({
  name,
  value,
  source: { kind: 'dockerfile', location: { file: 'Dockerfile', line, column: 5 }, label: `Dockerfile:${line}` },
});

describe('buildEnvironment', () => {
  it('layers deploy files < .env.production < --env-file < --set in production', () => {
    const root = makeProject({
      '.env': 'LOCAL_ONLY=1\nDEBUG=True\n',
      '.env.production': 'DEBUG=False\nSECRET_KEY=from-env-production\nALLOWED_HOSTS=example.com\n',
      'ci.env': 'SECRET_KEY=from-env-file\n',
    });
    const workspace = openWorkspace(root);
    const deploy = deployWith([dockerfileVar('DEBUG', '1', 3), dockerfileVar('ALLOWED_HOSTS', 'a.com', 4), dockerfileVar('PORT', '8000', 5)]);
    const environment = buildEnvironment(workspace, deploy, { envFiles: [join(root, 'ci.env')], set: { ALLOWED_HOSTS: 'cli.example.com' } });

    expect(environment.name).toBe('production');
    expect(environment.get('LOCAL_ONLY')).toBeUndefined();
    expect(environment.get('PORT')?.source.label).toBe('Dockerfile:5');
    expect(environment.get('DEBUG')).toMatchObject({ value: 'False', source: { label: '.env.production:1' } });
    expect(environment.get('SECRET_KEY')).toMatchObject({ value: 'from-env-file', source: { label: 'ci.env:1' } });
    expect(environment.get('ALLOWED_HOSTS')).toMatchObject({ value: 'cli.example.com', source: { kind: 'cli', label: '--set' } });
    expect(environment.files).toEqual(['.env.production', 'ci.env']);
  });

  it('keeps platform-provided variables (value unknown) as set, and lists env files deploy files load', () => {
    const root = makeProject({});
    const provided: EnvVar = { name: 'DATABASE_URL', value: undefined, source: { kind: 'app.json', label: 'heroku-postgresql add-on (app.json)' } };
    const fromEnvFile: EnvVar = {
      name: 'SECRET_KEY',
      value: 'x',
      source: { kind: 'docker-compose', location: { file: '.env', line: 1, column: 1 }, label: '.env:1' },
    };
    const environment = buildEnvironment(openWorkspace(root), deployWith([provided, fromEnvFile], [{ kind: 'docker-compose', path: 'docker-compose.yml' }]));
    expect(environment.vars.has('DATABASE_URL')).toBe(true);
    expect(environment.get('DATABASE_URL')?.value).toBeUndefined();
    expect(environment.files).toEqual(['.env']);
  });

  it('adds the variables the detected platforms set at run time, below everything the deploy files declare', () => {
    const root = makeProject({ '.env.production': 'PORT=9000\n' });
    const deploy: DeployFacts = { ...deployWith([dockerfileVar('DYNO', 'web.1', 2)]), platforms: ['heroku', 'render'] };
    const environment = buildEnvironment(openWorkspace(root), deploy);
    expect(environment.get('DYNO')?.value).toBe('web.1');
    expect(environment.get('PORT')).toMatchObject({ value: '9000', source: { label: '.env.production:1' } });
    expect(environment.get('RENDER')).toEqual({ name: 'RENDER', value: 'true', source: { kind: 'platform', label: 'Render sets RENDER at run time' } });
    expect(environment.get('RENDER_EXTERNAL_HOSTNAME')).toMatchObject({ value: undefined, source: { kind: 'platform' } });
    const heroku = buildEnvironment(openWorkspace(root), { ...deployWith([]), platforms: ['heroku'] });
    expect(heroku.get('DYNO')).toEqual({ name: 'DYNO', value: undefined, source: { kind: 'platform', label: 'Heroku sets DYNO at run time' } });
    const fly = buildEnvironment(openWorkspace(root), { ...deployWith([]), platforms: ['fly', 'docker'] });
    expect([...fly.vars.keys()]).toEqual(['FLY_APP_NAME', 'FLY_REGION', 'FLY_ALLOC_ID', 'FLY_MACHINE_ID', 'PORT']);
    expect(fly.files).toEqual(['.env.production']);
    const development = buildEnvironment(openWorkspace(root), { ...deployWith([]), platforms: ['heroku'] }, { name: 'development' });
    expect(development.get('DYNO')).toBeUndefined();
  });

  it('reads the project root after the workspace root', () => {
    const root = makeProject({ '.env.prod': 'A=root\nB=root\n', 'backend/.env.production': 'A=backend\n' });
    const environment = buildEnvironment(openWorkspace(root), deployWith([]), { projectRoot: 'backend' });
    expect(environment.get('A')?.source.label).toBe('backend/.env.production:1');
    expect(environment.get('B')?.value).toBe('root');
  });

  it('uses the named files for other environments and ignores deploy files there', () => {
    const workspace = workspaceOf({
      '.env': 'A=env\nB=env\n',
      '.env.local': 'B=local\n',
      '.env.staging': 'C=staging\n',
      '.env.production': 'D=prod\n',
    });
    const deploy = deployWith([dockerfileVar('E', 'docker', 2)]);
    const development = buildEnvironment(workspace, deploy, { name: 'development' });
    expect([...development.vars.keys()].sort()).toEqual(['A', 'B']);
    expect(development.get('B')?.value).toBe('local');
    const staging = buildEnvironment(workspace, deploy, { name: 'staging' });
    expect([...staging.vars.keys()]).toEqual(['C']);
  });

  it('throws a UsageError for a missing --env-file', () => {
    const root = makeProject({});
    expect(() => buildEnvironment(openWorkspace(root), deployWith([]), { envFiles: [join(root, 'nope.env')] })).toThrow(UsageError);
  });
});

describe('buildEnvironment reads each env file as its consumer does', () => {
  const production = 'SECRET_KEY=q8#n2v!x\nDEBUG=False # set by ops\n';
  const key = (files: Record<string, string>, deploy = deployWith([])) =>
    buildEnvironment(workspaceOf({ '.env.production': production, ...files }), deploy).get('SECRET_KEY')?.value;

  it('keeps # inside the value for a Django project, whatever its loader', () => {
    expect(key({ 'manage.py': '' })).toBe('q8#n2v!x');
    expect(key({ 'manage.py': '', 'site/settings.py': "import environ\nenviron.Env.read_env('.env.production')\n" })).toBe('q8#n2v!x');
    expect(key({ 'manage.py': '', 'site/settings.py': 'from decouple import config\n' })).toBe('q8#n2v!x');
  });

  it('ends the value at # for npm dotenv (Node) and for a django-environ 0.11 pin', () => {
    expect(key({ 'package.json': '{}' })).toBe('q8');
    const environ011 = { 'manage.py': '', 'requirements.txt': 'django-environ==0.11.2\n', 'site/settings.py': "import environ\nenviron.Env.read_env('.env.production')\n" };
    expect(key(environ011)).toBe('q8');
  });

  it("uses Compose's rules for a file a compose env_file reads", () => {
    const composeVar: EnvVar = { name: 'SECRET_KEY', value: 'q8#n2v!x', source: { kind: 'docker-compose', location: { file: '.env.production', line: 1, column: 1 }, label: '.env.production:1 (env_file of docker-compose.yml)' } };
    const root = makeProject({ 'manage.py': '', '.env.production': 'SECRET_KEY=q8#n2v!x\nDEBUG=False # set by ops\nTAB=a\t# b\n' });
    const environment = buildEnvironment(openWorkspace(root), deployWith([composeVar], [{ kind: 'docker-compose', path: 'docker-compose.yml' }]));
    expect(environment.get('DEBUG')?.value).toBe('False');
    // Compose wants a space before `#`: after a tab it is part of the value (python-dotenv would cut it).
    expect(environment.get('TAB')?.value).toBe('a\t# b');
  });
});

describe('envFileLoader', () => {
  it('gives the variables of a file production would have, not of one git ignores', () => {
    const root = makeProject({ '.gitignore': '.env\n', '.env': 'SECRET_KEY=ignored\n', 'config/prod.env': 'SECRET_KEY=committed\n' });
    execFileSync('git', ['init', '-q'], { cwd: root });
    const load = envFileLoader(openWorkspace(root));
    expect(load('.env', 'python-dotenv')).toBeUndefined();
    expect(load('config/prod.env', 'django-environ')).toEqual([
      {
        name: 'SECRET_KEY',
        value: 'committed',
        source: { kind: 'settings-loader', location: { file: 'config/prod.env', line: 1, column: 1 }, label: 'config/prod.env:1 (loaded by settings)' },
      },
    ]);
    expect(load('missing.env', 'python-dotenv')).toBeUndefined();
  });

  it('assumes a file deploys when the workspace is not a git repository', () => {
    const root = makeProject({ '.gitignore': '.env\n', '.env': 'DEBUG=1\n' });
    expect(envFileLoader(openWorkspace(root))('.env', 'decouple')?.map((v) => v.value)).toEqual(['1']);
  });

  it('reads the file with the rules of the library that loads it', () => {
    const root = makeProject({ '.env': 'SECRET_KEY=q8#n2v # rotated\nDEBUG=off\n' });
    const load = envFileLoader(openWorkspace(root));
    expect(load('.env', 'python-dotenv')?.map((v) => v.value)).toEqual(['q8#n2v', 'off']);
    expect(load('.env', 'django-environ')?.map((v) => v.value)).toEqual(['q8#n2v # rotated', 'off']);
    expect(load('.env', 'npm-dotenv')?.map((v) => v.value)).toEqual(['q8', 'off']);
  });
});
