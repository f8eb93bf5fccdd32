import { describe, expect, it } from 'vitest';
import { readAppJson } from '../../src/deploy/app-json.js';
import { readAppYaml } from '../../src/deploy/app-engine.js';
import { readCompose } from '../../src/deploy/compose.js';
import { readDockerfile } from '../../src/deploy/dockerfile.js';
import { readFlyToml } from '../../src/deploy/fly.js';
import { readHerokuYml } from '../../src/deploy/heroku-yml.js';
import { readProcfile } from '../../src/deploy/procfile.js';
import { readRenderYaml } from '../../src/deploy/render.js';
import { readDeployScript } from '../../src/deploy/deploy-scripts.js';
import { isExcludedFromImage, readDockerIgnore } from '../../src/deploy/dockerignore.js';
import { readSupervisorConf, readSystemdUnit } from '../../src/deploy/process-managers.js';
import { parseManageCommands, parseServerCommand } from '../../src/deploy/server-command.js';
import { readGunicornConfig, readUwsgiIni } from '../../src/deploy/server-config.js';
import { readShellScript } from '../../src/deploy/shell-script.js';
import { makeProject, settingsFiles } from '../helpers/project.js';
import { workspaceOf } from '../helpers/workspace.js';
import { runCli } from '../helpers/cli.js';

const ODD_INPUTS = [
  '',
  '\n\n\n',
  '- a\n- b\n',
  '[1, 2, 3]',
  'null',
  '42',
  'services: 3\nenv: [1]\nenv_variables: [x]\nhandlers: {a: 1}\n',
  'services:\n  - envVars: 7\n  - envVars: [{key: 1}, {fromGroup: missing}, 5]\n',
  '{"env": [1, 2], "addons": {"x": 1}, "scripts": []}',
  '{"env": {"A": null, "B": [1], "C": {"value": null}}}',
  '[env]\nA = [1, 2]\n[[services]]\nports = 3\n[processes]\nweb = 1\n',
  'FROM\nENV\nARG =\nENV =x\nUSER\nCMD []\nENV A=${\nENV B=$\n\\\n',
  'web:\n: nothing\n\u0000\uFFFD',
  'services:\n  web:\n    build: .\n    env_file: [{}, 3, null]\n    environment: [1, {a: b}]\n    command: {x: 1}\n',
  'services:\n  web:\n    <<: [*nope, 3]\n    build: {context: 7, dockerfile: [1]}\n    volumes: [3, {type: bind}, ":", {source: .}]\n',
  'a: &a {<<: *a}\nservices: {web: {<<: *a, build: .}}\n',
  'build: {docker: {web: [1], w: {dockerfile: null}}, config: [1]}\nrun: {web: {command: []}, w: [null]}\nrelease: {command: {}}\nsetup: {config: 5}\n',
  'exec "$@\nexport =1 A\n. \nsh -c\nbash -c "sh -c \'sh -c \\"sh -c gunicorn\\"\'"\n<<EOF\n',
  'raw_env = [\nwsgi_app = f"{x}"\nraw_env.append(\n',
  '[uwsgi\nenv\n[program:]\ncommand=\n[Service]\nExecStart=\nEnvironment="A\nEnvironmentFile=-\n',
  'jobs: {deploy: {steps: [{run: 3}, {run: [1]}, 7]}}\n',
  '\tdocker compose -f\n\theroku config:set =1 A= --app\n\tgcloud run deploy --set-env-vars\n\tfly secrets set\n',
  '!\n!/\n[\n**\n\\\n',
  'make\nmake -f\nmake -C\nmake $(X)\njust\ncase x in\n*) ;;\nesac\nfi\ndone\n',
];

describe('deploy readers on odd input', () => {
  it('never throw and always return arrays', () => {
    const workspace = workspaceOf({});
    for (const text of ODD_INPUTS) {
      for (const reading of [
        readProcfile('Procfile', text),
        readDockerfile('Dockerfile', text),
        readFlyToml('fly.toml', text),
        readAppJson('app.json', text),
        readCompose('docker-compose.yml', text, workspace),
        readHerokuYml('heroku.yml', text, workspace),
        readRenderYaml('render.yaml', text),
        readAppYaml('app.yaml', text),
      ]) {
        expect(Array.isArray(reading.env) && Array.isArray(reading.commands) && Array.isArray(reading.problems)).toBe(true);
        for (const variable of [...reading.env, ...reading.buildArgs]) expect(variable.name).not.toBe('');
      }
      for (const reading of [readSupervisorConf('s.conf', text), readSystemdUnit('a.service', text, workspace)]) {
        expect(Array.isArray(reading.commands) && Array.isArray(reading.problems)).toBe(true);
      }
      expect(Array.isArray(readShellScript('entrypoint.sh', text).steps)).toBe(true);
      expect(Array.isArray(readGunicornConfig('gunicorn.conf.py', text).env)).toBe(true);
      expect(Array.isArray(readUwsgiIni('uwsgi.ini', text).env)).toBe(true);
      for (const format of ['shell', 'makefile', 'justfile', 'workflow'] as const) {
        const script = readDeployScript('deploy', text, format);
        for (const variable of script.env) expect(variable.name).not.toBe('');
      }
      for (const line of text.split('\n')) {
        parseServerCommand(line);
        expect(Array.isArray(parseManageCommands(line))).toBe(true);
      }
      expect(typeof isExcludedFromImage(readDockerIgnore('.dockerignore', '', text), 'a/b.py')).toBe('boolean');
    }
  });
});

describe('odd globs in a Dockerfile COPY and a .dockerignore', () => {
  it('never throw: a class no regular expression holds matches nothing', async () => {
    const ignore = readDockerIgnore('.dockerignore', '', '[z-a]\nsc[z-a]*\n!keep[\n');
    expect(() => isExcludedFromImage(ignore, 'scz.sh')).not.toThrow();
    expect(isExcludedFromImage(ignore, 'z')).toBe(false);
    expect(isExcludedFromImage(readDockerIgnore('.dockerignore', '', 'sc[a-c].sh\n'), 'scb.sh')).toBe(true);
    const root = makeProject(settingsFiles("DEBUG = False\nSECRET_KEY = 'x'\n", {
      'scz.sh': '#!/bin/sh\nexec gunicorn mysite.wsgi\n',
      '.env': 'A=1\n',
      '.dockerignore': '[z-a]\n',
      Dockerfile: 'FROM python:3.12\nCOPY sc[z-a].sh /usr/local/bin/\nCOPY . /app\nCMD ["/usr/local/bin/scz.sh"]\n',
    }));
    const { code, stderr } = await runCli('check', root, '--no-color', '--fail-on', 'none');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
