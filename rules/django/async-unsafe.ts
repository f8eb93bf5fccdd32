/** django/async-unsafe — mirrors `async.E001`. */
import type { FileLocation } from '../../src/api/django.js';
import { defineRule } from '../../src/api/django.js';

const VARIABLE = 'DJANGO_ALLOW_ASYNC_UNSAFE';

export default defineRule({
  id: 'django/async-unsafe',
  title: 'DJANGO_ALLOW_ASYNC_UNSAFE is set',
  severity: 'high',
  django: 'async.E001',
  docs: {
    why:
      'Django refuses to run database queries and other synchronous-only code from inside a running event loop, because ' +
      'doing so blocks every other request on that loop and can share a connection between concurrent tasks. ' +
      'DJANGO_ALLOW_ASYNC_UNSAFE turns that protection off; it exists for notebooks and test shells, not for a deployed ' +
      'site. Django reports any non-empty value as an error (async.E001).',
    fix:
      'Remove the variable from the production environment and wrap synchronous calls made from async code:\n\n' +
      'from asgiref.sync import sync_to_async\nuser = await sync_to_async(User.objects.get)(pk=pk)',
    refs: ['https://docs.djangoproject.com/en/stable/topics/async/#envvar-DJANGO_ALLOW_ASYNC_UNSAFE'],
  },
  check(ctx) {
    const variable = ctx.project.environment.get(VARIABLE);
    // A value the platform provides without showing it cannot be judged.
    if (!variable || variable.value === undefined || variable.value === '') return;
    const settings = ctx.project.settings;
    const location: FileLocation | undefined =
      variable.source.location ?? (settings ? { file: settings.file, line: 1, column: 1 } : undefined);
    if (!location) return;
    ctx.report({
      location,
      message: `${VARIABLE} is set to '${variable.value}' in ${ctx.project.environment.name} (${variable.source.label}), which disables Django's async-safety protection`,
      snippet: `${VARIABLE} ${variable.source.label.replace(/:\d+$/, '')}`,
    });
  },
});
