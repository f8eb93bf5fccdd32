import { expect } from 'vitest';
import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const settings = (body: string, extra: Files = {}): Files => settingsFiles(body, extra, '5.2.8');

/** debug_toolbar installed with DEBUG off, and a urls.py ending in `body`. */
const toolbar = (body: string, extra = ''): Files =>
  settings(
    "DEBUG = False\nROOT_URLCONF = 'mysite.urls'\nINSTALLED_APPS = ['django.contrib.admin', 'debug_toolbar']\n" +
      "MIDDLEWARE = ['debug_toolbar.middleware.DebugToolbarMiddleware']\n" +
      extra,
    { 'mysite/urls.py': 'from django.conf import settings\nfrom django.urls import include, path\n\nurlpatterns = []\n' + body },
  );
const GATED = "if settings.DEBUG:\n    urlpatterns += [path('__debug__/', include('debug_toolbar.urls'))]\n";

ruleTester('django/dev-tools-installed', {
  valid: [
    {
      name: 'django_extensions alone: it only adds management commands',
      files: settings("INSTALLED_APPS = [\n    'django.contrib.admin',\n    'django_extensions',\n    'django_extensions.apps.DjangoExtensionsConfig',\n]\n"),
    },
    {
      name: 'debug_toolbar with DEBUG off and __debug__/ mounted only under if settings.DEBUG: the default callback hides it',
      files: toolbar("if settings.DEBUG:\n    import debug_toolbar\n    urlpatterns += [path('__debug__/', include(debug_toolbar.urls))]\n"),
    },
    {
      name: 'debug_toolbar with DEBUG off and __debug__/ mounted by a conditional expression on settings.DEBUG',
      files: toolbar("urlpatterns += [path('__debug__/', include('debug_toolbar.urls'))] if settings.DEBUG else []\n"),
    },
    {
      name: 'the tools only added under DEBUG',
      files: settings("DEBUG = False\nINSTALLED_APPS = ['django.contrib.admin']\nif DEBUG:\n    INSTALLED_APPS += ['debug_toolbar']\n"),
    },
  ],
  invalid: [
    {
      name: 'debug_toolbar in INSTALLED_APPS and MIDDLEWARE is one finding at the app',
      files: settings(
        "INSTALLED_APPS = [\n    'django.contrib.staticfiles',\n    'debug_toolbar',\n]\n" +
          "MIDDLEWARE = ['debug_toolbar.middleware.DebugToolbarMiddleware']\nDEBUG = True\n",
      ),
      findings: [
        {
          at: 'mysite/settings.py:3',
          severity: 'high',
          confidence: 'certain',
          check: (finding) => expect(finding.related[0]?.location).toMatchObject({ file: 'mysite/settings.py', line: 5 }),
        },
      ],
    },
    {
      name: 'silk middleware alone',
      files: settings("INSTALLED_APPS = ['django.contrib.admin']\nMIDDLEWARE = ['silk.middleware.SilkyMiddleware']\n"),
      findings: [{ at: 'mysite/settings.py:2' }],
    },
    {
      name: 'silk by AppConfig path',
      files: settings("INSTALLED_APPS = ['silk.apps.SilkAppConfig']\n"),
      findings: [{ message: /^silk is in INSTALLED_APPS/ }],
    },
    {
      name: 'debug_toolbar with DEBUG off: low when __debug__/ is mounted whatever DEBUG is, pointing at the mount',
      files: toolbar("urlpatterns += [path('__debug__/', include('debug_toolbar.urls'))]\n"),
      findings: [
        {
          severity: 'low',
          message: 'mounted whatever DEBUG is',
          check: (finding) =>
            expect(finding.related.map((related) => related.location)).toContainEqual(expect.objectContaining({ file: 'mysite/urls.py', line: 5 })),
        },
      ],
    },
    {
      name: 'debug_toolbar with DEBUG off: `if not settings.DEBUG` does not gate the mount',
      files: toolbar("if not settings.DEBUG:\n    urlpatterns += [path('__debug__/', include('debug_toolbar.urls'))]\n"),
      findings: [{ severity: 'low' }],
    },
    {
      name: 'debug_toolbar with DEBUG off: high again with a custom SHOW_TOOLBAR_CALLBACK, even when the URLs are gated',
      files: toolbar(GATED, "DEBUG_TOOLBAR_CONFIG = {'SHOW_TOOLBAR_CALLBACK': lambda request: request.user.is_superuser}\n"),
      findings: [{ severity: 'high' }],
    },
  ],
});
