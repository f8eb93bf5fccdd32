/** django/x-frame-options-not-deny — mirrors `security.W019`. */
import { CLICKJACKING_MIDDLEWARE, defineRule, describeSetting, middlewareOn, settingReport } from '../../src/api/django.js';

export default defineRule({
  id: 'django/x-frame-options-not-deny',
  title: "X_FRAME_OPTIONS is not 'DENY'",
  severity: 'low',
  django: 'security.W019',
  docs: {
    why:
      "X_FRAME_OPTIONS = 'SAMEORIGIN' lets any page of your own origin frame your pages, which is enough for " +
      "clickjacking if an attacker controls any same-origin page (user HTML, an old upload). Use 'DENY' unless the site " +
      "really frames itself. Like `check --deploy`, the comparison is case-sensitive: 'deny' works at runtime (the " +
      'middleware upper-cases it) but is still reported.',
    fix: 'X_FRAME_OPTIONS = "DENY"  # the default since Django 3.0; @xframe_options_sameorigin on the views that need it',
    refs: ['https://docs.djangoproject.com/en/stable/ref/clickjacking/#setting-x-frame-options-for-all-responses'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || middlewareOn(settings, CLICKJACKING_MIDDLEWARE) !== true) return;
    const value = settings.get('X_FRAME_OPTIONS');
    if (value.kind === 'unknown' || value.kind === 'object' || (value.kind === 'str' && value.value === 'DENY')) return;
    ctx.report({
      ...settingReport(settings, 'X_FRAME_OPTIONS', value, settings.get('MIDDLEWARE')),
      message: `${describeSetting(settings, 'X_FRAME_OPTIONS', value)}, not 'DENY': same-origin pages can frame the site`,
    });
  },
});
