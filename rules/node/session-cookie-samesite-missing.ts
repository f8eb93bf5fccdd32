/** node/session-cookie-samesite-missing — the session cookie has no SameSite attribute. */
import { cookieAttributeOff, defineRule, handlerConfidence, handlerCookies, sameSiteMissing, sessionUses } from '../../src/api/node.js';

export default defineRule({
  id: 'node/session-cookie-samesite-missing',
  title: 'The session cookie has no SameSite attribute',
  severity: 'low',
  docs: {
    why:
      'SameSite=Lax keeps the browser from sending the session cookie with cross-site POSTs and subresource requests, ' +
      'the core of cross-site request forgery. express-session (`cookie.sameSite` false), cookie-session (`sameSite` ' +
      'false) and koa-session (`sameSite` null) send no SameSite attribute unless told to. Current Chrome and Edge treat ' +
      'a cookie without it as Lax, but Safari and older browsers do not, so the app is only as safe as the browser. ' +
      "Session and token cookies set by a handler (`res.cookie`, `reply.setCookie`, `ctx.cookies.set`) are read too.",
    fix: "app.use(session({ /* … */ cookie: { sameSite: 'lax', secure: true, httpOnly: true } }));",
    refs: ['https://github.com/expressjs/session#cookiesamesite', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#controlling_third-party_cookies_with_samesite'],
  },
  check(ctx) {
    const program = ctx.project.program;
    if (!program) return;
    for (const use of sessionUses(program)) {
      const problem = sameSiteMissing(use);
      if (!problem) continue;
      ctx.report({
        message: `${use.pkg}'s session cookie has no SameSite attribute: ${problem.detail}, so browsers without a Lax default send it with cross-site requests`,
        location: problem.location,
        confidence: problem.confidence,
        about: `${use.pkg} cookie.sameSite`,
      });
    }
    for (const cookie of handlerCookies(program, ctx.workspace)) {
      const detail = cookieAttributeOff(program, cookie, 'sameSite');
      if (!detail) continue;
      ctx.report({
        message: `The ${cookie.name} cookie set by ${cookie.setter}() has no SameSite attribute: ${detail}, so browsers without a Lax default send it with cross-site requests`,
        location: cookie.location,
        confidence: handlerConfidence(program),
        about: `${cookie.setter} ${cookie.name} sameSite`,
      });
    }
  },
});
