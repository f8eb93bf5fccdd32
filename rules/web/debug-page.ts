/** web/debug-page — Django's technical error page (DEBUG = True) is served. */
import { defineScanRule, djangoDebugMarker, siteResponses } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/debug-page',
  title: 'Django DEBUG page is exposed',
  severity: 'critical',
  cap: { grade: 'F', reason: "the site serves Django's DEBUG page: URLconf, tracebacks and settings are public" },
  docs: {
    why:
      'With DEBUG = True, Django answers a missing page with the full URLconf and an error with a traceback, local ' +
      'variables and most settings: a map of the application and often its secrets. It also keeps every SQL query in ' +
      'memory. No production site should ever show it; this caps the grade at F.',
    fix: 'DEBUG = False  # in production, e.g. DEBUG = env.bool("DJANGO_DEBUG", default=False)',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#debug'],
  },
  check(ctx) {
    const hits = siteResponses(ctx.scan).flatMap(([id, response]) => {
      const marker = djangoDebugMarker(response.body);
      return marker ? [{ id, response, marker }] : [];
    });
    const [first] = hits;
    if (!first) return;
    ctx.report({
      message: `Django's DEBUG page is served (HTTP ${first.response.status} on the ${first.id} probe)`,
      // The site, not the probe's URL: the not-found probe's path carries a random token, and the fingerprint must not.
      location: { url: ctx.scan.target },
      evidence: first.marker,
      about: 'DEBUG page',
      related: hits.map((hit) => ({ location: { url: hit.response.url }, message: `on the ${hit.id} probe (HTTP ${hit.response.status})` })),
    });
  },
});
