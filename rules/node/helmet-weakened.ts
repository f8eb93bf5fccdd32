/** node/helmet-weakened — Helmet is there, with its CSP or HSTS turned off or HSTS shortened. */
import { defineRule, helmetWeakenings } from '../../src/api/node.js';

export default defineRule({
  id: 'node/helmet-weakened',
  title: 'Helmet with CSP or HSTS turned off, or a short HSTS',
  severity: 'medium',
  docs: {
    why:
      "Helmet's defaults send a Content-Security-Policy and Strict-Transport-Security with max-age 365 days and " +
      'includeSubDomains. `contentSecurityPolicy: false` removes the browser\'s last line of defence against XSS; ' +
      '`hsts: false` (`strictTransportSecurity: false`) lets a first visit over http:// be intercepted and downgraded; ' +
      'an HSTS `maxAge` under 180 days (15552000 s) lapses between visits and is below what HSTS preload lists accept. ' +
      'The same options of koa-helmet and @fastify/helmet, and `helmet.hsts({ maxAge })`, are read too.',
    fix:
      'app.use(helmet({\n  contentSecurityPolicy: { directives: { "script-src": ["\'self\'", "cdn.example.com"] } },\n' +
      '  strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },\n}));\n\n' +
      'Tune the CSP directives rather than turning the policy off; if a proxy sets HSTS already, say so with an inline ' +
      'suppression: // deploycheck: ignore[node/helmet-weakened] HSTS is set by the load balancer',
    refs: ['https://github.com/helmetjs/helmet#content-security-policy', 'https://github.com/helmetjs/helmet#strict-transport-security', 'https://hstspreload.org/#deployment-recommendations'],
  },
  check(ctx) {
    const program = ctx.project.program;
    if (!program) return;
    for (const weakening of helmetWeakenings(program)) {
      ctx.report({
        message: `${weakening.detail}: ${weakening.about === 'hsts' ? 'browsers may reach the site over plain http:// again' : 'nothing limits what an injected script can do'}`,
        location: weakening.location,
        confidence: weakening.confidence,
        ...(weakening.about === 'contentSecurityPolicy' ? { severity: 'low' as const } : {}),
        about: weakening.about,
      });
    }
  },
});
