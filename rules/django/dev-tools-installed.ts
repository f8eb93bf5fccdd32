/** django/dev-tools-installed — debug_toolbar or silk (tools with an HTTP surface) in the production settings. */
import type { DjangoRuleContext, FileLocation, PyValue, Settings } from '../../src/api/django.js';
import { certainItemsOf, combinedConfidence, defineRule, dictGet, settingLocation, truthy } from '../../src/api/django.js';

interface DevTool {
  app: string;
  middleware?: string;
  exposes: string;
}

const DEV_TOOLS: DevTool[] = [
  {
    app: 'debug_toolbar',
    middleware: 'debug_toolbar.middleware.DebugToolbarMiddleware',
    exposes: 'its panels show SQL queries, settings, headers and templates of every request to whoever sees the toolbar',
  },
  {
    app: 'silk',
    middleware: 'silk.middleware.SilkyMiddleware',
    exposes: 'it records every request and response body (passwords and tokens included) and its SQL in the database',
  },
];

/**
 * The items of a list setting that are this app (by name or an AppConfig path under it) or middleware.
 * Of a list that depends on something unknown (an optional import, a branch), only the items it
 * certainly holds count.
 */
function matches(value: PyValue, wanted: (item: string) => boolean): PyValue[] {
  return (certainItemsOf(value) ?? []).filter((item) => item.kind === 'str' && wanted(item.value));
}

function where(settings: Settings, name: string, item: PyValue): FileLocation {
  return item.loc ?? settingLocation(settings, name);
}

/**
 * Whether the toolbar stays hidden: its default SHOW_TOOLBAR_CALLBACK shows it only when DEBUG is on, and both
 * the middleware and the `__debug__/` views ask that callback. A custom callback (or a config not read) may not.
 */
function toolbarHidden(settings: Settings): boolean {
  if (truthy(settings.get('DEBUG')) !== false) return false;
  if (!settings.has('DEBUG_TOOLBAR_CONFIG')) return true;
  const config = settings.get('DEBUG_TOOLBAR_CONFIG');
  return config.kind === 'dict' && dictGet(config, 'SHOW_TOOLBAR_CALLBACK') === undefined;
}

/**
 * With DEBUG off the toolbar is inert: nothing to report when the URLconf mounts `__debug__/` only under
 * `if settings.DEBUG`; a low finding when it mounts them whatever DEBUG is (one DEBUG=True away from exposed).
 */
function hiddenToolbar(ctx: DjangoRuleContext): 'inert' | { note: string; mount?: FileLocation } {
  const mounts = ctx.project.urls.debugToolbarMounts;
  if (mounts?.length && mounts.every((mount) => mount.gatedByDebug)) return 'inert';
  const open = mounts?.find((mount) => !mount.gatedByDebug);
  const urls = open ? 'its __debug__/ URLs are mounted whatever DEBUG is' : 'no __debug__/ mount under "if settings.DEBUG" was found in the URLconf';
  const note = `; it shows nothing while DEBUG is False (the default SHOW_TOOLBAR_CALLBACK requires DEBUG), but ${urls}: turning DEBUG on exposes it`;
  return open ? { note, mount: open.location } : { note };
}

export default defineRule({
  id: 'django/dev-tools-installed',
  title: 'Development tools are installed in production',
  severity: 'high',
  docs: {
    why:
      'django-debug-toolbar and django-silk are development aids with an HTTP surface. In production they widen the ' +
      'attack surface and leak data: the toolbar shows SQL, settings and request data when its check passes (a ' +
      'misconfigured INTERNAL_IPS or SHOW_TOOLBAR_CALLBACK is enough), and silk stores full request and response ' +
      'bodies and serves them at /silk/. django-extensions is not reported: it only adds management commands, and ' +
      'its runserver_plus (the Werkzeug debugger) exposes nothing unless production runs it, which ' +
      'django/runserver-in-production judges. The toolbar is not reported when production runs with DEBUG = False, ' +
      'no custom SHOW_TOOLBAR_CALLBACK, and the ROOT_URLCONF mounts __debug__/ only under "if settings.DEBUG:": the ' +
      'default callback then shows nothing. With DEBUG off but the URLs mounted unconditionally (or no gated mount ' +
      'found in the ROOT_URLCONF module itself; included modules are not read for this) it is reported low.',
    fix:
      'Add them only in development settings:\n\n' +
      '# settings/dev.py\n' +
      'from .base import *\n' +
      'INSTALLED_APPS += ["debug_toolbar"]\n' +
      'MIDDLEWARE += ["debug_toolbar.middleware.DebugToolbarMiddleware"]',
    refs: [
      'https://django-debug-toolbar.readthedocs.io/en/latest/installation.html',
      'https://github.com/jazzband/django-silk#installation',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const apps = settings.get('INSTALLED_APPS');
    const middleware = settings.get('MIDDLEWARE');
    for (const tool of DEV_TOOLS) {
      const inApps = matches(apps, (item) => item === tool.app || item.startsWith(`${tool.app}.`));
      const inMiddleware = tool.middleware ? matches(middleware, (item) => item === tool.middleware) : [];
      const first = inApps[0] ?? inMiddleware[0];
      if (!first) continue;
      const firstSetting = inApps[0] ? 'INSTALLED_APPS' : 'MIDDLEWARE';
      const found = [inApps.length ? 'INSTALLED_APPS' : '', inMiddleware.length ? 'MIDDLEWARE' : ''].filter(Boolean);
      const hidden = tool.app === 'debug_toolbar' && toolbarHidden(settings) ? hiddenToolbar(ctx) : undefined;
      if (hidden === 'inert') continue;
      const related = inApps[0] && inMiddleware[0]
        ? [{ location: where(settings, 'MIDDLEWARE', inMiddleware[0]), message: `${tool.middleware} is in MIDDLEWARE` }]
        : [];
      if (hidden?.mount) related.push({ location: hidden.mount, message: '__debug__/ is mounted here whatever DEBUG is' });
      ctx.report({
        location: where(settings, firstSetting, first),
        confidence: combinedConfidence(first, firstSetting === 'INSTALLED_APPS' ? apps : middleware),
        related,
        ...(hidden ? { severity: 'low' as const } : {}),
        message: `${tool.app} is in ${found.join(' and ')} of the ${ctx.project.environment.name} settings: ${tool.exposes}${hidden?.note ?? ''}`,
        about: `${tool.app} ${found.join(' ')}`,
      });
    }
  },
});
