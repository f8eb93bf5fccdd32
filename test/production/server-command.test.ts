import { describe, expect, it } from 'vitest';
import { parseServerCommand, shellWords } from '../../src/production/server-command.js';
import { chooseEntry } from '../../src/production/entry.js';
import type { DeployCommand } from '../../src/deploy/types.js';

describe('parseServerCommand', () => {
  it('reads the app module gunicorn serves, skipping option values that look like modules', () => {
    expect(parseServerCommand('gunicorn -k uvicorn.workers.UvicornWorker --bind 0.0.0.0:$PORT config.asgi:application')).toMatchObject({
      server: 'gunicorn',
      appModule: 'config.asgi',
    });
    expect(parseServerCommand('gunicorn shop.wsgi --log-file -')).toMatchObject({ appModule: 'shop.wsgi' });
  });

  it('follows cd, sh -c, exec, runners and env prefixes', () => {
    const parsed = parseServerCommand(`sh -c "python manage.py migrate && cd src && DJANGO_SETTINGS_MODULE=site.settings.prod exec poetry run gunicorn site.wsgi -e MODE=live"`);
    expect(parsed).toEqual({ server: 'gunicorn', appModule: 'site.wsgi', chdir: 'src', env: { DJANGO_SETTINGS_MODULE: 'site.settings.prod', MODE: 'live' } });
  });

  it('reads exec-form arrays, uwsgi modules and runserver --settings', () => {
    expect(parseServerCommand('["uwsgi", "--module=blog.wsgi:application", "--env", "DJANGO_SETTINGS_MODULE=blog.prod"]')).toMatchObject({
      server: 'uwsgi',
      appModule: 'blog.wsgi',
      env: { DJANGO_SETTINGS_MODULE: 'blog.prod' },
    });
    expect(parseServerCommand('python3 src/manage.py runserver 0.0.0.0:8000 --settings=site.settings.local')).toMatchObject({
      server: 'runserver',
      settingsModule: 'site.settings.local',
      managePy: 'src/manage.py',
    });
  });

  it('looks past a wrapper that runs the rest of its words', () => {
    expect(parseServerCommand('bin/start-nginx gunicorn -c gunicorn.conf site.wsgi')).toMatchObject({ server: 'gunicorn', appModule: 'site.wsgi', configFile: 'gunicorn.conf' });
    expect(parseServerCommand('newrelic-admin run-program uvicorn site.asgi:app')).toMatchObject({ server: 'uvicorn', appModule: 'site.asgi' });
    expect(parseServerCommand('echo starting')).toBeUndefined();
  });

  it('is undefined for what starts no server (workers, scripts, migrations)', () => {
    expect(parseServerCommand('celery -A proj worker')).toBeUndefined();
    expect(parseServerCommand('./start.sh')).toBeUndefined();
    expect(parseServerCommand('python manage.py migrate --noinput')).toBeUndefined();
    expect(parseServerCommand('"unterminated')).toBeUndefined();
  });

  it('splits shell words with quotes and operators', () => {
    expect(shellWords(`a 'b c'&&d "e\\"f";g`)).toEqual(['a', 'b c', '&&', 'd', 'e"f', ';', 'g']);
  });
});

describe('chooseEntry', () => {
  const at = (file: string) => ({ file, line: 1, column: 1 });
  const command = (text: string, kind: DeployCommand['kind'], process?: string): DeployCommand => ({ text, kind, location: at(kind), ...(process ? { process } : {}) });

  it('takes the Procfile web process over the Dockerfile CMD and never a release or worker', () => {
    const entry = chooseEntry([
      command('gunicorn image.wsgi', 'dockerfile'),
      command('python manage.py migrate', 'procfile', 'release'),
      command('celery -A shop worker', 'procfile', 'worker'),
      command('gunicorn shop.wsgi', 'procfile', 'web'),
    ]);
    expect(entry?.server?.appModule).toBe('shop.wsgi');
  });

  it('falls back to a start script with no server known, and to nothing without web commands', () => {
    expect(chooseEntry([command('./start.sh', 'dockerfile')])).toEqual({ command: command('./start.sh', 'dockerfile') });
    expect(chooseEntry([command('python manage.py migrate', 'fly.toml', 'release')])).toBeUndefined();
  });
});

describe('serverOf', () => {
  it("prefers the deploy reader's parsed server, with env as a map or a list, and keeps the text's directory", async () => {
    const { serverOf } = await import('../../src/production/server-command.js');
    const base = { text: 'cd app && gunicorn x.wsgi', kind: 'procfile' as const, location: { file: 'Procfile', line: 1, column: 1 } };
    const asMap = { ...base, server: { server: 'gunicorn', appModule: 'site.wsgi:application', env: { DJANGO_SETTINGS_MODULE: 'site.prod' } } };
    // Loose shapes on purpose: serverOf must read whatever the deploy reader hands it.
    expect(serverOf(asMap as unknown as DeployCommand)).toEqual({ server: 'gunicorn', appModule: 'site.wsgi', env: { DJANGO_SETTINGS_MODULE: 'site.prod' }, chdir: 'app' });
    const asList = { ...base, server: { server: 'uwsgi', env: [{ name: 'MODE', value: 'live' }, { name: 'BAD' }] } };
    expect(serverOf(asList as unknown as DeployCommand)).toMatchObject({ server: 'uwsgi', env: { MODE: 'live' } });
    expect(serverOf(base)).toMatchObject({ server: 'gunicorn', appModule: 'x.wsgi' });
  });
});
