/** deploy/secret-in-image — a credential is baked into the production image. */
import { defineDeployRule, imageSecrets, maskSecret, workspaceSecrets } from '../../src/api/deploy.js';
import type { ImageSecret, SecretHit } from '../../src/api/deploy.js';

function message(found: ImageSecret): string {
  switch (found.kind) {
    case 'value':
      return (
        `${found.carrier} sets ${found.name} to the literal ${maskSecret(found.secret)}: it is stored in the image ` +
        `(\`docker history\`, \`docker inspect\`) for everyone who can pull it` +
        (found.strength === 'weak' ? ' (a default word, but one that works wherever nothing overrides it)' : '')
      );
    case 'env-file':
      return (
        `${found.carrier} copies ${found.source} into the image: every variable in it ships in a layer anyone who pulls the image can read` +
        (found.committed ? '' : ' (not in the repository: the build takes the one on the machine that builds)')
      );
    case 'arg-in-env': {
      const shown = found.names.slice(0, 4).join(', ') + (found.names.length > 4 ? `, … (${found.names.length})` : '');
      return (
        `${found.carrier} copies build argument${found.names.length > 1 ? 's' : ''} into ${shown}: whatever value the build passes is ` +
        `stored in the image's configuration (\`docker inspect\`) for everyone who can pull it; set ${found.names.length > 1 ? 'them' : 'it'} at run time instead`
      );
    }
    case 'env-file-in-dir': {
      const shown = found.files.slice(0, 3).join(', ') + (found.files.length > 3 ? `, … (${found.files.length})` : '');
      return `${found.carrier} copies ${found.source} with the committed env file${found.files.length > 1 ? 's' : ''} ${shown} and its credentials into the image; .dockerignore does not leave ${found.files.length > 1 ? 'them' : 'it'} out`;
    }
  }
}

export default defineDeployRule({
  id: 'deploy/secret-in-image',
  title: 'A secret is baked into the image',
  severity: 'medium',
  docs: {
    why:
      'Everything a Dockerfile writes with ENV, every ARG value a RUN step uses, and every file COPY or ADD puts in a ' +
      'layer is part of the image: `docker history`, `docker inspect` or unpacking the layers shows it to anyone who ' +
      'can pull the image (a public registry, a CI cache, every machine that runs it), and deleting it in a later ' +
      'step does not remove it from the earlier layer. Reported: ENV/ARG with a secret-named variable (*_KEY, ' +
      '*_SECRET, *_TOKEN, *PASSWORD*) or a URL with a password, set to a literal that is not empty, a placeholder or a ' +
      '$VAR reference; build arguments with such values in compose `build.args`, fly.toml `[build.args]` and ' +
      'heroku.yml `build.config`; ENV of such a variable copied from a build argument (`ARG JWT_SECRET` then ' +
      '`ENV JWT_SECRET=$JWT_SECRET`: the value the build passes is kept in the image); `COPY .env`/`ADD .env*`; and `COPY . .` (or another folder) when it holds a ' +
      'committed env file with credentials that `.dockerignore` does not leave out. A default word (postgres, ' +
      'admin) is reported low. The literal value is also a committed secret: when the secrets/* rules report it ' +
      '(its shape says so) or deploy/default-credentials does (an admin password), this finding is info, so the value is deducted once; it still says the image carries ' +
      'it, which outlives the commit that removes it.',
    fix:
      'Pass secrets at run time, from the platform\'s secret store, and leave env files out of the build context:\n\n' +
      '# .dockerignore\n.env\n.env.*\n!.env.example\n\n' +
      '# a secret needed while building: a BuildKit secret mount, never ARG/ENV\n' +
      'RUN --mount=type=secret,id=pip_token PIP_TOKEN=$(cat /run/secrets/pip_token) pip install -r requirements.txt\n\n' +
      'Then rotate the credential: images already pushed keep it.',
    refs: [
      'https://docs.docker.com/build/building/secrets/',
      'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
      'https://docs.docker.com/build/concepts/context/#dockerignore-files',
      'https://cwe.mitre.org/data/definitions/798.html',
    ],
  },
  check(ctx) {
    const view = ctx.project.deployView;
    const all = imageSecrets(ctx.workspace, view.deploy);
    // A value the secret scanner also finds is reported (and deducted) by secrets/*: this one is then info.
    const files = new Set(all.map((found) => found.location.file));
    const scanned = all.some((found) => found.kind === 'value') ? workspaceSecrets(ctx.workspace, undefined, (file) => files.has(file)) : new Map<string, SecretHit[]>();
    // A value a rule of the project's kind reports (deploy/default-credentials: an admin password, high) already.
    const elsewhere = all.some((found) => found.kind === 'value') ? view.credentialsReportedElsewhere(ctx.workspace) : [];
    const scannerFinds = (found: ImageSecret): boolean =>
      found.kind === 'value' &&
      ((scanned.get(found.location.file) ?? []).some((hit) => hit.location.line === found.location.line && hit.secret === found.secret) ||
        elsewhere.some((location) => location.file === found.location.file && location.line === found.location.line));
    for (const found of all) {
      const weak = found.kind === 'value' && found.strength === 'weak';
      const twin = scannerFinds(found);
      ctx.report({
        message: message(found) + (twin ? ' (the secrets/* or deploy/default-credentials finding on this line counts the value itself)' : ''),
        location: found.location,
        ...(twin ? { severity: 'info' as const } : weak ? { severity: 'low' as const } : {}),
        ...(found.kind === 'value' ? { secret: found.secret } : {}),
        about: found.kind === 'value' ? `${found.carrier} ${found.name}` : found.kind === 'arg-in-env' ? `${found.carrier} build arguments` : `${found.carrier} ${found.source}`,
      });
    }
  },
});
