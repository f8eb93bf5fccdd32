/** secrets/known-format — a credential in a provider's format (Stripe, AWS, GitHub, a private key, …) is committed. */
import type { SecretHit, Severity } from '../../src/api/workspace.js';
import { alsoIn, defineWorkspaceRule, developmentSettingsNote, groupByValue, isProviderFormat, PATH_CONTEXT_LABEL, secretsOutsideEnvFiles } from '../../src/api/workspace.js';

export default defineWorkspaceRule({
  id: 'secrets/known-format',
  title: 'A credential is committed',
  severity: 'critical',
  docs: {
    why:
      'The value has the exact shape of a real credential: an AWS secret access key next to its key id, a Google ' +
      'service-account private key, a PEM private key, a Stripe live key or webhook secret, a Paystack live key, a GitHub, GitLab, Slack, ' +
      'npm or PyPI token, a SendGrid, Twilio, Mailgun, Google, OpenAI, Anthropic or Azure storage key, a Django secret ' +
      'key (the django-insecure- prefix, or the 50-character shape of get_random_secret_key() under SECRET_KEY), or a ' +
      'password inside a connection URL (not the user name repeated on a local host: postgres://app:app@localhost). Anything committed is readable by everyone with access to the repository, its forks ' +
      'and every old clone, and stays in the history after it is deleted. Values that are clearly stand-ins (changeme, ' +
      '<token>, ${VAR}, xxxx, dev_password_123, AWS documentation keys, Stripe test keys) are not reported. In tests, ' +
      'fixtures, CI workflows, dev containers, dev/test env files, docs and translation catalogues, only live provider credentials (Stripe, ' +
      'AWS, GitHub, Google, …) are reported, at medium severity: throwaway PEM keys and database URLs are expected there. ' +
      'Test data counts as tests: JSON, YAML and CSV under fixtures/, testdata/, spec/ and snapshots. ' +
      'Recorded traffic (VCR cassettes, *.har) comes from real services, so every format counts there, at ' +
      'medium severity. Each distinct credential is one finding, however many files repeat it: the other places are ' +
      'listed as related locations and counted in the message. A Django key, PEM key or URL password in a settings ' +
      'module production does not use (local.py, dev.py, test settings, or any settings module the production one ' +
      'does not import; by its name when no project says what production runs) is a development key: low severity, ' +
      'like the default of env("DJANGO_SECRET_KEY", default=…) when production sets the variable. ' +
      'The production key in the settings production runs is django/secret-key-committed\'s.',
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
    const hits = secretsOutsideEnvFiles(ctx.workspace, ctx.projects, ctx.focus);
    // The same value under a secret-looking name elsewhere is another place of this leak (secrets/high-entropy leaves it out).
    const known = hits.filter((hit) => hit.tier === 'known');
    const elsewhere = hits.filter((hit) => hit.tier === 'entropy');
    for (const group of groupByValue(known, severityOf, elsewhere)) {
      const hit = group.primary;
      const where = hit.name ? ` in ${hit.name}` : '';
      const introduced = ctx.history?.secrets.find((old) => old.secret === hit.secret);
      const context = hit.context
        ? ` (${PATH_CONTEXT_LABEL[hit.context]}, but ${hit.context === 'recording' ? 'captured from a real service' : 'a live provider credential is a leak anywhere'})`
        : '';
      // A provider credential is live whichever settings module holds it: only other keys are development keys.
      const development = group.severity === 'low' ? developmentSettingsNote(hit) : '';
      const action = development ? 'keep it out of production and read the production key from the environment' : 'revoke it and read it from the environment';
      ctx.report({
        message: `${hit.label}${where} is committed in ${hit.location.file}${development}${context}${alsoIn(group)}: ${action}`,
        severity: group.severity,
        location: hit.location,
        secret: hit.secret,
        about: `${hit.detector} ${hit.name ?? ''} ${hit.location.file}`,
        related: [
          ...(introduced ? [{ location: introduced.location, message: `first committed in ${introduced.commit.slice(0, 12)}` }] : []),
          ...group.related,
        ],
      });
    }
  },
});

/**
 * Live provider credentials: critical, medium in tests, fixtures, CI and dev-only files. Keys of
 * another kind (a Django key, a PEM key, a URL password) in a settings module production does not use: low.
 */
function severityOf(hit: SecretHit): Severity {
  if (hit.developmentSettings && !isProviderFormat(hit.detector)) return 'low';
  return hit.context ? 'medium' : 'critical';
}
