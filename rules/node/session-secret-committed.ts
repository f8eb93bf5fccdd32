/** node/session-secret-committed — the secret that signs session cookies is written in the code. */
import { defineRule, describeCodeSecret, secretsInCode, signingSecrets } from '../../src/api/node.js';

export default defineRule({
  id: 'node/session-secret-committed',
  title: 'The session secret is written in the code',
  severity: 'high',
  docs: {
    why:
      'express-session, cookie-session, koa-session (through `app.keys`), @fastify/session, @fastify/secure-session and ' +
      "cookie-parser sign the session cookie with a secret. Whoever has the secret can forge a signed cookie: with " +
      'cookie-session and koa-session the whole session lives in the cookie, so a forged cookie is any user. A secret ' +
      "written in the code is readable by everyone who can read the repository, its forks and old clones, and rotating " +
      "it later does not remove it from history. `process.env.SESSION_SECRET || 'keyboard cat'` is reported too " +
      '(confidence `default` when production leaves the variable unset; medium when production sets it but a missing ' +
      'variable would fall back to the published secret).',
    fix:
      'Read the secret from the environment with no fallback, so a missing variable stops the app:\n\n' +
      "const secret = process.env.SESSION_SECRET;\nif (!secret) throw new Error('SESSION_SECRET is not set');\n" +
      "app.use(session({ secret, /* … */ }));\n// Koa: app.keys = process.env.SESSION_KEYS.split(',');\n\n" +
      'Then generate a new secret for production: the committed one is burnt.',
    refs: [
      'https://github.com/expressjs/session#secret',
      'https://github.com/expressjs/cookie-session#keys',
      'https://koajs.com/#app-keys-',
      'https://github.com/fastify/session#options',
    ],
  },
  check(ctx) {
    const program = ctx.project.program;
    if (!program) return;
    for (const signing of signingSecrets(program)) {
      const what = `${signing.source}'s \`${signing.option}\``;
      for (const found of secretsInCode(signing.value, signing.at)) {
        ctx.report({
          message: describeCodeSecret(found, what),
          location: found.location,
          confidence: found.confidence === 'default' || signing.placement === 'default' ? 'default' : 'certain',
          ...(found.fallbackOnly ? { severity: 'medium' as const } : {}),
          secret: found.secret,
          about: `${signing.source} ${signing.option}`,
        });
      }
    }
  },
});
