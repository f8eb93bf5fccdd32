/** node/cors-any-origin — CORS lets any origin read responses (with the user's cookies, at worst). */
import { defineRule, openCorsPolicies, sessionUses } from '../../src/api/node.js';

export default defineRule({
  id: 'node/cors-any-origin',
  title: 'CORS allows any origin',
  severity: 'high',
  docs: {
    why:
      "`cors({ origin: true, credentials: true })` answers every request's Origin back with " +
      'Access-Control-Allow-Credentials: any web page the user visits can call the API with their cookies and read ' +
      'the answers (their data, CSRF tokens). A RegExp that matches any site, or an origin function that always allows ' +
      "(`(origin, cb) => cb(null, true)`, Koa's `ctx => ctx.get('Origin')`) does the same, and so does `@koa/cors` " +
      "with `credentials: true` and no `origin`. `origin: '*'` with credentials is refused by browsers, but the usual " +
      "next step is to reflect the origin; `*` (the default of cors and @fastify/cors) on an app with cookie sessions is " +
      "reported low. Inside an origin array, `'*'` is compared literally and is not a wildcard.",
    fix:
      "const allowed = process.env.CORS_ORIGINS.split(','); // https://app.example.com,https://admin.example.com\n" +
      'app.use(cors({ origin: allowed, credentials: true }));',
    refs: ['https://github.com/expressjs/cors#configuration-options', 'https://github.com/fastify/fastify-cors#options', 'https://github.com/koajs/cors#corsoptions', 'https://portswigger.net/web-security/cors'],
  },
  check(ctx) {
    const program = ctx.project.program;
    if (!program) return;
    const cookieSessions = sessionUses(program).length > 0;
    for (const policy of openCorsPolicies(program)) {
      const base = { location: policy.location, confidence: policy.confidence, about: `${policy.source} origin` };
      if (policy.origin === 'reflect' && policy.credentials) {
        ctx.report({ ...base, message: `${policy.source}: ${policy.how} together with \`credentials: true\`, so any site can read responses with the user's cookies` });
      } else if (policy.credentials) {
        ctx.report({
          ...base,
          severity: 'medium',
          message: `${policy.source}: ${policy.how} together with \`credentials: true\`: browsers refuse that pair, and reflecting the origin to make it work would open the API to every site; list the allowed origins`,
        });
      } else if (cookieSessions) {
        ctx.report({
          ...base,
          severity: 'low',
          message: `${policy.source}: ${policy.how} on an app with cookie sessions: any site can read its responses (without cookies today); list the allowed origins`,
        });
      }
    }
  },
});
