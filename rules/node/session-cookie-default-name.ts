/** node/session-cookie-default-name — express-session's cookie keeps its default name, connect.sid. */
import { defaultCookieName, defineRule, sessionUses } from '../../src/api/node.js';

export default defineRule({
  id: 'node/session-cookie-default-name',
  title: 'The session cookie keeps its default name (connect.sid)',
  severity: 'low',
  docs: {
    why:
      "A `connect.sid` cookie tells every visitor (and every scanner) that the site runs Express with express-session, " +
      'which narrows an attacker\'s search to that stack\'s known problems. The Express security best practices ask for ' +
      'a name of your own. It is a small thing on its own, which is why this is low.',
    fix: "app.use(session({ name: 'shop.sid', secret: process.env.SESSION_SECRET, /* … */ }));",
    refs: ['https://expressjs.com/en/advanced/best-practice-security.html#dont-use-the-default-session-cookie-name', 'https://github.com/expressjs/session#name'],
  },
  check(ctx) {
    const program = ctx.project.program;
    if (!program) return;
    for (const use of sessionUses(program)) {
      const problem = defaultCookieName(use);
      if (!problem) continue;
      ctx.report({
        message: `The session cookie is called connect.sid: ${problem.detail}, which fingerprints the app as Express with express-session`,
        location: problem.location,
        confidence: problem.confidence,
        about: `${use.pkg} name`,
      });
    }
  },
});
