/** node/session-memory-store — sessions live in the server process's memory. */
import { defineRule, memoryStore, optionLocation, sessionUses } from '../../src/api/node.js';

export default defineRule({
  id: 'node/session-memory-store',
  title: 'Sessions are kept in memory (MemoryStore)',
  severity: 'medium',
  docs: {
    why:
      "express-session's default store, MemoryStore, \"is purposely not designed for a production environment. It will " +
      'leak memory under most conditions, does not scale past a single process, and is meant for debugging and ' +
      'developing" (its README). Every restart or deploy logs every user out, and two instances behind a load balancer ' +
      "do not share sessions. @fastify/session's default in-memory store has the same limits. Stores that keep the " +
      'session in the cookie (cookie-session, koa-session) are not concerned.',
    fix:
      "import RedisStore from 'connect-redis';\n" +
      'app.use(session({\n  store: new RedisStore({ client: redisClient }),\n  secret: process.env.SESSION_SECRET,\n  /* … */\n}));',
    refs: ['https://github.com/expressjs/session#sessionoptions', 'https://github.com/expressjs/session#compatible-session-stores', 'https://github.com/fastify/session#options'],
  },
  check(ctx) {
    const program = ctx.project.program;
    if (!program) return;
    for (const use of sessionUses(program)) {
      const problem = memoryStore(use);
      if (!problem) continue;
      ctx.report({
        message: `Sessions are kept in the process's memory: ${problem.detail}, which leaks memory, loses every session on restart and is not shared between instances`,
        location: optionLocation(use, problem.option),
        confidence: problem.confidence,
        about: `${use.pkg} store`,
      });
    }
  },
});
