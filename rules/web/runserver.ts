/** web/runserver — the site is served by Django's development server. */
import { defineScanRule, firstHeader, siteResponses } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/runserver',
  title: 'Served by the Django development server (runserver)',
  severity: 'high',
  docs: {
    why:
      '`manage.py runserver` answers with `Server: WSGIServer/… CPython/…`. It is single-process, has had no security ' +
      'review, and Django’s documentation says never to use it in production; it usually also means DEBUG is on.',
    fix: 'Run a production server (gunicorn, uvicorn, mod_wsgi) behind a proxy, e.g. `gunicorn mysite.wsgi --workers 3`.',
    refs: ['https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver', 'https://docs.djangoproject.com/en/stable/howto/deployment/'],
  },
  check(ctx) {
    for (const [, response] of siteResponses(ctx.scan)) {
      const server = firstHeader(response.headers, 'server');
      if (server && /^WSGIServer\//i.test(server.trim())) {
        ctx.report({ message: `the response comes from Django's development server (${server})`, location: { url: response.url }, evidence: `Server: ${server}`, snippet: 'WSGIServer' });
        return;
      }
    }
  },
});
