/** django/secret-key-committed — the SECRET_KEY production uses is written in the code. */
import { defineRule } from '../../src/engine/types.js';
import { settingLocation } from '../../src/django/setting-helpers.js';
import { confidenceOf, envReadsOf } from '../../src/python/value.js';

export default defineRule({
  id: 'django/secret-key-committed',
  title: 'SECRET_KEY is written in the code',
  severity: 'critical',
  facts: ['settings', 'env'],
  docs: {
    why:
      'A key written in a settings module, or as the default of env("SECRET_KEY", default=...), is readable by everyone ' +
      'who can read the repository, its forks, CI logs and old clones, forever: rotating it later does not remove it ' +
      'from history. With the key, anyone can forge session cookies (signed-cookie sessions), password-reset tokens and ' +
      'anything signed with django.core.signing. A default is just as bad: when the variable is missing in production, ' +
      'the site silently runs with the published key. This fires for long random keys too (django/secret-key-weak only ' +
      'judges the key\'s strength); it does not fire when the production environment sets the variable.',
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
    if (!settings || !settings.has('SECRET_KEY')) return;
    const value = settings.get('SECRET_KEY');
    // An empty key is django/secret-key-weak's (Django refuses to start); a non-string is not a key we know.
    if (value.kind !== 'str' || value.value === '') return;
    const reads = envReadsOf(value);
    if (reads.some((read) => read.set)) return;
    const location = settingLocation(settings, 'SECRET_KEY', value);
    const file = value.loc?.file ?? location.file;
    // A gitignored local settings file is not in the repository.
    if (ctx.workspace.isIgnored(file) === true) return;
    const unset = reads.filter((read) => !read.set).map((read) => read.name);
    const message = unset.length
      ? `SECRET_KEY falls back to a key written in the code because ${unset.join(', ')} ${unset.length > 1 ? 'are' : 'is'} unset in ${ctx.project.environment.name}`
      : 'SECRET_KEY is a literal in the settings code, so everyone who can read the repository has the production key';
    ctx.report({
      message,
      location: value.loc ?? location,
      confidence: confidenceOf(value),
      secret: value.value,
      snippet: `SECRET_KEY in ${file}`,
    });
  },
});
