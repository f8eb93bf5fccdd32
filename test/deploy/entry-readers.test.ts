/** The per-file readers behind entry-point following, each on its own. */
import { describe, expect, it } from 'vitest';
import { readDeployScript } from '../../src/deploy/deploy-scripts.js';
import { readIni } from '../../src/deploy/ini.js';
import { readSupervisorConf } from '../../src/deploy/process-managers.js';
import { readGunicornConfig, readUwsgiIni } from '../../src/deploy/server-config.js';
import { readShellScript } from '../../src/deploy/shell-script.js';

describe('readShellScript', () => {
  it('keeps server and manage.py commands, scripts it runs or sources, and "$@", with the exports before each', () => {
    const script = readShellScript('entry.sh', [
      '#!/bin/bash',
      'set -euo pipefail',
      'SETTINGS=shop.settings.prod', // not exported yet
      'echo "starting $SETTINGS"',
      'export DJANGO_SETTINGS_MODULE=$SETTINGS', // 5
      'if [ "$1" = "migrate" ]; then python manage.py migrate; fi',
      'source ./env.sh',
      'bash -c "./wait-for-db.sh && exec gunicorn shop.wsgi"',
      'cat <<EOF',
      'gunicorn not.a.command',
      'EOF',
      'WORKERS=3 exec "$@"', // 12
      '',
    ].join('\n'));
    expect(script.problems).toEqual([]);
    expect(script.steps.map((step) => `${step.kind}@${step.location.line}:${step.kind === 'command' ? step.text : step.kind === 'script' ? step.path : ''}`)).toEqual([
      'command@6:python manage.py migrate',
      'script@7:./env.sh',
      'script@8:./wait-for-db.sh',
      'command@8:exec gunicorn shop.wsgi',
      'run-args@12:',
    ]);
    expect(script.steps[0]!.env.map((v) => `${v.name}=${v.value}`)).toEqual(['DJANGO_SETTINGS_MODULE=shop.settings.prod']);
    // Only the migrate inside `if … fi` runs on some paths.
    expect(script.steps.map((step) => 'conditional' in step && step.conditional === true)).toEqual([true, false, false, false, false]);
    expect(script.steps.at(-1)!.env.map((v) => v.name)).toEqual(['DJANGO_SETTINGS_MODULE', 'WORKERS']);
    expect(script.exports.map((v) => v.name)).toEqual(['DJANGO_SETTINGS_MODULE']);
  });

  it('reads `case` branches as conditional commands, patterns dropped', () => {
    const script = readShellScript('start.sh', 'python manage.py migrate\ncase "$MODE" in\n  dev) python manage.py runserver ;;\n  *) exec gunicorn shop.wsgi ;;\nesac\ngunicorn after.wsgi\n');
    expect(script.steps.map((step) => (step.kind === 'command' ? `${step.text}${step.conditional ? ' (conditional)' : ''}` : step.kind))).toEqual([
      'python manage.py migrate',
      'python manage.py runserver (conditional)',
      'exec gunicorn shop.wsgi (conditional)',
      'gunicorn after.wsgi',
    ]);
  });

  it('exports under set -a, and `export NAME` of an earlier assignment', () => {
    const script = readShellScript('env.sh', 'set -a\nA=1\nset +a\nB=2\nC=3\nexport C\nexport D\n');
    expect(script.exports.map((v) => `${v.name}=${v.value}`)).toEqual(['A=1', 'C=3', 'D=undefined']);
  });
});

describe('readGunicornConfig', () => {
  it('reads literal settings and marks computed ones unknown', () => {
    const config = readGunicornConfig('gunicorn.conf.py', [
      'import os',
      "wsgi_app = 'shop.wsgi:application'",
      "chdir = '/srv/shop'",
      "pythonpath = 'src,lib'",
      'raw_env = ["A=1"]',
      "raw_env.append('DJANGO_SETTINGS_MODULE=%s' % os.environ['S'])",
      "raw_env += [f'B={os.environ[\"B\"]}', 'C=3']",
      '',
    ].join('\n'));
    expect(config).toMatchObject({ appModule: 'shop.wsgi:application', chdir: '/srv/shop', pythonPath: ['src', 'lib'], problems: [] });
    expect(config.env.map((v) => `${v.name}=${v.value}@${v.source.location?.line}`)).toEqual(['A=1@5', 'DJANGO_SETTINGS_MODULE=undefined@6', 'B=undefined@7', 'C=3@7']);
    expect(readGunicornConfig('g.py', 'wsgi_app = get_app()\n').appModule).toBeUndefined();
  });
});

describe('readUwsgiIni and readIni', () => {
  it('reads the [uwsgi] section, last value winning, env lines in order', () => {
    const config = readUwsgiIni('uwsgi.ini', '[uwsgi]\nmodule = old.wsgi\nmodule = shop.wsgi:application\nchdir = /srv\npythonpath = /srv/src\nenv = A=1\nenv = B=%(c)\n[other]\nmodule = nope\n');
    expect(config).toMatchObject({ appModule: 'shop.wsgi:application', chdir: '/srv', pythonPath: ['/srv/src'], problems: [] });
    expect(config.env.map((v) => `${v.name}=${v.value}`)).toEqual(['A=1', 'B=undefined']);
  });

  it('reports the first line that is not an entry, and joins continuations', () => {
    const ini = readIni('x.ini', '[a]\nk = 1 \\\n  2\nnot an entry\nalso not\n[b]\nlist = x\n  y\n');
    expect(ini.problems.map((p) => p.message)).toEqual(['x.ini:4: not a "key = value" line']);
    expect(ini.sections.map((s) => [s.name, s.entries.map((e) => `${e.key}=${e.value}`)])).toEqual([['', []], ['a', ['k=1 2']], ['b', ['list=x y']]]);
  });
});

describe('readSupervisorConf', () => {
  it('reads each program with a command; sections without one are left out', () => {
    const reading = readSupervisorConf('s.conf', '[supervisord]\nnodaemon=true\n[program:web]\ncommand=gunicorn a.wsgi\ndirectory=/srv\n[program:empty]\nautostart=true\n');
    expect(reading.commands.map((c) => `${c.process}: ${c.text} @${c.location.line}`)).toEqual(['web: gunicorn a.wsgi @4']);
  });
});

describe('readDeployScript', () => {
  it('reads justfile recipes and ignores config-set words that are not commands', () => {
    const reading = readDeployScript('justfile', 'deploy env="prod":\n    heroku config:set MODE={{env}} -a shop\n    echo heroku config:set NOT=1\n', 'justfile');
    expect(reading.env.map((v) => `${v.name}=${v.value}`)).toEqual(['MODE={{env}}']);
  });

  it('reads only the deploy jobs of a workflow and locates block-scalar lines', () => {
    const reading = readDeployScript('.github/workflows/main.yml', 'jobs:\n  test:\n    steps:\n      - run: fly secrets set NO=1\n  deploy:\n    steps:\n      - run: |\n          fly secrets set YES=1\n', 'workflow');
    expect(reading.env.map((v) => `${v.name}@${v.source.location?.line}`)).toEqual(['YES@8']);
    const named = readDeployScript('w.yml', 'jobs:\n  build:\n    name: Ship to production\n    steps:\n      - name: set\n        run: heroku config:set A=1 \\\n          B=2\n', 'workflow');
    expect(named.env.map((v) => `${v.name}@${v.source.location?.line}`)).toEqual(['A@6', 'B@6']);
  });
});
