/** django/credential-committed — a password or key production uses is written in the repository. */
import { defineRule, suppliedCredentials, workspaceSecrets } from '../../src/api/django.js';

export default defineRule({
  id: 'django/credential-committed',
  title: 'A credential production uses is committed',
  severity: 'high',
  docs: {
    why:
      'The settings production runs take a credential (EMAIL_HOST_PASSWORD, a database PASSWORD, ' +
      'AWS_SECRET_ACCESS_KEY, any *_PASSWORD, *_SECRET, *_TOKEN or *_KEY setting) from the repository itself: a ' +
      'literal in the settings code, or a variable that a committed deploy file sets (app.yaml env_variables, a ' +
      'Dockerfile ENV, a compose environment). Everyone who can read the repository, its forks and its history can ' +
      'log in to that mailbox, database or cloud account. The secret scanners miss many of these because a ' +
      'password need not look random (a Gmail app password is 16 lowercase letters); this rule knows the value is ' +
      'a credential because of the setting that receives it. A value the secrets/ rules or env/file-committed ' +
      'already report is not reported again, nor are stand-ins (changeme, <password>, ${VAR}), empty values and, for ' +
      '*_KEY and *_TOKEN names, values of another shape (cache keys, dotted class paths, UUIDs). A default word ' +
      '(postgres, admin) is reported at medium when a deploy file sets it or it is a database password (it still ' +
      'opens the account), not when the settings code writes it for another setting (a template\'s dummy).',
    fix:
      'Rotate the credential (it is public now), then read it from the environment and store it in the ' +
      "platform's secret store (Heroku config vars, fly secrets, Secret Manager):\n\n" +
      'EMAIL_HOST_PASSWORD = os.environ["EMAIL_HOST_PASSWORD"]',
    refs: [
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#critical-settings',
      'https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const credentials = suppliedCredentials(settings);
    if (!credentials.length) return;
    // One finding per value: what the secret scanners report in the same files (outside test and docs files) is theirs.
    const files = new Set(credentials.map((credential) => credential.location.file));
    const scanned = new Set<string>();
    for (const hits of workspaceSecrets(ctx.workspace, undefined, (file) => files.has(file)).values()) {
      for (const hit of hits) if (!hit.context) scanned.add(hit.secret);
    }
    const seen = new Set<string>();
    for (const credential of credentials) {
      if (scanned.has(credential.secret) || seen.has(credential.secret)) continue;
      seen.add(credential.secret);
      const { weak } = credential;
      const through = credential.variable ? ` through ${credential.variable}, which ${credential.location.file} sets` : '';
      ctx.report({
        location: credential.location,
        severity: weak ? 'medium' : 'high',
        confidence: credential.fallback ? 'default' : 'certain',
        secret: credential.secret,
        message:
          `${credential.setting} gets a ${weak ? 'default-looking but working ' : ''}credential written in the repository${through}` +
          `${credential.fallback ? ' (the fallback the code uses while the variable is unset)' : ''}: rotate it and read it from the platform's secret store`,
        snippet: `credential ${credential.setting}`,
      });
    }
  },
});
