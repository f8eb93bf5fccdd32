/** django/secret-key-fallbacks-weak — mirrors `security.W025` (Django 4.1+). */
import { combinedConfidence, defineRule, settingLocation, versionAtLeast, weakKeyReasons } from '../../src/api/django.js';

export default defineRule({
  id: 'django/secret-key-fallbacks-weak',
  title: 'A SECRET_KEY_FALLBACKS entry is weak',
  severity: 'high',
  django: 'security.W025',
  docs: {
    why:
      'Since Django 4.1, signatures made with any key in SECRET_KEY_FALLBACKS are still accepted, so a weak or ' +
      'startproject-generated fallback is as good as a weak SECRET_KEY for forging signed data. Fallbacks are meant for ' +
      'a short rotation window. High rather than critical: the entry is an old key on its way out, not the key in use.',
    fix:
      'Drop the weak entry once sessions and tokens signed with it have expired; rotate with strong keys only:\n\n' +
      'SECRET_KEY_FALLBACKS = [os.environ["DJANGO_OLD_SECRET_KEY"]]',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || !versionAtLeast(ctx.project.djangoVersion.version, '4.1')) return;
    const value = settings.get('SECRET_KEY_FALLBACKS');
    if (value.kind !== 'list' && value.kind !== 'tuple') return;
    value.items.forEach((item, index) => {
      if (item.kind !== 'str') return;
      const reasons = weakKeyReasons(item.value);
      if (!reasons.length) return;
      ctx.report({
        location: item.loc ?? settingLocation(settings, 'SECRET_KEY_FALLBACKS', value),
        confidence: combinedConfidence(item, value),
        message: `SECRET_KEY_FALLBACKS[${index}] ${reasons.join(' and ')}`,
        secret: item.value,
        snippet: `SECRET_KEY_FALLBACKS[${index}]`,
      });
    });
  },
});
