/** web/stack-trace-exposed — an error response shows a Node.js stack trace (Express in development mode, a handler sending err.stack). */
import { defineScanRule, pageLikeResponses, PROBE, redactCommand, stackTrace } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/stack-trace-exposed',
  title: 'Error responses show stack traces',
  severity: 'critical',
  cap: { grade: 'F', reason: 'the site answers errors with stack traces: code paths, modules and versions are public' },
  docs: {
    why:
      'A stack trace names the server’s files, the packages and often their versions, and the line that failed: a map ' +
      'for the next attack. Express shows one on every error page unless NODE_ENV=production, and error handlers that ' +
      'send `err.stack` do it in any mode. It is the Node.js equivalent of Django’s DEBUG page; this caps the grade at F.',
    fix:
      'Run with NODE_ENV=production, and send errors to the log, not the client:\n\n' +
      'app.use((err, req, res, next) => {\n  console.error(err);\n  res.status(err.status ?? 500).json({ error: "Internal Server Error" });\n});',
    refs: ['https://expressjs.com/en/advanced/best-practice-performance.html#set-node_env-to-production', 'https://expressjs.com/en/guide/error-handling.html'],
  },
  probes: [PROBE.malformedJson],
  check(ctx) {
    // Only error answers: a 200 page about stack traces (a blog post) shows one on purpose.
    const hits = pageLikeResponses(ctx.scan).flatMap(([id, response]) => {
      const trace = response.status >= 400 ? stackTrace(response.body) : undefined;
      return trace ? [{ id, response, trace }] : [];
    });
    const [first] = hits;
    if (!first) return;
    ctx.report({
      message: `an error response shows a stack trace (HTTP ${first.response.status} on the ${first.id} probe, ${first.trace.frames} frames)`,
      // The site, not the probe's URL: made-up paths carry a random token, and the fingerprint must not.
      location: { url: ctx.scan.target },
      // The error line may carry a connection URL with its password (`connect ECONNREFUSED postgres://u:pw@db`).
      evidence: redactCommand([first.trace.error, first.trace.frame].filter(Boolean).join(' / ')),
      about: 'stack trace',
      related: hits.map((hit) => ({ location: { url: hit.response.url }, message: `on the ${hit.id} probe (HTTP ${hit.response.status})` })),
    });
  },
});
