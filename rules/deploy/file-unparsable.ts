import { defineDeployRule, productionNginxConfigs } from '../../src/api/deploy.js';

/** What it does: reports deploy files (fly.toml, app.json, docker-compose, render.yaml, Kubernetes manifests, nginx configuration, …) that do not parse. */
export default defineDeployRule({
  id: 'deploy/file-unparsable',
  title: 'A deploy file does not parse',
  severity: 'medium',
  docs: {
    why: `The platform reads this file to build and run the app; if it does not parse, the deploy fails
or silently ignores settings, and deploycheck cannot see the environment it declares.`,
    fix: 'Fix the syntax at the reported line; validate with the platform tool (e.g. `fly config validate`, `docker compose config`, `kubectl apply --dry-run=client -f`, `nginx -t`).',
  },
  check(ctx) {
    for (const problem of ctx.project.deployView.deploy.problems) {
      // A file can have several problems; their messages may quote line and column, which must not move the fingerprint.
      ctx.report({ message: problem.message, location: problem.location, about: problem.message.replace(/\d+/g, '#') });
    }
    for (const config of productionNginxConfigs(ctx.workspace, ctx.project.deployView.deploy)) {
      for (const problem of config.problems) ctx.report({ message: problem.message, location: problem.location, about: problem.message.replace(/\d+/g, '#') });
    }
  },
});
