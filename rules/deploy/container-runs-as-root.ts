/** deploy/container-runs-as-root — the production image starts its process as root. */
import { defineDeployRule, rootStages } from '../../src/api/deploy.js';

export default defineDeployRule({
  id: 'deploy/container-runs-as-root',
  title: 'The production container runs as root',
  severity: 'low',
  docs: {
    why:
      'Without a USER instruction in the stage production deploys (or with `USER root`/`USER 0` last), the app server ' +
      'runs as root inside the container. Any flaw that lets an attacker run code through the app (a template ' +
      'injection, an unsafe deserialisation, a vulnerable dependency) then runs as root: it can rewrite the app\'s ' +
      'code and static files, read every secret mounted in the container, install tools, and gets the best start ' +
      'for a container escape through a kernel or runtime bug. It is hardening rather than a hole by itself, and ' +
      'platforms isolate containers to different degrees, hence low. Known exceptions: Heroku runs every container ' +
      '(heroku.yml) as an unprivileged user, so no finding there. Not known: a base image that sets its own USER ' +
      '(deploycheck does not pull images; official python/node images do not), Kubernetes `runAsUser`/' +
      '`runAsNonRoot` or `docker run --user`: if one of those applies, suppress the finding with the reason. A ' +
      'production compose file\'s `user:` for the service decides over the image\'s USER, both ways (`user: "0:0"` ' +
      'is reported on the stage\'s FROM line with the compose line beside it; an interpolated `${UID}` is taken for ' +
      'another user). A Dockerfile next to a Procfile, app.yaml or systemd entry that nothing builds is taken for ' +
      'local use and not judged.',
    fix:
      'Create an unprivileged user in the final stage and switch to it after installing packages and copying files:\n\n' +
      'RUN adduser --system --no-create-home --group app\n' +
      'COPY --chown=app:app . /app\n' +
      'USER app\n' +
      'CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000"]   # or CMD ["node", "server.js"]\n\n' +
      'Give it write access only where the app writes (a media or cache folder), and bind to a port above 1024.',
    refs: [
      'https://docs.docker.com/reference/dockerfile/#user',
      'https://docs.docker.com/build/building/best-practices/#user',
      'https://devcenter.heroku.com/articles/container-registry-and-runtime#dockerfile-commands-and-runtime',
      'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-2-set-a-user',
    ],
  },
  check(ctx) {
    const { deploy, start } = ctx.project.deployView;
    for (const { stage, rootUser } of rootStages(deploy, start)) {
      const name = stage.stage ? `stage ${stage.stage} of ${stage.dockerfile}` : stage.dockerfile;
      const related = [
        ...(rootUser ? [{ location: rootUser.location, message: rootUser.by === 'compose' ? `user: ${rootUser.user}` : `USER ${rootUser.user}, the stage's last USER` }] : []),
        ...(stage.start ? [{ location: stage.start, message: 'the process the container starts, as root' }] : []),
        ...(stage.chosenBy !== 'last stage' ? [{ location: stage.targetLocation ?? stage.location, message: `deployed stage: ${stage.chosenBy}` }] : []),
      ];
      ctx.report({
        message: !rootUser
          ? `${name} has no USER in the stage production deploys, so its process runs as root; add an unprivileged USER before CMD`
          : rootUser.by === 'compose'
            ? `${name} is run as root: ${rootUser.location.file}:${rootUser.location.line} sets user: ${rootUser.user} for its service, whatever the image's USER says; remove it or name an unprivileged user`
            : `${name} switches back to root (USER ${rootUser.user} at line ${rootUser.location.line}) and runs its process as root; add USER with an unprivileged account after it`,
        location: stage.location,
        ...(related.length ? { related } : {}),
        about: `${stage.dockerfile} ${stage.stage ?? ''} ${rootUser ? 'USER root' : 'no USER'}`,
      });
    }
  },
});
