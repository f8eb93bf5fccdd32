/** deploy/default-credentials — a literal admin password in the deploy files or the scripts production runs. */
import { defineRule, literalAdminPasswords, managementCommandPasswords, maskSecret } from '../../src/api/django.js';

export default defineRule({
  id: 'deploy/default-credentials',
  title: 'A superuser password is committed in the deployment',
  severity: 'high',
  docs: {
    why:
      'A deployment that creates its admin account from a password written in the repository ' +
      '(DJANGO_SUPERUSER_PASSWORD=admin123 in app.json, a compose environment, render.yaml envVars or a Dockerfile ' +
      'ENV; `createsuperuser --noinput` with that variable in a build script; ' +
      'User.objects.create_superuser("admin", "…", "password") in an entrypoint or in a management command the ' +
      'release step runs, such as `python manage.py prepdb`) gives everyone who can read the ' +
      'repository, and every scanner that tries admin/admin123, a superuser login on the live site. Such ' +
      'passwords are rarely changed afterwards, and a script that recreates the user on every deploy resets it.',
    fix:
      'Read the password from the platform\'s secret store and fail when it is missing:\n\n' +
      '# render.yaml\nenvVars:\n  - key: DJANGO_SUPERUSER_PASSWORD\n    sync: false   # set in the dashboard\n\n' +
      '# build.sh\npython manage.py createsuperuser --noinput --username admin --email "$ADMIN_EMAIL" || true\n\n' +
      'Then change the password of the existing admin account, since the committed one is public.',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/django-admin/#createsuperuser',
      'https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/',
      'https://cwe.mitre.org/data/definitions/798.html',
    ],
  },
  check(ctx) {
    const hits = [...literalAdminPasswords(ctx.project.deploy, ctx.workspace), ...managementCommandPasswords(ctx.project, ctx.workspace)];
    const seen = new Set<string>();
    for (const hit of hits) {
      // A command file a deploy file also names as a script is read twice: one finding per line.
      const key = `${hit.location.file}:${hit.location.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({
        message:
          `${hit.carrier} sets ${hit.account ?? 'the admin password'} to the literal ${maskSecret(hit.value)} in ${hit.location.file}: ` +
          `anyone who reads the repository can log in ${hit.account ? 'to that account' : 'as superuser'}`,
        location: hit.location,
        secret: hit.value,
        about: `${hit.carrier} ${hit.account ?? 'admin'} literal password`,
        ...(hit.related?.length ? { related: hit.related } : {}),
        ...(hit.conditional ? { confidence: 'default' as const } : {}),
      });
    }
  },
});
