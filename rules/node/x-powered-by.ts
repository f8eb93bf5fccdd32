/** node/x-powered-by — responses announce the framework in X-Powered-By (Express, NestJS on Express, Next.js). */
import { appsSendingPoweredBy, defineRule, nextPoweredBy } from '../../src/api/node.js';

export default defineRule({
  id: 'node/x-powered-by',
  title: 'X-Powered-By is left on',
  severity: 'low',
  docs: {
    why:
      'Express (and NestJS on its default Express platform) adds `X-Powered-By: Express` to every response, and Next.js ' +
      'adds `X-Powered-By: Next.js` unless next.config says `poweredByHeader: false`. The header tells scanners which ' +
      "stack to try their exploits on and serves no one. Helmet removes it; Koa and Fastify never send it, so they are " +
      'not reported.',
    fix:
      "app.disable('x-powered-by'); // or app.use(helmet()), which also removes it\n" +
      '// Next.js, next.config.js: module.exports = { poweredByHeader: false };',
    refs: [
      'https://expressjs.com/en/advanced/best-practice-security.html#reduce-fingerprinting',
      'https://github.com/helmetjs/helmet#x-powered-by',
      'https://nextjs.org/docs/app/api-reference/config/next-config-js/poweredByHeader',
    ],
  },
  check(ctx) {
    const program = ctx.project.program;
    for (const { app, confidence } of program ? appsSendingPoweredBy(program, ctx.workspace) : []) {
      const name = app.of === 'nestjs' ? 'The NestJS app (on Express)' : 'The Express app';
      ctx.report({
        message: `${name} production starts sends X-Powered-By: Express: it neither calls app.disable('x-powered-by') nor uses helmet()`,
        location: app.createdAt,
        confidence,
        about: `${app.of} app`,
      });
    }
    const next = nextPoweredBy(ctx.project, ctx.workspace);
    if (next) {
      ctx.report({
        message: `Next.js sends X-Powered-By: Next.js: ${next.detail}`,
        location: next.location,
        confidence: next.confidence,
        about: 'next poweredByHeader',
      });
    }
  },
});
