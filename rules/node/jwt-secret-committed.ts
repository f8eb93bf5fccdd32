/** node/jwt-secret-committed — the secret JWTs are signed with is written in the code. */
import { defineRule, describeCodeSecret, jwtSecrets, secretsInCode } from '../../src/api/node.js';

export default defineRule({
  id: 'node/jwt-secret-committed',
  title: 'The JWT secret is written in the code',
  severity: 'critical',
  docs: {
    why:
      'An HMAC-signed JSON Web Token is only as secret as its key: anyone who has the key can mint a token for any ' +
      'user, admin included, and the server accepts it. A key passed to `jwt.sign`/`jwt.verify` (jsonwebtoken), ' +
      "express-jwt's or koa-jwt's `secret`, passport-jwt's `secretOrKey`, `JwtModule.register({ secret })` (NestJS) " +
      "or @fastify/jwt's `secret` that is written in the code is readable by everyone who can read the repository, " +
      "and stays in its history. `process.env.JWT_SECRET || 'dev-secret'` is reported too (confidence `default` when " +
      'production leaves the variable unset; medium when production sets it but a missing variable would fall back ' +
      'to the published key). A PEM public key is not a secret and is not reported.',
    fix:
      'Read the key from the environment with no fallback, and fail at start-up when it is missing:\n\n' +
      "const JWT_SECRET = process.env.JWT_SECRET;\nif (!JWT_SECRET) throw new Error('JWT_SECRET is not set');\n" +
      "jwt.sign(payload, JWT_SECRET, { expiresIn: '1h' });\n\n" +
      'Then generate a new key (at least 32 random bytes): tokens signed with the committed one must stop being accepted.',
    refs: [
      'https://github.com/auth0/node-jsonwebtoken#jwtsignpayload-secretorprivatekey-options-callback',
      'https://github.com/auth0/express-jwt#usage',
      'https://docs.nestjs.com/security/authentication#jwt-token',
      'https://github.com/fastify/fastify-jwt#secret-required',
    ],
  },
  check(ctx) {
    const program = ctx.project.program;
    if (!program) return;
    const seen = new Set<string>();
    for (const use of jwtSecrets(program)) {
      for (const found of secretsInCode(use.value, use.at)) {
        // One secret used by sign and verify (or several routes) is one problem: report it where it is written.
        const key = `${found.location.file}:${found.location.line}:${found.location.column}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.report({
          message: describeCodeSecret(found, `The secret ${use.source} uses`),
          location: found.location,
          confidence: found.confidence,
          ...(found.fallbackOnly ? { severity: 'medium' as const } : {}),
          secret: found.secret,
          about: `${use.source} secret${found.variable ? ` ${found.variable}` : ''}`,
        });
      }
    }
  },
});
