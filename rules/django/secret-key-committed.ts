/** django/secret-key-committed — the SECRET_KEY production uses is written in the code. */
import { committedKey, confidenceOf, defineRule, deployFallbackKey, fallbackKey, weakKeyReasons } from '../../src/api/django.js';

export default defineRule({
  id: 'django/secret-key-committed',
  title: 'SECRET_KEY is written in the code',
  severity: 'critical',
  cap: { grade: 'F', reason: 'the production SECRET_KEY is committed: anyone with the code can forge sessions' },
  docs: {
    why:
      'A key written in a settings module, or as the default of env("SECRET_KEY", default=...), is readable by everyone ' +
      'who can read the repository, its forks, CI logs and old clones, forever: rotating it later does not remove it ' +
      'from history. With the key, anyone can forge session cookies (signed-cookie sessions), password-reset tokens and ' +
      'anything signed with django.core.signing. A default is just as bad: when the variable is missing in production, ' +
      'the site silently runs with the published key. This fires for long random keys too (django/secret-key-weak only ' +
      'judges the key\'s strength). When the production environment sets the variable, a key written as its default is ' +
      'still reported, at medium severity with confidence default: the site is one missing variable away from the published key (unless a ' +
      '`raise` about the key guards it); so is a key a deploy file writes as the host default of the variable (compose ' +
      '`SECRET_KEY: ${SECRET_KEY:-change-me}`, reported there). Nothing is reported when the settings refuse to start with that key. A ' +
      'committed key that is also weak (a startproject django-insecure- key, too short, too few distinct characters) ' +
      "is one problem: it is reported here once, with the id of Django's security.W009, and django/secret-key-weak " +
      'stays quiet about it.',
    fix:
      'Read the key from the environment with no default, so a missing variable stops the app instead of falling back:\n\n' +
      'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n# django-environ: SECRET_KEY = env("DJANGO_SECRET_KEY")\n\n' +
      'Then generate a new key for production (the committed one is burnt) and keep the old one only in ' +
      'SECRET_KEY_FALLBACKS until existing sessions expire.',
    refs: [
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const committed = committedKey(settings, ctx.workspace);
    if (!committed) {
      // Like django/debug-default-true for DEBUG: production sets the variable, but the code still fails open.
      // Each key a missing variable would make production use: the code's default, a deploy file's (compose `${SECRET_KEY:-…}`).
      const fallbacks = [fallbackKey(settings, ctx.workspace), deployFallbackKey(settings, ctx.project.environment, ctx.workspace)];
      for (const fallback of fallbacks) {
        if (!fallback) continue;
        ctx.report({
          message: fallback.inDeployFile
            ? `SECRET_KEY comes from the variable ${fallback.variable}, whose default in ${fallback.file} is a key written there: ` +
              'a host that leaves it unset runs the site with the published key'
            : `SECRET_KEY falls back to a key written in the code when ${fallback.variable} is unset: production sets it now` +
              `${fallback.setBy ? ` (${fallback.setBy})` : ''}, but a missing variable would run the site with the published key`,
          location: fallback.location,
          severity: 'medium',
          // True only if the variable goes missing: it fails open (counts half, and never caps the grade).
          confidence: 'default',
          secret: fallback.key,
          snippet: `SECRET_KEY fallback in ${fallback.file}`,
        });
      }
      return;
    }
    const { unset } = committed;
    const where = unset.length
      ? `SECRET_KEY falls back to a key written in the code when ${unset.join(', ')} ${unset.length > 1 ? 'are' : 'is'} unset, as ${unset.length > 1 ? 'they are' : 'it is'} in ${ctx.project.environment.name}`
      : 'SECRET_KEY is a literal in the settings code, so everyone who can read the repository has the production key';
    // One problem, one finding: a weak key written in the code is reported here, with Django's W009 id.
    const reasons = weakKeyReasons(committed.key);
    ctx.report({
      message: reasons.length ? `${where}; the key also ${reasons.join(' and ')}` : where,
      location: committed.location,
      confidence: confidenceOf(committed.value),
      secret: committed.key,
      snippet: `SECRET_KEY in ${committed.file}`,
      ...(reasons.length ? { django: 'security.W009' } : {}),
    });
  },
});
