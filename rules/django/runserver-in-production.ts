/** django/runserver-in-production — a deploy file starts the app with `manage.py runserver`. */
import { defineRule, redactCommand } from '../../src/api/django.js';

/**
 * `manage.py runserver`, `django-admin runserver`, `python -m django runserver` (and django-extensions'
 * `runserver_plus`), after shell/JSON quoting is dropped.
 */
const RUNSERVER = /(?:^|[\s/])(?:manage\.py|django-admin(?:\.py)?|-m\s+django)\s+(runserver(?:_plus)?)(?=\s|$)/;

const FILE_WORDS: Record<string, string> = {
  procfile: 'Procfile',
  dockerfile: 'Dockerfile',
  'docker-compose': 'docker-compose',
  'fly.toml': 'fly.toml',
  'render.yaml': 'render.yaml',
  'app.yaml': 'app.yaml',
  'app.json': 'app.json',
};

export default defineRule({
  id: 'django/runserver-in-production',
  title: 'The development server runs in production',
  severity: 'high',
  docs: {
    why:
      '`manage.py runserver` is a development server: it has had no security audit, handles requests in one process ' +
      'with a thread each, no worker management, no request timeouts, and Django\'s docs say outright not to use it in ' +
      'production. With --insecure it also serves static files itself, which it only does for debugging. ' +
      "django-extensions' runserver_plus is the same, plus the Werkzeug debugger. " +
      'Only commands production runs count: not those of a development compose file, an image CMD that a shell-form ' +
      "ENTRYPOINT or every production compose service's own `command:` replaces. A runserver a start script runs " +
      'only in one branch (an `if`/`case`) is reported at medium severity and default confidence: which branch ' +
      'production takes depends on its environment.',
    fix:
      'Run a WSGI or ASGI server instead, e.g. in a Procfile:\n\n' +
      'web: gunicorn mysite.wsgi --bind 0.0.0.0:$PORT\n' +
      '# ASGI: web: uvicorn mysite.asgi:application --host 0.0.0.0 --port $PORT',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver',
      'https://docs.djangoproject.com/en/stable/howto/deployment/',
    ],
  },
  check(ctx) {
    for (const command of ctx.project.deploy.commands) {
      if (command.deployed === false || command.overriddenBy) continue;
      const text = command.text.replace(/[[\]",']/g, ' ');
      const match = RUNSERVER.exec(text);
      if (!match) continue;
      const where = `${FILE_WORDS[command.kind] ?? command.kind}${command.process ? ` (${command.process})` : ''}`;
      const plus = match[1] === 'runserver_plus' ? " (django-extensions' runserver_plus, with the Werkzeug debugger)" : '';
      const insecure = /\s--insecure(?=\s|$)/.test(text.slice(match.index))
        ? '; --insecure also makes it serve the static files'
        : '';
      const branch = command.conditional ? ' in one branch of its script (production may take another)' : '';
      ctx.report({
        location: command.location,
        message: `${where} starts Django's development server${plus} instead of a WSGI/ASGI server${insecure}${branch}`,
        ...(command.conditional ? { severity: 'medium' as const, confidence: 'default' as const } : {}),
        evidence: redactCommand(text.slice(match.index)).trim().replace(/\s+/g, ' ').slice(0, 120),
        snippet: `${command.kind} ${command.process ?? ''} runserver`,
      });
    }
  },
});
