/** deploy/server-dev-options — the app server production starts runs with auto-reload or debug logging. */
import { defineRule, productionCommands, redactCommand } from '../../src/api/django.js';

/** Log levels meant for debugging: gunicorn/uvicorn/hypercorn/granian `debug`, uvicorn `trace`. */
const DEBUG_LEVELS = new Set(['debug', 'trace']);

export default defineRule({
  id: 'deploy/server-dev-options',
  title: 'The app server runs with development options',
  severity: 'medium',
  docs: {
    why:
      '`--reload` (gunicorn, uvicorn, hypercorn, granian; uwsgi `--py-autoreload`) makes the server watch the code ' +
      'and restart its workers whenever a file changes: it costs CPU in every worker, and a file written on the server ' +
      '(an upload into the code directory, a stray edit) restarts or swaps the running code. gunicorn\'s own docs say ' +
      'it is for development only, and uvicorn refuses to combine it with several workers. `--log-level debug` (or ' +
      'uvicorn `trace`) logs every request\'s details, including headers, into the production logs: noise that hides ' +
      'real errors and copies cookies and tokens to wherever the logs go. Only commands production runs count (not ' +
      "those of a development compose file, nor an image CMD that production replaces); an option a start script uses " +
      'only in one branch is reported at default confidence.',
    fix:
      'Drop the development options from the production command and keep them in the development setup:\n\n' +
      'gunicorn mysite.wsgi --workers 3 --bind 0.0.0.0:$PORT --log-level info\n\n' +
      'To pick up new code, restart the service on deploy (or send gunicorn HUP) instead of watching files.',
    refs: [
      'https://docs.gunicorn.org/en/stable/settings.html#reload',
      'https://docs.gunicorn.org/en/stable/settings.html#loglevel',
      'https://www.uvicorn.org/settings/#development',
    ],
  },
  check(ctx) {
    for (const command of productionCommands(ctx.project.deploy)) {
      const server = command.server;
      if (!server) continue;
      const options: string[] = [];
      if (server.reload) options.push(`${server.reload} (restarts workers whenever a file changes)`);
      if (server.logLevel && DEBUG_LEVELS.has(server.logLevel)) options.push(`--log-level ${server.logLevel} (logs request details)`);
      if (options.length === 0) continue;
      const branch = command.conditional ? ' in one branch of its script (production may take another)' : '';
      ctx.report({
        location: command.location,
        message: `${command.process ?? command.kind} starts ${server.server} with development options${branch}: ${options.join(', ')}`,
        ...(server.reload ? {} : { severity: 'low' as const }),
        ...(command.conditional ? { confidence: 'default' as const } : {}),
        evidence: redactCommand(command.text).replace(/\s+/g, ' ').trim().slice(0, 160),
        snippet: `${command.kind} ${command.process ?? ''} ${server.server} ${server.reload ? 'reload' : ''} ${server.logLevel ?? ''}`,
      });
    }
  },
});
