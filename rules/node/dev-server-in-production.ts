/** node/dev-server-in-production — production starts a development server. */
import { defineRule, devServerIn, isFileLocation, pm2WatchFlag, redactCommand } from '../../src/api/node.js';

export default defineRule({
  id: 'node/dev-server-in-production',
  title: 'Production runs a development server',
  severity: 'high',
  docs: {
    why:
      'Development servers trade safety and speed for convenience: `next dev` compiles pages on request and shows ' +
      'an error overlay with source code and stack traces; nodemon, ts-node-dev, `node --watch` and `nest start ' +
      '--watch` watch the file tree and restart on changes; vite and webpack-dev-server serve unoptimised bundles ' +
      'from memory with hot reloading. None is built for production traffic. Reported when the command production ' +
      'starts (Procfile, Dockerfile CMD, fly.toml, package.json `start` …) runs one, following `npm start` / ' +
      '`npm run x` / `yarn x` into package.json scripts; pm2 with `--watch` or `watch: true` in the ecosystem file it ' +
      'starts is reported medium (it restarts every worker on a file change). `ts-node` alone is slow to start but not ' +
      'a development server.',
    fix:
      'Build once and start the production server:\n\n' +
      '"scripts": {\n  "dev": "next dev",\n  "build": "next build",\n  "start": "next start"\n}\n\n' +
      '# Express / NestJS: compile, then\nCMD ["node", "dist/main.js"]\n\n' +
      '// ecosystem.config.js (pm2)\nmodule.exports = { apps: [{ script: "server.js", watch: false }] };',
    refs: [
      'https://nextjs.org/docs/app/api-reference/cli/next#next-start-options',
      'https://docs.nestjs.com/cli/usages#nest-start',
      'https://vite.dev/guide/cli.html#vite-preview',
      'https://expressjs.com/en/advanced/best-practice-performance.html',
      'https://pm2.keymetrics.io/docs/usage/watch-and-restart/',
    ],
  },
  check(ctx) {
    const { start } = ctx.project.production;
    if (!start) return;
    const scripts = ctx.project.packageJson.scripts;
    const watch = devServerIn(start.command, scripts) ? undefined : (pm2WatchFlag(start.command, scripts) ?? ctx.project.production.pm2Watch);
    if (watch) {
      const location = watch.location ?? (isFileLocation(start.location) ? start.location : undefined);
      if (!location) return;
      ctx.report({
        message: `pm2 watches files in production (${watch.setting}; ${start.how}): it restarts the app, every cluster worker at once, whenever a watched file changes`,
        location,
        severity: 'medium',
        evidence: watch.setting,
        about: 'pm2 watch',
      });
      return;
    }
    const found = devServerIn(start.command, scripts);
    if (!found || !isFileLocation(start.location)) return;
    // The start command's description already names the package script it went through (`→ package.json scripts.dev`).
    const through = found.script === undefined || start.how.includes(`scripts.${found.script}`) ? '' : ` through the package script "${found.script}"`;
    ctx.report({
      message: `production starts ${found.tool}${through} (${start.how}: \`${redactCommand(start.command)}\`), which ${found.why}`,
      location: start.location,
      evidence: redactCommand(start.command),
      about: found.tool,
    });
  },
});
