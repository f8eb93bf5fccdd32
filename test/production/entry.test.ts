import { describe, expect, it } from 'vitest';
import { serverOf } from '../../src/production/server-command.js';
import { chooseEntry } from '../../src/production/entry.js';
import type { DeployCommand } from '../../src/deploy/types.js';

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
  const base = { kind: 'procfile' as const, location: { file: 'Procfile', line: 1, column: 1 } };

  it("reads the deploy reader's parsed server: module without its callable, only literal variables", () => {
    const command: DeployCommand = {
      ...base,
      text: 'gunicorn x.wsgi',
      server: { server: 'gunicorn', appModule: 'site.wsgi:application', chdir: 'app', env: [{ name: 'MODE', value: 'live' }, { name: 'KEY', value: undefined }] },
    };
    expect(serverOf(command)).toEqual({ server: 'gunicorn', appModule: 'site.wsgi', chdir: 'app', env: { MODE: 'live' } });
  });

  it('parses the text when the deploy reader has not, and is undefined for what starts no server', () => {
    expect(serverOf({ ...base, text: 'cd app && waitress-serve --listen=*:8000 x.wsgi:application' })).toEqual({ server: 'waitress', appModule: 'x.wsgi', chdir: 'app', env: {} });
    expect(serverOf({ ...base, text: 'python src/manage.py runserver --settings=x.dev' })).toMatchObject({ server: 'runserver', managePy: 'src/manage.py', settingsModule: 'x.dev' });
    expect(serverOf({ ...base, text: 'celery -A x worker' })).toBeUndefined();
  });
});
