/** node/node-env-not-production — NODE_ENV is not `production` where production runs. */
import type { FileLocation } from '../../src/api/node.js';
import { defineRule, isFileLocation, nodeEnvProblem, redactCommand } from '../../src/api/node.js';

export default defineRule({
  id: 'node/node-env-not-production',
  title: 'NODE_ENV is not production',
  severity: 'high',
  docs: {
    why:
      'Node libraries switch on NODE_ENV. Outside `production`, Express\'s default error handler answers with the ' +
      'stack trace, views are compiled on every request, and many packages (React, template engines, loggers) run ' +
      'their slower, chattier development builds. Reported for certain when a deploy file or the start command sets ' +
      'another value (Dockerfile `ENV NODE_ENV=development`, `NODE_ENV=development node server.js`, fly.toml ' +
      '[env]); medium when an Express server is started where nothing sets it: Docker, Fly, Render and a VPS leave ' +
      'it unset, while Heroku and Vercel set `production` and `next start` sets it itself.',
    fix:
      'Set it where production starts:\n\n' +
      '# Dockerfile\nENV NODE_ENV=production\n\n# fly.toml\n[env]\n  NODE_ENV = "production"',
    refs: [
      'https://expressjs.com/en/advanced/best-practice-performance.html#set-node_env-to-production',
      'https://nodejs.org/en/learn/getting-started/nodejs-the-difference-between-development-and-production',
      'https://devcenter.heroku.com/articles/nodejs-support#runtime-behavior',
    ],
  },
  check(ctx) {
    const problem = nodeEnvProblem(ctx.project);
    if (!problem) return;
    const fallback: FileLocation = { file: ctx.project.packageJson.file, line: 1, column: 1 };
    if (problem.kind === 'other-value') {
      const consequence = ctx.project.frameworks.includes('express')
        ? "Express's error handler sends stack traces, views are not cached and libraries run their development builds"
        : 'libraries (React, template engines, loggers) run their slower development builds and show more on errors';
      ctx.report({
        message: `NODE_ENV is '${problem.value}' in production (${problem.how}): ${consequence}`,
        location: problem.location && isFileLocation(problem.location) ? problem.location : fallback,
        confidence: problem.confidence,
        evidence: `NODE_ENV=${problem.value}`,
        about: 'NODE_ENV',
      });
      return;
    }
    ctx.report({
      message:
        `nothing sets NODE_ENV where production starts (${problem.how}: \`${redactCommand(problem.start)}\`), so Express runs in development mode ` +
        'and its error handler sends stack traces; set NODE_ENV=production in the Dockerfile, fly.toml [env] or the service definition',
      location: isFileLocation(problem.location) ? problem.location : fallback,
      severity: 'medium',
      evidence: redactCommand(problem.start),
      about: 'NODE_ENV unset',
    });
  },
});
