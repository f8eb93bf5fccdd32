import { describe, expect, it } from 'vitest';
import { parseManageCommands, parseServerCommand } from '../../src/deploy/server-command.js';

describe('parseServerCommand', () => {
  const table: [string, Record<string, unknown> | undefined][] = [
    ['gunicorn config.wsgi:application --bind 0.0.0.0:$PORT', { server: 'gunicorn', appModule: 'config.wsgi:application' }],
    ['gunicorn -w 3 -b :8000 mysite.wsgi', { server: 'gunicorn', appModule: 'mysite.wsgi' }],
    ['exec gunicorn --chdir backend --pythonpath src,lib -c conf/gunicorn.py shop.wsgi', { server: 'gunicorn', appModule: 'shop.wsgi', chdir: 'backend', pythonPath: ['src', 'lib'], configFile: 'conf/gunicorn.py' }],
    ['gunicorn --env DJANGO_SETTINGS_MODULE=shop.settings.prod shop.wsgi', { server: 'gunicorn', settingsModule: 'shop.settings.prod', env: [{ name: 'DJANGO_SETTINGS_MODULE', value: 'shop.settings.prod' }] }],
    ['DJANGO_SETTINGS_MODULE=a.prod gunicorn a.wsgi --preload', { server: 'gunicorn', appModule: 'a.wsgi', settingsModule: 'a.prod' }],
    ['python -m gunicorn a.wsgi:application', { server: 'gunicorn', appModule: 'a.wsgi:application' }],
    ['/usr/local/bin/gunicorn --reload a.wsgi', { server: 'gunicorn', appModule: 'a.wsgi' }],
    ['poetry run uvicorn config.asgi:application --host 0.0.0.0 --port 8000 --app-dir src', { server: 'uvicorn', appModule: 'config.asgi:application', chdir: 'src' }],
    ['daphne -b 0.0.0.0 -p 8000 config.asgi:application', { server: 'daphne', appModule: 'config.asgi:application' }],
    ['hypercorn --config hypercorn.toml config.asgi:application', { server: 'hypercorn', appModule: 'config.asgi:application', configFile: 'hypercorn.toml' }],
    ['waitress-serve --listen=*:8000 config.wsgi:application', { server: 'waitress', appModule: 'config.wsgi:application' }],
    ['uwsgi --ini deploy/uwsgi.ini', { server: 'uwsgi', configFile: 'deploy/uwsgi.ini' }],
    ['uwsgi --http :8000 --module config.wsgi:application --master --env DJANGO_SETTINGS_MODULE=config.prod', { server: 'uwsgi', appModule: 'config.wsgi:application', settingsModule: 'config.prod' }],
    ['uwsgi --wsgi-file config/wsgi.py --chdir /srv/app', { server: 'uwsgi', wsgiFile: 'config/wsgi.py', chdir: '/srv/app' }],
    ['python manage.py runserver 0.0.0.0:8000 --settings=config.settings.dev', { server: 'runserver', settingsModule: 'config.settings.dev' }],
    ['python manage.py migrate && gunicorn app.wsgi', { server: 'gunicorn', appModule: 'app.wsgi' }],
    ['sh -c "python manage.py migrate && exec gunicorn app.wsgi -b 0.0.0.0:8000"', { server: 'gunicorn', appModule: 'app.wsgi' }],
    ['newrelic-admin run-program gunicorn app.wsgi', { server: 'gunicorn', appModule: 'app.wsgi' }],
    ['gunicorn --env DJANGO_SETTINGS_MODULE=$SETTINGS app.wsgi', { server: 'gunicorn', appModule: 'app.wsgi', env: [{ name: 'DJANGO_SETTINGS_MODULE', value: undefined }] }],
    ['gunicorn -k uvicorn.workers.UvicornWorker --bind 0.0.0.0:$PORT config.asgi:application', { server: 'gunicorn', appModule: 'config.asgi:application' }],
    ['gunicorn shop.wsgi --log-file -', { server: 'gunicorn', appModule: 'shop.wsgi' }],
    ['cd src && gunicorn site.wsgi', { server: 'gunicorn', appModule: 'site.wsgi', chdir: 'src' }],
    ['cd deploy && gunicorn --chdir ../src site.wsgi', { server: 'gunicorn', chdir: 'deploy/../src' }],
    ['cd src && gunicorn --chdir /srv/app site.wsgi', { server: 'gunicorn', chdir: '/srv/app' }],
    ['python3 src/manage.py runserver 0.0.0.0:8000', { server: 'runserver', managePy: 'src/manage.py' }],
    ['./manage.py runserver', { server: 'runserver', managePy: 'manage.py' }],
    ['granian --interface wsgi --working-dir src config.wsgi:application', { server: 'granian', appModule: 'config.wsgi:application', chdir: 'src' }],
    // negatives
    ['python manage.py migrate --noinput', undefined],
    ['celery -A proj worker -l info', undefined],
    ['npm start', undefined],
    ['echo gunicorn app.wsgi', undefined],
    ['./start.sh', undefined],
    ['"unterminated', undefined],
    ['', undefined],
  ];
  it.each(table)('%s', (text, expected) => {
    const parsed = parseServerCommand(text);
    if (expected === undefined) expect(parsed).toBeUndefined();
    else expect(parsed).toMatchObject(expected);
  });
});

describe('parseManageCommands', () => {
  it('reads each manage.py command with its --settings', () => {
    expect(parseManageCommands('python manage.py migrate --settings=config.settings.production && python3 manage.py collectstatic --noinput')).toEqual([
      { subcommand: 'migrate', settingsModule: 'config.settings.production' },
      { subcommand: 'collectstatic' },
    ]);
    expect(parseManageCommands('DJANGO_SETTINGS_MODULE=x.prod django-admin check --deploy')).toEqual([{ subcommand: 'check', settingsModule: 'x.prod' }]);
    expect(parseManageCommands('python -m django migrate --settings x.prod --pythonpath src')).toEqual([{ subcommand: 'migrate', settingsModule: 'x.prod', pythonPath: 'src' }]);
    expect(parseManageCommands('gunicorn x.wsgi')).toEqual([]);
  });
});

it('leaves the settings module unknown when --env names it with a variable', () => {
  const parsed = parseServerCommand('gunicorn --env DJANGO_SETTINGS_MODULE=$SETTINGS app.wsgi');
  expect(parsed?.settingsModule).toBeUndefined();
  expect(parsed && 'settingsModule' in parsed).toBe(false);
});

it('follows cd, sh -c, runners and env prefixes together', () => {
  const parsed = parseServerCommand(`sh -c "python manage.py migrate && cd src && DJANGO_SETTINGS_MODULE=site.settings.prod exec poetry run gunicorn site.wsgi -e MODE=live"`);
  expect(parsed).toEqual({
    server: 'gunicorn',
    appModule: 'site.wsgi',
    chdir: 'src',
    settingsModule: 'site.settings.prod',
    env: [{ name: 'DJANGO_SETTINGS_MODULE', value: 'site.settings.prod' }, { name: 'MODE', value: 'live' }],
  });
  // A django-admin runserver names no manage.py; a `cd $DIR` makes the directory unknown.
  expect(parseServerCommand('django-admin runserver')).toEqual({ server: 'runserver', env: [] });
  expect(parseServerCommand('cd $APP && gunicorn a.wsgi')?.chdir).toBeUndefined();
});
