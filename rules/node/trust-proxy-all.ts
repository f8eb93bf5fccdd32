/** node/trust-proxy-all — every X-Forwarded-For hop is trusted, so clients choose their own IP. */
import { defineRule, trustAllProxies } from '../../src/api/node.js';

export default defineRule({
  id: 'node/trust-proxy-all',
  title: "Every proxy is trusted ('trust proxy' true)",
  severity: 'medium',
  docs: {
    why:
      "With `app.set('trust proxy', true)` (or `app.enable('trust proxy')`, Fastify's `trustProxy: true`), req.ip is " +
      'the left-most X-Forwarded-For entry, which the client writes itself: rate limits, IP allowlists, audit logs and ' +
      'brute-force protection keyed on the IP are bypassed by sending the header. req.protocol and req.hostname follow ' +
      'client-supplied X-Forwarded-Proto/Host the same way. Trust exactly the proxies in front of the app: a hop count, ' +
      "'loopback' or their subnets. Koa's `app.proxy = true` is not the same switch and is not reported.",
    fix: "app.set('trust proxy', 1); // one proxy (the platform's router) in front of the app\n// Fastify: Fastify({ trustProxy: 1 })",
    refs: ['https://expressjs.com/en/guide/behind-proxies.html', 'https://fastify.dev/docs/latest/Reference/Server/#trustproxy'],
  },
  check(ctx) {
    const program = ctx.project.program;
    if (!program) return;
    for (const found of trustAllProxies(program)) {
      ctx.report({
        message: `${found.how} trusts every X-Forwarded-For hop, so any client can choose the IP address the app sees; trust a hop count or the proxy's subnet instead`,
        location: found.location,
        confidence: found.confidence,
        about: 'trust proxy',
      });
    }
  },
});
