/** node/security-headers-missing — the app sends none of the usual security headers. */
import { appsWithoutHeaders, defineRule } from '../../src/api/node.js';

const FRAMEWORK: Record<string, string> = { express: 'Express', koa: 'Koa', fastify: 'Fastify', nestjs: 'NestJS' };
const EQUIVALENT: Record<string, string> = { express: 'helmet', koa: 'koa-helmet', fastify: '@fastify/helmet', nestjs: 'helmet' };

export default defineRule({
  id: 'node/security-headers-missing',
  title: 'No security headers (no Helmet or equivalent)',
  severity: 'medium',
  docs: {
    why:
      'Express, Koa, Fastify and NestJS send no security headers of their own: no Strict-Transport-Security (a first ' +
      'visit over http:// can be intercepted), no Content-Security-Policy (an XSS bug runs any script), no ' +
      'X-Frame-Options (the pages can be framed for clickjacking), no X-Content-Type-Options. Helmet (koa-helmet, ' +
      '@fastify/helmet) sets them all with sensible defaults in one line. This fires only when the code production ' +
      'runs registers none of them, sets none of these headers itself, and every file of it could be read (a file ' +
      'that does not parse or an import we cannot follow gives no finding), and no production nginx config or ' +
      'Caddyfile in the repository adds them. The live scan (`deploycheck scan`) checks what the site really sends.',
    fix:
      "import helmet from 'helmet';\napp.use(helmet());\n// Koa: app.use(require('koa-helmet')());\n// Fastify: await app.register(require('@fastify/helmet'));",
    refs: ['https://github.com/helmetjs/helmet#readme', 'https://expressjs.com/en/advanced/best-practice-security.html#use-helmet', 'https://github.com/fastify/fastify-helmet'],
  },
  check(ctx) {
    const program = ctx.project.program;
    if (!program) return;
    for (const { app, confidence } of appsWithoutHeaders(program, ctx.workspace, ctx.project.deploy)) {
      const name = FRAMEWORK[app.of] ?? app.of;
      ctx.report({
        message: `The ${name} app production starts sends no security headers: no ${EQUIVALENT[app.of] ?? 'helmet'} and no Strict-Transport-Security, Content-Security-Policy or X-Frame-Options of its own`,
        location: app.createdAt,
        confidence,
        about: `${app.of} app`,
      });
    }
  },
});
