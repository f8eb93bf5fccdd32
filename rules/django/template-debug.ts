/** django/template-debug — a template engine has OPTIONS['debug'] on. */
import { defineRule, describeSetting, dictGet, pyRepr, settingLocation, settingReport, truthy, versionAtLeast } from '../../src/api/django.js';

export default defineRule({
  id: 'django/template-debug',
  title: 'Template debug is on',
  severity: 'high',
  docs: {
    why:
      "A template engine's OPTIONS['debug'] makes template errors render Django's technical page with the template " +
      'source around the failing line, the same kind of leak as DEBUG. It is often written as \'debug\': DEBUG or ' +
      'left over from a development settings file. Up to Django 4.0 it also turns off the cached template loader ' +
      'that Django enables automatically, so every render re-reads templates from disk. While DEBUG itself is on, ' +
      'django/debug reports the larger leak and this finding is informational (one problem, one finding); it counts ' +
      'again once DEBUG is off and the option is still on.',
    fix:
      'Drop the option (it follows DEBUG by default) or set it from a fail-closed DEBUG:\n\n' +
      'TEMPLATES = [{\n' +
      '    "BACKEND": "django.template.backends.django.DjangoTemplates",\n' +
      '    "APP_DIRS": True,\n' +
      '    "OPTIONS": {"context_processors": [...]},   # no "debug"\n' +
      '}]',
    refs: ['https://docs.djangoproject.com/en/stable/topics/templates/#django.template.backends.django.DjangoTemplates'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const templates = settings.get('TEMPLATES');
    if (templates.kind !== 'list' && templates.kind !== 'tuple') return;
    // DEBUG on already shows the technical page for everything: that is django/debug's finding.
    const debugOn = truthy(settings.get('DEBUG')) === true;
    const cachedLoaderNote = versionAtLeast(ctx.project.djangoVersion.version, '4.1')
      ? ''
      : ', and the cached template loader is turned off';
    templates.items.forEach((engine, index) => {
      const options = dictGet(engine, 'OPTIONS');
      const debug = options && dictGet(options, 'debug');
      if (!debug || truthy(debug) !== true) return;
      const name = `TEMPLATES[${index}]['OPTIONS']['debug']`;
      const described = describeSetting(settings, 'TEMPLATES', debug).replace(/^TEMPLATES is/, `${name} is`);
      ctx.report({
        ...settingReport(settings, 'TEMPLATES', debug),
        location: debug.loc ?? settingLocation(settings, 'TEMPLATES'),
        message: debugOn
          ? `${described} and so is DEBUG, which django/debug reports: this counts on its own once DEBUG is off`
          : `${described}: template errors show template source on a technical error page${cachedLoaderNote}`,
        ...(debugOn ? { severity: 'info' as const } : {}),
        snippet: `${name} ${pyRepr(debug)}`,
      });
    });
  },
});
