/** web/session-cookie-default-name — the session cookie keeps its framework's default name (connect.sid). */
import { defineScanRule, siteCookies } from '../../src/api/web.js';

/** Default session cookie names that say which library runs the site. */
const DEFAULT_NAMES: Readonly<Record<string, string>> = {
  'connect.sid': 'express-session',
};

export default defineScanRule({
  id: 'web/session-cookie-default-name',
  title: 'Session cookie has its default name',
  severity: 'low',
  docs: {
    why:
      '`connect.sid` tells everyone the site runs Express with express-session, which narrows what to try against it ' +
      '(and, by default, express-session keeps sessions in a MemoryStore). A name of your own gives nothing away.',
    fix: "app.use(session({ name: 'app.sid', secret: process.env.SESSION_SECRET, /* … */ }));",
    refs: ['https://expressjs.com/en/advanced/best-practice-security.html#dont-use-the-default-session-cookie-name', 'https://github.com/expressjs/session#name'],
  },
  check(ctx) {
    for (const cookie of siteCookies(ctx.scan)) {
      const library = DEFAULT_NAMES[cookie.name];
      if (!library) continue;
      ctx.report({
        message: `the session cookie '${cookie.name}' has ${library}'s default name`,
        location: { url: cookie.setBy },
        evidence: `Set-Cookie: ${cookie.name}=<${cookie.valueLength} characters>`,
        about: cookie.name,
      });
    }
  },
});
