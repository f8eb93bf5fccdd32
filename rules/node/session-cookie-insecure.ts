/** node/session-cookie-insecure — the session cookie is sent over plain HTTP in production. */
import { cookieAttributeOff, defineRule, handlerConfidence, handlerCookies, insecureCookie, sessionUses } from '../../src/api/node.js';

export default defineRule({
  id: 'node/session-cookie-insecure',
  title: 'The session cookie is not Secure',
  severity: 'high',
  docs: {
    why:
      'A cookie without the Secure attribute is also sent over plain HTTP: one request to an http:// URL (a link, a ' +
      'redirect, a captive portal) hands the session id to anyone on the network. express-session\'s default is ' +
      "`cookie.secure: false`. `secure: 'auto'` sets Secure only when Express sees the request as HTTPS, which behind " +
      "a platform's TLS proxy (Heroku, Render, Fly, a load balancer) it never does unless `trust proxy` is set (or the " +
      "session's own `proxy: true`). cookie-session, koa-session and @fastify/session are reported when `secure` is written " +
      'as false, or left out while the app does not trust its proxy (they mark the cookie Secure only on requests they ' +
      'see as HTTPS); @fastify/session is secure by default. A session or token cookie a handler sets itself ' +
      "(`res.cookie('token', …)`, Fastify's `reply.setCookie`) is read too: neither sets Secure unless told to.",
    fix:
      "app.set('trust proxy', 1); // one proxy hop in front of the app\n" +
      "app.use(session({\n  secret: process.env.SESSION_SECRET,\n  cookie: { secure: true, httpOnly: true, sameSite: 'lax' },\n}));",
    refs: [
      'https://github.com/expressjs/session#cookiesecure',
      'https://expressjs.com/en/guide/behind-proxies.html',
      'https://expressjs.com/en/api.html#res.cookie',
    ],
  },
  check(ctx) {
    const program = ctx.project.program;
    if (!program) return;
    for (const use of sessionUses(program)) {
      const problem = insecureCookie(program, use);
      if (!problem) continue;
      ctx.report({
        message: `${use.pkg}'s session cookie is sent without Secure: ${problem.detail}, so the session id also travels over plain HTTP`,
        location: problem.location,
        confidence: problem.confidence,
        about: `${use.pkg} cookie.secure`,
      });
    }
    for (const cookie of handlerCookies(program, ctx.workspace)) {
      const detail = cookieAttributeOff(program, cookie, 'secure');
      if (!detail) continue;
      ctx.report({
        message: `The ${cookie.name} cookie set by ${cookie.setter}() is sent without Secure: ${detail}, so the credential also travels over plain HTTP`,
        location: cookie.location,
        confidence: handlerConfidence(program),
        about: `${cookie.setter} ${cookie.name} secure`,
      });
    }
  },
});
