/** web/debug-toolbar-exposed — django-debug-toolbar is active in production. */
import { answersEverything, defineScanRule, PROBE, responseOf, siteResponses } from '../../src/api/web.js';

const TOOLBAR = /id="djDebug"|djDebugToolbar|debug_toolbar\/js\/toolbar\.js/;

export default defineScanRule({
  id: 'web/debug-toolbar-exposed',
  title: 'django-debug-toolbar is exposed',
  severity: 'high',
  docs: {
    why:
      'The debug toolbar shows SQL queries, settings, headers, templates and request data, and its panels can run SQL ' +
      'EXPLAIN and SELECT on demand. It belongs in development settings only.',
    fix: 'Install it only in development settings (INSTALLED_APPS, MIDDLEWARE and the `__debug__/` URL all behind `if DEBUG:`).',
    refs: ['https://django-debug-toolbar.readthedocs.io/en/latest/installation.html'],
  },
  check(ctx) {
    const injected = siteResponses(ctx.scan).find(([, response]) => TOOLBAR.test(response.body));
    if (injected) {
      ctx.report({ message: `the debug toolbar is injected into pages (${injected[0]} probe)`, location: { url: injected[1].url }, snippet: 'toolbar' });
      return;
    }
    const direct = responseOf(ctx.scan, PROBE.debugToolbar);
    if (direct && direct.status >= 200 && direct.status < 300 && !answersEverything(ctx.scan) && /djdt|debug.toolbar/i.test(direct.body)) {
      ctx.report({ message: '/__debug__/ answers with the debug toolbar', location: { url: direct.url }, snippet: 'toolbar' });
    }
  },
});
