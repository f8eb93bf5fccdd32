/** secrets/known-format — a credential in a provider's format (Stripe, AWS, GitHub, a private key, …) is committed. */
import { defineWorkspaceRule } from '../../src/engine/types.js';
import { PATH_CONTEXT_LABEL } from '../../src/secrets/paths.js';
import { secretsOutsideEnvFiles } from '../../src/secrets/workspace-scan.js';

export default defineWorkspaceRule({
  id: 'secrets/known-format',
  title: 'A credential is committed',
  severity: 'critical',
  docs: {
    why:
      'The value has the exact shape of a real credential: an AWS secret access key next to its key id, a Google ' +
      'service-account private key, a PEM private key, a Stripe live key or webhook secret, a GitHub, GitLab, Slack, ' +
      'npm or PyPI token, a SendGrid, Twilio, Mailgun, Google, OpenAI, Anthropic or Azure storage key, a Django secret ' +
      'key (the django-insecure- prefix, or the 50-character shape of get_random_secret_key() under SECRET_KEY), or a ' +
      'password inside a connection URL (not the user name repeated on a local host: postgres://app:app@localhost). Anything committed is readable by everyone with access to the repository, its forks ' +
      'and every old clone, and stays in the history after it is deleted. Values that are clearly stand-ins (changeme, ' +
      '<token>, ${VAR}, xxxx, dev_password_123, AWS documentation keys, Stripe test keys) are not reported. In tests, ' +
      'fixtures, CI workflows, dev containers, dev/test env files and docs, only live provider credentials (Stripe, ' +
      'AWS, GitHub, Google, …) are reported, at medium severity: throwaway PEM keys and database URLs are expected there.',
    fix:
      'Revoke the credential at the provider and issue a new one (deleting the line does not un-leak it), then read ' +
      'it from the environment:\n\nSTRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]\n\n' +
      'Set the variable in the platform (fly secrets set, heroku config:set, a Docker secret), never in a committed ' +
      'file. Run `deploycheck check --history` to see whether older commits hold more.',
    refs: [
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key',
      'https://docs.github.com/en/code-security/secret-scanning/introduction/about-secret-scanning',
    ],
  },
  check(ctx) {
    for (const hit of secretsOutsideEnvFiles(ctx.workspace, ctx.projects, ctx.focus)) {
      if (hit.tier !== 'known') continue;
      const where = hit.name ? ` in ${hit.name}` : '';
      const introduced = ctx.history?.secrets.find((old) => old.secret === hit.secret);
      const context = hit.context ? ` (${PATH_CONTEXT_LABEL[hit.context]}, but a live provider credential is a leak anywhere)` : '';
      ctx.report({
        message: `${hit.label}${where} is committed in ${hit.location.file}${context}: revoke it and read it from the environment`,
        ...(hit.context ? { severity: 'medium' as const } : {}),
        location: hit.location,
        secret: hit.secret,
        snippet: `${hit.detector} ${hit.name ?? ''} ${hit.location.file}`,
        ...(introduced
          ? { related: [{ location: introduced.location, message: `first committed in ${introduced.commit.slice(0, 12)}` }] }
          : {}),
      });
    }
  },
});
