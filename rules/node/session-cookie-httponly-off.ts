/** node/session-cookie-httponly-off — page scripts can read the session cookie. */
import { cookieAttributeOff, defineRule, handlerConfidence, handlerCookies, httpOnlyOff, sessionUses } from '../../src/api/node.js';

export default defineRule({
  id: 'node/session-cookie-httponly-off',
  title: 'The session cookie is not HttpOnly',
  severity: 'medium',
  docs: {
    why:
      'An HttpOnly cookie cannot be read by JavaScript, so a cross-site-scripting bug cannot simply copy the session id ' +
      'out of document.cookie. Every session package (express-session, cookie-session, koa-session, @fastify/session) ' +
      'sets HttpOnly by default; this fires when the code turns it off. A session or token cookie a handler sets ' +
      "itself with Express's `res.cookie` or Fastify's `reply.setCookie` is not HttpOnly unless told to, so there it " +
      'fires when `httpOnly: true` is missing.',
    fix:
      "app.use(session({ /* … */ cookie: { httpOnly: true, secure: true, sameSite: 'lax' } }));  // or delete it: true is the default\n" +
      "res.cookie('token', token, { httpOnly: true, secure: true, sameSite: 'lax' });",
    refs: ['https://github.com/expressjs/session#cookiehttponly', 'https://github.com/expressjs/cookie-session#cookie-options'],
  },
  check(ctx) {
    const program = ctx.project.program;
    if (!program) return;
    for (const use of sessionUses(program)) {
      const problem = httpOnlyOff(use);
      if (!problem) continue;
      ctx.report({
        message: `${use.pkg}'s session cookie is readable by page scripts: ${problem.detail}, so an XSS bug can steal sessions`,
        location: problem.location,
        confidence: problem.confidence,
        about: `${use.pkg} cookie.httpOnly`,
      });
    }
    for (const cookie of handlerCookies(program, ctx.workspace)) {
      const detail = cookieAttributeOff(program, cookie, 'httpOnly');
      if (!detail) continue;
      ctx.report({
        message: `The ${cookie.name} cookie set by ${cookie.setter}() is readable by page scripts: ${detail}, so an XSS bug can steal it`,
        location: cookie.location,
        confidence: handlerConfidence(program),
        about: `${cookie.setter} ${cookie.name} httpOnly`,
      });
    }
  },
});
