/** node/error-details-leaked — an error handler sends err.stack or err.message to the client. */
import { defineRule, leakingErrorHandlers } from '../../src/api/node.js';

export default defineRule({
  id: 'node/error-details-leaked',
  title: 'An error handler sends error details to the client',
  severity: 'high',
  docs: {
    why:
      'A stack trace names files, packages and their versions, and lines of code; an error message often carries ' +
      'SQL fragments, file paths, hostnames or the values that failed validation. An error handler that puts ' +
      '`err.stack` (high) or `err.message` (low) in the response gives them to whoever can make a request fail. ' +
      'Reported for Express error handlers (four parameters), Fastify `setErrorHandler`, Koa middleware catching ' +
      'errors, and NestJS global exception filters, when the detail is sent outside a branch that only runs when ' +
      'NODE_ENV is not production.',
    fix:
      'Log the details and send a generic message (or only outside production):\n\n' +
      'app.use((err, req, res, next) => {\n  console.error(err);\n  res.status(err.status ?? 500).json({\n' +
      '    error: "Internal Server Error",\n' +
      '    ...(process.env.NODE_ENV !== "production" && { stack: err.stack }),\n  });\n});',
    refs: [
      'https://expressjs.com/en/guide/error-handling.html',
      'https://fastify.dev/docs/latest/Reference/Server/#seterrorhandler',
      'https://docs.nestjs.com/exception-filters',
      'https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html',
    ],
  },
  check(ctx) {
    const program = ctx.project.program;
    if (!program) return;
    for (const { handler, leaks, confidence } of leakingErrorHandlers(program, ctx.workspace)) {
      // One finding per handler: its worst detail, the others named.
      const worst = leaks.find((leak) => leak.detail === 'stack') ?? leaks[0]!;
      const what = worst.detail === 'stack' ? 'the stack trace' : 'the error message';
      const others = leaks.filter((leak) => leak !== worst).map((leak) => leak.expression);
      ctx.report({
        message: `the ${handler} sends ${what} (${worst.expression}) to the client in production${others.length ? ` (and ${[...new Set(others)].join(', ')})` : ''}`,
        location: worst.location,
        severity: worst.detail === 'stack' ? 'high' : 'low',
        confidence,
        evidence: worst.expression,
        about: `${handler} ${worst.detail}`,
      });
    }
  },
});
