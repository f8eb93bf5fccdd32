/** Entry points followed the way the platform does: deployed stage, scripts, server configs, deploy scripts. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDeployFacts } from '../../src/deploy/index.js';
import { readDockerfile } from '../../src/deploy/dockerfile.js';
import { isExcludedFromDeployedImages, isExcludedFromImage, readDockerIgnore } from '../../src/deploy/dockerignore.js';
import type { DeployCommand, DeployFacts } from '../../src/deploy/types.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { deployFactsOf as facts } from '../helpers/deploy.js';

const at = (location: { file: string; line: number }): string => `${location.file}:${location.line}`;
const find = (all: DeployFacts, text: string): DeployCommand => {
  const command = all.commands.find((candidate) => candidate.text.includes(text));
  if (!command) throw new Error(`no command with ${text}: ${all.commands.map((c) => c.text).join(' | ')}`);
  return command;
};
const envOf = (command: DeployCommand): string[] => (command.env ?? []).map((v) => `${v.name}=${v.value}`);

const MULTI_STAGE = [
  'FROM python:3.12 AS build', // 1
  'ENV BUILD_ONLY=1',
  'USER builder',
  'CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]',
  'FROM python:3.12-slim AS runtime', // 5
  'ENV RUNTIME=1',
  'CMD ["gunicorn", "shop.wsgi"]',
  '',
].join('\n');

describe('the deployed Dockerfile stage', () => {
  it('is the last stage: earlier stages\' CMD, ENV and USER do not count', () => {
    const reading = readDockerfile('Dockerfile', MULTI_STAGE);
    expect(reading.commands.map((c) => c.text)).toEqual(['gunicorn shop.wsgi']);
    expect(reading.env.map((v) => v.name)).toEqual(['RUNTIME']);
    expect(reading.containerUser).toBeUndefined();
    expect(reading.stage).toMatchObject({ stage: 'runtime', index: 1, chosenBy: 'last stage', location: { line: 5 } });
  });

  it('is the named target when one is given, and the last stage (with a problem) when the target does not exist', () => {
    const target = readDockerfile('Dockerfile', MULTI_STAGE, { target: { name: 'build', chosenBy: 'compose.prod.yml web.build.target' } });
    expect(target.commands.map((c) => c.text)).toEqual(['python manage.py runserver 0.0.0.0:8000']);
    expect(target.env.map((v) => v.name)).toEqual(['BUILD_ONLY']);
    expect(target.containerUser?.user).toBe('builder');
    expect(target.stage?.chosenBy).toBe('compose.prod.yml web.build.target');
    const missing = readDockerfile('Dockerfile', MULTI_STAGE, { target: { name: 'nope', chosenBy: 'fly.toml [build] build-target' } });
    expect(missing.commands.map((c) => c.text)).toEqual(['gunicorn shop.wsgi']);
    expect(missing.problems.map((p) => p.message)).toEqual([expect.stringContaining('no stage named nope')]);
  });

  it('inherits ENV from `FROM <earlier stage>`, and an ENTRYPOINT resets the CMD inherited from it', () => {
    const reading = readDockerfile('Dockerfile', 'FROM python AS base\nENV A=1\nCMD ["gunicorn", "x.wsgi"]\nFROM base\nENV B=2\nENTRYPOINT ["/entry.sh"]\n');
    expect(reading.env.map((v) => v.name)).toEqual(['A', 'B']);
    expect(reading.commands.map((c) => c.text)).toEqual(['/entry.sh']);
    const kept = readDockerfile('Dockerfile', 'FROM python\nCMD ["gunicorn", "x.wsgi"]\nENTRYPOINT ["/entry.sh"]\n');
    expect(kept.commands.map((c) => `${c.text} ${c.deployed}`)).toEqual(['/entry.sh true', 'gunicorn x.wsgi true']);
    // A shell-form ENTRYPOINT ignores CMD.
    const shell = readDockerfile('Dockerfile', 'FROM python\nCMD ["python", "manage.py", "runserver"]\nENTRYPOINT gunicorn x.wsgi\n');
    expect(shell.commands.map((c) => `${c.text} ${c.deployed} ${c.role}`)).toEqual(['gunicorn x.wsgi true web', 'python manage.py runserver false undefined']);
  });

  it('is the build.target of a production compose file, and the last stage without one', () => {
    const files = {
      Dockerfile: MULTI_STAGE.replace('AS build', 'AS base').replace('python:3.12-slim AS runtime', 'base AS dev').replace('gunicorn', 'gunicorn-dev') + 'FROM base AS production\nCMD ["gunicorn", "shop.wsgi"]\n',
      'docker-compose.prod.yml': 'services:\n  web:\n    build:\n      context: .\n      target: production\n',
    };
    // Without the compose file the last stage is deployed.
    const alone = facts({ Dockerfile: files.Dockerfile });
    expect(alone.commands.map((c) => c.text)).toEqual(['gunicorn shop.wsgi']);
    const devLast = files.Dockerfile.replace(/FROM base AS production\n.*\n$/, '');
    expect(facts({ Dockerfile: devLast }).commands.map((c) => c.text)).toEqual(['gunicorn-dev shop.wsgi']);
    const targeted = facts({ ...files, Dockerfile: `${devLast}FROM base AS production\nCMD ["gunicorn", "shop.wsgi"]\nFROM base AS docs\nCMD ["mkdocs", "serve"]\n` });
    expect(targeted.commands.map((c) => c.text)).toEqual(['gunicorn shop.wsgi']);
    expect(targeted.deployedStages).toEqual([
      expect.objectContaining({ dockerfile: 'Dockerfile', stage: 'production', chosenBy: 'docker-compose.prod.yml web.build.target', targetLocation: expect.objectContaining({ line: 5 }) }),
    ]);
    expect(targeted.composeFiles).toEqual([{ path: 'docker-compose.prod.yml', production: true, why: 'named for production' }]);
  });

  it('is the Dockerfile and build-target fly.toml names', () => {
    const result = facts({
      'fly.toml': '[build]\n  dockerfile = "deploy/Dockerfile.fly"\n  build-target = "runtime"\n[processes]\n  app = "gunicorn shop.wsgi"\n  worker = "celery -A shop worker"\n[deploy]\n  release_command = "python manage.py migrate --settings=shop.settings.fly"\n',
      'deploy/Dockerfile.fly': MULTI_STAGE + 'FROM runtime AS tests\nCMD ["pytest"]\n',
    });
    expect(result.deployedStages).toEqual([expect.objectContaining({ dockerfile: 'deploy/Dockerfile.fly', stage: 'runtime', chosenBy: 'fly.toml [build] build-target' })]);
    expect(find(result, 'celery').role).toBe('worker');
    expect(find(result, 'gunicorn shop.wsgi').role).toBe('web');
    const release = find(result, 'migrate');
    expect(release.role).toBe('release');
    expect(release.manage).toEqual({ subcommand: 'migrate', settingsModule: 'shop.settings.fly' });
    expect(result.commands.some((c) => c.text === 'pytest')).toBe(false);
  });
});

describe('entrypoint scripts', () => {
  const IMAGE = {
    Dockerfile: [
      'FROM python:3.12',
      'WORKDIR /app',
      'COPY docker/ /app/docker/',
      'COPY . .',
      'ENTRYPOINT ["/app/docker/docker-entrypoint.sh"]', // 5
      'CMD ["gunicorn", "shop.wsgi:application", "--bind", "0.0.0.0:8000"]', // 6
      '',
    ].join('\n'),
    'docker/docker-entrypoint.sh': [
      '#!/bin/sh',
      'set -e',
      '. ./docker/env.sh',
      'export DB_READY=1',
      './docker/migrate.sh', // 5
      'exec "$@"', // 6
      '',
    ].join('\n'),
    'docker/env.sh': 'export DJANGO_SETTINGS_MODULE=shop.settings.production\n',
    'docker/migrate.sh': '#!/bin/sh\nuntil python manage.py migrate --settings=shop.settings.production; do sleep 1; done\n',
  };

  it('follows ENTRYPOINT → script → script, and hands `exec "$@"` over to CMD with the exported variables', () => {
    const result = facts(IMAGE);
    const migrate = find(result, 'manage.py migrate');
    expect(migrate.kind).toBe('script');
    expect(at(migrate.location)).toBe('docker/migrate.sh:2');
    expect(migrate.via?.map(at)).toEqual(['Dockerfile:5', 'docker/docker-entrypoint.sh:5']);
    expect(migrate.manage).toEqual({ subcommand: 'migrate', settingsModule: 'shop.settings.production' });
    expect(envOf(migrate)).toEqual(['DJANGO_SETTINGS_MODULE=shop.settings.production', 'DB_READY=1']);
    const web = find(result, 'gunicorn');
    expect(web.via?.map(at)).toEqual(['Dockerfile:5', 'docker/docker-entrypoint.sh:6']);
    expect(envOf(web)).toEqual(['DJANGO_SETTINGS_MODULE=shop.settings.production', 'DB_READY=1']);
    expect(web.server).toMatchObject({ server: 'gunicorn', appModule: 'shop.wsgi:application' });
    expect(web.role).toBe('web');
    expect(result.files.filter((f) => f.kind === 'script').map((f) => f.path).sort()).toEqual(['docker/docker-entrypoint.sh', 'docker/env.sh', 'docker/migrate.sh']);
  });

  it('leaves CMD alone when the entrypoint never runs its arguments', () => {
    const result = facts({ ...IMAGE, 'docker/docker-entrypoint.sh': '#!/bin/sh\nexec gunicorn shop.wsgi\n' });
    expect(find(result, '--bind').via).toBeUndefined();
    expect(at(find(result, 'exec gunicorn').location)).toBe('docker/docker-entrypoint.sh:2');
  });

  it('hands a production compose command (which replaces CMD) to the image ENTRYPOINT\'s `exec "$@"`', () => {
    const files = {
      'app/Dockerfile': 'FROM python:3.12\nWORKDIR /home/app\nCOPY ./entrypoint.sh .\nCOPY . .\nENTRYPOINT ["/home/app/entrypoint.sh"]\n',
      'app/entrypoint.sh': '#!/bin/sh\necho "waiting for gunicorn"\n[ "$1" = gunicorn ] && echo yes\nexport FROM_ENTRYPOINT=1\nexec "$@"\n',
      'docker-compose.prod.yml': 'services:\n  web:\n    build:\n      context: ./app\n    command: gunicorn app.wsgi:application --bind 0.0.0.0:8000\n',
    };
    const result = facts(files);
    const web = find(result, 'gunicorn app.wsgi');
    expect(web.via?.map(at)).toEqual(['app/Dockerfile:5', 'app/entrypoint.sh:5']);
    expect(envOf(web)).toEqual(['FROM_ENTRYPOINT=1']);
    // echo and test commands that merely mention a server are not commands production runs.
    expect(result.commands.map((c) => c.kind)).toEqual(['dockerfile', 'docker-compose']);
    // A service with its own entrypoint does not go through the image's.
    const own = facts({ ...files, 'docker-compose.prod.yml': files['docker-compose.prod.yml'].replace('    command:', '    entrypoint: ["/bin/sh", "-c"]\n    command:') });
    expect(find(own, 'gunicorn app.wsgi').via).toBeUndefined();
  });

  it('reads server commands with the script\'s variables, behind wrappers and `su -c`, and skips virtualenv activation', () => {
    const result = facts({
      Procfile: 'web: ./run.sh\nweb2: bin/start-nginx gunicorn -c gunicorn.conf shop.wsgi\n',
      'run.sh': 'MODULE=shop.wsgi\nWHEN=$(date)\nsource /srv/venv/bin/activate\nsu app -c "gunicorn ${MODULE}:application"\n',
    });
    // The body of `su -c "…"` is what runs, its variables substituted.
    const web = find(result, 'gunicorn shop.wsgi:application');
    expect(web.server?.appModule).toBe('shop.wsgi:application');
    expect(at(web.location)).toBe('run.sh:4');
    expect(find(result, 'start-nginx').server).toMatchObject({ server: 'gunicorn', appModule: 'shop.wsgi', configFile: 'gunicorn.conf' });
    expect(result.skipped?.filter((s) => /activate/.test(s.reason)) ?? []).toEqual([]);
  });

  it('maps image paths by basename when no COPY says where they come from, and reads `CMD sh -c "./run.sh"`', () => {
    const result = facts({
      Dockerfile: 'FROM python:3.12\nCMD sh -c "./run.sh"\n',
      'ops/scripts/run.sh': 'DJANGO_SETTINGS_MODULE=shop.prod gunicorn shop.wsgi\n',
    });
    const web = find(result, 'shop.prod gunicorn');
    expect(web.server?.settingsModule).toBe('shop.prod');
    expect(web.via?.map(at)).toEqual(['Dockerfile:2']);
    expect(envOf(web)).toEqual(['DJANGO_SETTINGS_MODULE=shop.prod']);
  });

  it('stops at cycles, depth and missing scripts with a reason, never a crash', () => {
    const loop = facts({ Procfile: 'web: ./a.sh\n', 'a.sh': './b.sh\n', 'b.sh': './a.sh\ngunicorn x.wsgi\n' });
    expect(loop.commands.map((c) => c.text)).toEqual(['./a.sh', 'gunicorn x.wsgi']);
    expect(loop.skipped?.map((s) => s.reason)).toEqual([expect.stringContaining('a cycle')]);
    const chain: Record<string, string> = { Procfile: 'web: ./s0.sh\n' };
    for (let i = 0; i < 8; i++) chain[`s${i}.sh`] = `./s${i + 1}.sh\ngunicorn level${i}.wsgi\n`;
    const deep = facts(chain);
    expect(deep.commands.filter((c) => c.server).length).toBe(5);
    expect(deep.skipped?.map((s) => s.reason)).toEqual([expect.stringContaining('scripts deep')]);
    const missing = facts({ Procfile: 'web: bash bin/start.sh\n' });
    expect(missing.skipped).toEqual([expect.objectContaining({ file: 'Procfile', reason: 'runs bin/start.sh, which is not in the repository' })]);
  });

  it('marks commands a script runs only on some branch as conditional', () => {
    const result = facts({ Procfile: 'web: ./start.sh\n', 'start.sh': 'if [ "$DEBUG" = 1 ]; then\n  python manage.py runserver\nelse\n  exec gunicorn x.wsgi\nfi\npython manage.py check --deploy\n' });
    expect(result.commands.map((c) => `${c.text} ${c.conditional === true}`)).toEqual([
      './start.sh false',
      'python manage.py runserver true',
      'exec gunicorn x.wsgi true',
      'python manage.py check --deploy false',
    ]);
  });

  it('follows `make target` into the Makefile recipe, and says when the target is missing', () => {
    const result = facts({
      Procfile: 'web: make serve\nrelease: make -f ops/release.mk migrate\nworker: make nothing-here\n',
      Makefile: 'PORT ?= 8000\n\nserve: deps\n\t@echo serving\n\tDJANGO_SETTINGS_MODULE=x.prod gunicorn x.wsgi -b :$(PORT)\n\ndeps:\n\tpip install -r requirements.txt\n',
      'ops/release.mk': 'migrate:\n\tpython manage.py migrate --settings=x.prod\n',
    });
    const web = find(result, 'gunicorn x.wsgi');
    expect(at(web.location)).toBe('Makefile:5');
    expect(web.via?.map(at)).toEqual(['Procfile:1']);
    expect(web.server).toMatchObject({ server: 'gunicorn', appModule: 'x.wsgi', settingsModule: 'x.prod' });
    expect(find(result, 'migrate --settings').manage?.settingsModule).toBe('x.prod');
    expect(result.skipped).toEqual([expect.objectContaining({ file: 'Procfile', reason: 'Makefile has no recipe for nothing-here' })]);
  });

  it('turns a script that does not parse into a problem', () => {
    const result = facts({ Procfile: 'web: ./start.sh\n', 'start.sh': 'echo "unclosed\ngunicorn x.wsgi\n' });
    expect(result.problems.map((p) => p.message)).toEqual(['start.sh:1: unclosed quote']);
    expect(result.commands.map((c) => c.text)).toEqual(['./start.sh']);
  });

  it('follows Procfile and render.yaml scripts from their directory', () => {
    const result = facts({
      Procfile: 'web: bash start.sh\nrelease: ./bin/release.sh\n',
      'start.sh': 'export DJANGO_SETTINGS_MODULE=site.heroku\nexec gunicorn site.wsgi --log-file -\n',
      'bin/release.sh': 'python manage.py migrate --noinput\n',
      'render.yaml': 'services:\n  - type: web\n    name: site\n    buildCommand: ./build.sh\n    startCommand: gunicorn site.wsgi\n',
      'build.sh': 'set -o errexit\npip install -r requirements.txt\npython manage.py collectstatic --no-input --settings=site.render\n',
    });
    const web = find(result, 'exec gunicorn');
    expect(web.via?.map(at)).toEqual(['Procfile:1']);
    expect(web.role).toBe('web');
    expect(web.server?.appModule).toBe('site.wsgi');
    expect(envOf(web)).toEqual(['DJANGO_SETTINGS_MODULE=site.heroku']);
    expect(find(result, 'migrate').via?.map(at)).toEqual(['Procfile:2']);
    expect(find(result, './build.sh').role).toBe('build');
    expect(find(result, 'collectstatic').manage?.settingsModule).toBe('site.render');
  });
});

describe('server config files', () => {
  it('reads the gunicorn config a command names and the default gunicorn.conf.py of its directory', () => {
    const named = facts({
      Procfile: 'web: gunicorn -c config/gunicorn_config.py --env EXTRA=1\n',
      'config/gunicorn_config.py': 'import os\nwsgi_app = "shop.wsgi:application"\nraw_env = [\n    "DJANGO_SETTINGS_MODULE=shop.settings.prod",\n    f"HOST={os.environ[\'HOST\']}",\n]\n',
    });
    const web = find(named, 'gunicorn');
    expect(web.server).toMatchObject({ appModule: 'shop.wsgi:application', settingsModule: 'shop.settings.prod', configFile: 'config/gunicorn_config.py' });
    expect(envOf(web)).toEqual(['DJANGO_SETTINGS_MODULE=shop.settings.prod', 'HOST=undefined', 'EXTRA=1']);
    expect(web.env?.[0]?.source.location).toMatchObject({ file: 'config/gunicorn_config.py', line: 3 });
    expect(named.files).toContainEqual({ kind: 'gunicorn-config', path: 'config/gunicorn_config.py' });

    const byDefault = facts({ Procfile: 'web: gunicorn shop.wsgi\n', 'gunicorn.conf.py': "raw_env = ['DJANGO_SETTINGS_MODULE=shop.settings.default']\n" });
    expect(find(byDefault, 'gunicorn').server?.settingsModule).toBe('shop.settings.default');
    // gunicorn only reads gunicorn.conf.py from its working directory.
    const elsewhere = facts({ Procfile: 'web: gunicorn shop.wsgi\n', 'other/gunicorn.conf.py': "raw_env = ['DJANGO_SETTINGS_MODULE=shop.settings.default']\n" });
    expect(find(elsewhere, 'gunicorn').server?.settingsModule).toBeUndefined();
  });

  it('reports a gunicorn config with an unclosed bracket', () => {
    const result = facts({ Procfile: 'web: gunicorn -c gunicorn.conf.py x.wsgi\n', 'gunicorn.conf.py': "raw_env = ['A=1',\n" });
    expect(result.problems.map((p) => p.message)).toEqual(['gunicorn.conf.py:1: unclosed bracket']);
    expect(find(result, 'gunicorn').server?.appModule).toBe('x.wsgi');
  });

  it('reads uwsgi ini files, named by a command or standing alone, and reports broken ones', () => {
    const named = facts({
      Dockerfile: 'FROM python\nWORKDIR /srv\nCOPY . .\nCMD ["uwsgi", "--ini", "deploy/uwsgi.ini"]\n',
      'deploy/uwsgi.ini': '[uwsgi]\nmodule = shop.wsgi:application\nenv = DJANGO_SETTINGS_MODULE=shop.settings.prod\nenv = HOME=$(HOME)\nmaster = true\n',
    });
    const web = named.commands.filter((c) => c.server?.server === 'uwsgi');
    expect(web).toHaveLength(1);
    expect(web[0]!.server).toMatchObject({ appModule: 'shop.wsgi:application', settingsModule: 'shop.settings.prod' });
    expect(envOf(web[0]!)).toEqual(['DJANGO_SETTINGS_MODULE=shop.settings.prod', 'HOME=undefined']);
    const alone = facts({ 'uwsgi.ini': '[uwsgi]\nwsgi-file = shop/wsgi.py\n' });
    expect(alone.commands).toEqual([expect.objectContaining({ kind: 'uwsgi-ini', text: 'uwsgi --ini uwsgi.ini', server: expect.objectContaining({ wsgiFile: 'shop/wsgi.py' }) })]);
    // A standalone ini does not stand for the web process when a command already starts one.
    const other = facts({ 'uwsgi.ini': '[uwsgi]\nmaster\nmodule = old.wsgi\n', Procfile: 'web: gunicorn shop.wsgi\n' });
    expect(other.commands.map((c) => c.text)).toEqual(['gunicorn shop.wsgi']);
    expect(other.problems).toEqual([]);
    const broken = facts({ 'uwsgi.ini': 'module = x\n' });
    expect(broken.problems.map((p) => p.message)).toEqual(['uwsgi.ini: no [uwsgi] section']);
    expect(broken.commands).toEqual([]);
  });

  it('reads supervisor programs and systemd units with their environment', () => {
    const result = facts({
      'deploy/supervisor/shop.conf': '[program:web]\ncommand=/srv/venv/bin/gunicorn shop.wsgi -b 127.0.0.1:8000\nenvironment=DJANGO_SETTINGS_MODULE="shop.settings.vps",HOME="%(ENV_HOME)s"\n',
      'deploy/shop.service': '[Unit]\nDescription=shop\n[Service]\nWorkingDirectory=/srv/shop\nEnvironment="DJANGO_SETTINGS_MODULE=shop.settings.systemd" DEBUG=0\nEnvironmentFile=-/srv/shop/.env.server\nExecStart=/srv/venv/bin/uvicorn shop.asgi:application\n',
      'examples/dev.service': '[Service]\nExecStart=python manage.py runserver\n',
    });
    const program = find(result, 'gunicorn');
    expect(program).toMatchObject({ kind: 'supervisor', process: 'web', role: 'web', deployed: true });
    expect(envOf(program)).toEqual(['DJANGO_SETTINGS_MODULE=shop.settings.vps', 'HOME=undefined']);
    const unit = find(result, 'uvicorn');
    expect(unit).toMatchObject({ kind: 'systemd', process: 'shop', server: expect.objectContaining({ appModule: 'shop.asgi:application' }) });
    expect(envOf(unit)).toEqual(['DJANGO_SETTINGS_MODULE=shop.settings.systemd', 'DEBUG=0']);
    expect(result.skipped).toEqual([expect.objectContaining({ reason: expect.stringContaining('EnvironmentFile /srv/shop/.env.server') })]);
    expect(result.commands.some((c) => c.text.includes('runserver'))).toBe(false);
  });
});

describe('deploy scripts', () => {
  it('read the platform config they set: literal values known, variables unknown', () => {
    const result = facts({
      'scripts/deploy.sh': 'heroku config:set DJANGO_SETTINGS_MODULE=shop.settings.heroku SECRET_KEY=$SECRET --app shop\nfly secrets set SENTRY_DSN="$DSN" MODE=live\n',
      Makefile: 'deploy:\n\tgcloud run deploy shop --set-env-vars DJANGO_SETTINGS_MODULE=shop.gcp,REGION=eu --set-secrets DB_URL=db:latest\n\trailway variables set TIER=pro\n',
      '.github/workflows/deploy.yml': 'on: push\njobs:\n  ship:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo hi\n          flyctl secrets set TOKEN=${{ secrets.TOKEN }}\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    steps:\n      - run: heroku config:set NOT_DEPLOY=1\n',
    });
    expect(result.env.map((v) => `${v.name}=${v.value} @${at(v.source.location!)}`)).toEqual([
      'DJANGO_SETTINGS_MODULE=shop.gcp @Makefile:2',
      'REGION=eu @Makefile:2',
      'DB_URL=undefined @Makefile:2',
      'TIER=pro @Makefile:3',
      'TOKEN=undefined @.github/workflows/deploy.yml:8',
      'DJANGO_SETTINGS_MODULE=shop.settings.heroku @scripts/deploy.sh:1',
      'SECRET_KEY=undefined @scripts/deploy.sh:1',
      'SENTRY_DSN=undefined @scripts/deploy.sh:2',
      'MODE=live @scripts/deploy.sh:2',
    ]);
    expect(result.env.every((v) => v.source.kind === 'deploy-script')).toBe(true);
    expect(result.files.filter((f) => f.kind === 'deploy-script').map((f) => f.path).sort()).toEqual(['.github/workflows/deploy.yml', 'Makefile', 'scripts/deploy.sh']);
  });

  it('merge the compose -f chain a deploy recipe runs, in order, and mark it production', () => {
    const result = facts({
      Makefile: 'up:\n\tdocker compose -f docker-compose.yml -f compose/dev.yml up\ndeploy:\n\tdocker compose -f docker-compose.yml -f compose/live.yml up -d\n',
      'docker-compose.yml': 'services:\n  web:\n    build: .\n    command: python manage.py runserver\n    volumes: [".:/app"]\n    environment: [A=base]\n',
      'compose/live.yml': 'services:\n  web:\n    command: gunicorn shop.wsgi\n    environment: [A=live]\n',
      'compose/dev.yml': 'services:\n  web:\n    environment: [A=dev]\n',
      'shop/x.py': '',
    });
    expect(result.composeFiles).toEqual([
      { path: 'docker-compose.yml', production: true, why: '-f chain in Makefile:4' },
      { path: 'compose/live.yml', production: true, why: '-f chain in Makefile:4' },
    ]);
    expect(result.env.filter((v) => v.name === 'A').map((v) => v.value)).toEqual(['base', 'live']);
    // Of two deploy recipes sharing the base file, the one with a production-named file counts.
    const staging = facts({
      Makefile: 'deploy-staging:\n\tdocker compose -f docker-compose.yml -f docker-compose.staging.yml up -d\ndeploy-prod:\n\tdocker compose -f docker-compose.yml -f docker-compose.prod.yml up -d\n',
      'docker-compose.yml': 'services:\n  web:\n    build: .\n',
      'docker-compose.staging.yml': 'services:\n  web:\n    environment: [A=staging]\n',
      'docker-compose.prod.yml': 'services:\n  web:\n    environment: [A=prod]\n',
    });
    expect(staging.composeFiles?.filter((f) => f.production).map((f) => f.path)).toEqual(['docker-compose.yml', 'docker-compose.prod.yml']);
    expect(staging.env.map((v) => v.value)).toEqual(['prod']);
    const override = facts({
      'docker-compose.yml': 'services:\n  web:\n    build: .\n    environment: [A=base]\n',
      'docker-compose.prod.override.yml': 'services:\n  web:\n    command: gunicorn shop.wsgi\n    environment: [A=prod]\n',
      'docker-compose.override.yml': 'services:\n  web:\n    environment: [A=dev]\n',
    });
    expect(override.composeFiles).toEqual([
      { path: 'docker-compose.yml', production: true, why: 'docker-compose.prod.override.yml merged over it' },
      { path: 'docker-compose.prod.override.yml', production: true, why: 'named for production' },
      { path: 'docker-compose.override.yml', production: false, why: 'named for override' },
    ]);
    expect(override.env.filter((v) => v.name === 'A').map((v) => v.value)).toEqual(['base', 'prod']);
    // Without the deploy recipe the plain file is a development setup and contributes nothing.
    const plain = facts({ 'docker-compose.yml': 'services:\n  web:\n    build: .\n    volumes: [".:/app"]\n    environment: [A=base]\n', 'shop/x.py': '' });
    expect(plain.composeFiles).toEqual([{ path: 'docker-compose.yml', production: false, why: 'web bind-mounts the source (.:/app)' }]);
    expect(plain.env).toEqual([]);
  });

  it('merges a production file that only adjusts the plain file\'s services over it; a complete one stands alone', () => {
    const base = 'services:\n  web:\n    build: .\n    volumes: [".:/app"]\n    environment: [A=base]\n  db:\n    image: mongo:7\n';
    const adjusting = facts({ 'docker-compose.yml': base, 'docker-compose.prod.yml': 'services:\n  web:\n    command: npm start\n    environment: [A=prod]\n' });
    expect(adjusting.composeFiles).toEqual([
      { path: 'docker-compose.yml', production: true, why: 'docker-compose.prod.yml merged over it' },
      { path: 'docker-compose.prod.yml', production: true, why: 'named for production' },
    ]);
    expect(adjusting.env.filter((v) => v.name === 'A').map((v) => v.value)).toEqual(['base', 'prod']);
    const complete = facts({ 'docker-compose.yml': base, 'docker-compose.prod.yml': 'services:\n  web:\n    image: shop:latest\n    environment: [A=prod]\n' });
    expect(complete.composeFiles?.filter((f) => f.production).map((f) => f.path)).toEqual(['docker-compose.prod.yml']);
    expect(complete.env.filter((v) => v.name === 'A').map((v) => v.value)).toEqual(['prod']);
  });
});

describe('.dockerignore', () => {
  const ignore = readDockerIgnore('.dockerignore', '', '# local\n.git\n**/*.pyc\nconfig/settings/local*.py\nsecrets/\n!secrets/public.txt\n/docs\n');

  it.each([
    ['config/settings/local.py', true],
    ['config/settings/local_dev.py', true],
    ['config/settings/production.py', false],
    ['a/b/c.pyc', true],
    ['secrets/key.pem', true],
    ['secrets/public.txt', false],
    ['docs/index.md', true],
    ['src/docs/x.md', false],
    ['.git/HEAD', true],
  ])('%s excluded: %s', (path, excluded) => {
    expect(isExcludedFromImage(ignore, path)).toBe(excluded);
  });

  it('excludes what lies outside the build context, and is exposed per deployed image', () => {
    expect(isExcludedFromImage({ ...ignore, context: 'backend' }, 'frontend/x.py')).toBe(true);
    const result = facts({ Dockerfile: 'FROM python\nCOPY . .\n', '.dockerignore': 'shop/settings/dev.py\n', 'shop/settings/dev.py': '', 'shop/settings/prod.py': '' });
    expect(result.dockerignores).toEqual([{ file: '.dockerignore', context: '', patterns: [{ pattern: 'shop/settings/dev.py', negated: false, line: 1 }] }]);
    expect(isExcludedFromDeployedImages(result, 'shop/settings/dev.py')).toBe(true);
    expect(isExcludedFromDeployedImages(result, 'shop/settings/prod.py')).toBe(false);
    // Without an image (a buildpack deploy) the whole repository ships.
    expect(isExcludedFromDeployedImages(facts({ Procfile: 'web: gunicorn x.wsgi\n', '.dockerignore': 'x\n' }), 'x')).toBe(false);
  });
});

describe('fixtures/deploy-chain', () => {
  it('tells which process production starts, with which settings, each step located', () => {
    const root = fileURLToPath(new URL('../../fixtures/deploy-chain/', import.meta.url));
    const result = readDeployFacts(openWorkspace(root), '');
    expect(result.problems).toEqual([]);
    expect(result.deployedStages).toEqual([expect.objectContaining({ stage: 'production', chosenBy: 'docker-compose.prod.yml web.build.target' })]);
    // The dev stage's runserver and its DJANGO_SETTINGS_MODULE are not production's.
    expect(result.commands.some((c) => c.text.includes('runserver'))).toBe(false);
    expect(result.env.map((v) => v.name)).toEqual(['PYTHONUNBUFFERED', 'APP_STAGE', 'DJANGO_ALLOWED_HOSTS']);
    expect(result.env.find((v) => v.name === 'APP_STAGE')?.value).toBe('production');
    expect(result.containerUser?.user).toBe('www-data');
    const web = result.commands.find((c) => c.server)!;
    expect(web.text).toBe('gunicorn -c docker/gunicorn.conf.py');
    expect(web.via?.map(at)).toEqual(['Dockerfile:13', 'docker/entrypoint.sh:9']);
    expect(web.server).toMatchObject({ server: 'gunicorn', appModule: 'chain.wsgi:application', settingsModule: 'chain.settings.production' });
    expect(web.env?.map((v) => v.source.label)).toEqual(['docker/entrypoint.sh:5', 'docker/gunicorn.conf.py:5 (raw_env)']);
    expect(result.commands.filter((c) => c.manage).map((c) => `${c.manage!.subcommand} ${at(c.location)}`)).toEqual([
      'migrate docker/entrypoint.sh:6',
      'collectstatic docker/entrypoint.sh:7',
    ]);
    expect(isExcludedFromDeployedImages(result, 'chain/settings/dev.py')).toBe(true);
    expect(isExcludedFromDeployedImages(result, 'chain/settings/production.py')).toBe(false);
  });
});
