import { expect } from 'vitest';
import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const URLS = 'from django.conf import settings\nfrom django.contrib import admin\nfrom django.urls import path\n\nurlpatterns = [path(settings.ADMIN_URL, admin.site.urls)]\n';
const ENV = "import environ\nenv = environ.Env()\nROOT_URLCONF = 'mysite.urls'\n";
const URLS_SETTINGS = "ROOT_URLCONF = 'mysite.urls'\nSECRET_KEY = 'x'\n";
/** ADMIN_URL read from DJANGO_ADMIN_URL, with this default (none when undefined). */
const adminUrl = (fallback: string | undefined, files: Files = { 'mysite/urls.py': URLS }): Files =>
  settingsFiles(`${ENV}ADMIN_URL = env('DJANGO_ADMIN_URL'${fallback === undefined ? '' : `, default='${fallback}'`})\n`, files, '5.2.8');
/** Production sets DJANGO_ADMIN_URL from a file not in the repository; a sample names it. */
const FROM_UNCOMMITTED_FILE = {
  'mysite/urls.py': URLS,
  'docker-compose.yml': 'services:\n  web:\n    build: .\n    command: gunicorn mysite.wsgi\n    env_file: .env.prod\n',
  '.env.prod.example': 'DJANGO_ADMIN_URL=\n',
};

ruleTester('django/admin-default-path', {
  valid: [
    { name: "ADMIN_URL set by the environment to another path", files: adminUrl('admin/'), set: { DJANGO_ADMIN_URL: 'staff-31/' } },
    { name: 'ADMIN_URL required, without a default', files: adminUrl(undefined) },
    { name: 'ADMIN_URL from an uncommitted env file, defaulting to another path', files: adminUrl('staff-31/', FROM_UNCOMMITTED_FILE) },
    { name: 'ADMIN_URL from an uncommitted env file, without a default', files: adminUrl(undefined, FROM_UNCOMMITTED_FILE) },
    {
      name: 'the admin lives elsewhere',
      files: settingsFiles(URLS_SETTINGS, {
        'mysite/urls.py': "from django.contrib import admin\nfrom django.urls import path\nurlpatterns = [path('staff-7f3c/', admin.site.urls)]\n",
      }),
    },
  ],
  invalid: [
    {
      name: "ADMIN_URL's env default 'admin/', with confidence default",
      files: adminUrl('admin/'),
      findings: [
        {
          at: 'mysite/urls.py:5',
          severity: 'low',
          confidence: 'default',
          check: (finding) => expect(finding.message).toBe('the Django admin is mounted at the default path /admin/ (while its setting keeps the default)'),
        },
      ],
    },
    { name: 'certain when the environment sets admin/', files: adminUrl('admin/'), set: { DJANGO_ADMIN_URL: 'admin/' }, findings: [{ confidence: 'certain' }] },
    {
      name: 'the default is judged when production sets the variable from a file not in the repository (a sample names it)',
      files: adminUrl('admin/', FROM_UNCOMMITTED_FILE),
      findings: [{ severity: 'low', confidence: 'default' }],
    },
    {
      name: 'the admin at admin/, reporting the urls.py line',
      files: settingsFiles(URLS_SETTINGS, {
        'mysite/urls.py': "from django.contrib import admin\nfrom django.urls import path\n\nurlpatterns = [\n    path('admin/', admin.site.urls),\n]\n",
      }),
      findings: [{ at: 'mysite/urls.py:5', confidence: 'certain' }],
    },
  ],
});
