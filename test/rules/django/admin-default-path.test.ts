import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';
import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

const RULE = 'django/admin-default-path';
const URLS = 'from django.conf import settings\nfrom django.contrib import admin\nfrom django.urls import path\n\nurlpatterns = [path(settings.ADMIN_URL, admin.site.urls)]\n';
const ENV = "import environ\nenv = environ.Env()\nROOT_URLCONF = 'mysite.urls'\n";

describe('django/admin-default-path with an ADMIN_URL setting', () => {
  it("reports the env default 'admin/' with confidence default", async () => {
    const root = settingsProject(`${ENV}ADMIN_URL = env('DJANGO_ADMIN_URL', default='admin/')\n`, { 'mysite/urls.py': URLS });
    const [finding, ...rest] = await findingsOf(RULE, root);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ confidence: 'default', severity: 'low' });
    expect(finding!.message).toBe('the Django admin is mounted at the default path /admin/ (while its setting keeps the default)');
    expect(at(finding)).toBe('mysite/urls.py:5');
  });

  it('is certain when the environment sets admin/, and quiet for another path or no default', async () => {
    const root = settingsProject(`${ENV}ADMIN_URL = env('DJANGO_ADMIN_URL', default='admin/')\n`, { 'mysite/urls.py': URLS });
    const [set] = await findingsOf(RULE, root, { set: { DJANGO_ADMIN_URL: 'admin/' } });
    expect(set!.confidence).toBe('certain');
    expect(await findingsOf(RULE, root, { set: { DJANGO_ADMIN_URL: 'staff-31/' } })).toEqual([]);
    const required = settingsProject(`${ENV}ADMIN_URL = env('DJANGO_ADMIN_URL')\n`, { 'mysite/urls.py': URLS });
    expect(await findingsOf(RULE, required)).toEqual([]);
  });

  it('judges the default when production sets the variable from a file not in the repository (a sample names it)', async () => {
    const compose = 'services:\n  web:\n    build: .\n    command: gunicorn mysite.wsgi\n    env_file: .env.prod\n';
    const files = { 'mysite/urls.py': URLS, 'docker-compose.yml': compose, '.env.prod.example': 'DJANGO_ADMIN_URL=\n' };
    const [finding, ...rest] = await findingsOf(RULE, settingsProject(`${ENV}ADMIN_URL = env('DJANGO_ADMIN_URL', default='admin/')\n`, files));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ confidence: 'default', severity: 'low' });
    expect(await findingsOf(RULE, settingsProject(`${ENV}ADMIN_URL = env('DJANGO_ADMIN_URL', default='staff-31/')\n`, files))).toEqual([]);
    expect(await findingsOf(RULE, settingsProject(`${ENV}ADMIN_URL = env('DJANGO_ADMIN_URL')\n`, files))).toEqual([]);
  });
});

const URLS_SETTINGS = "ROOT_URLCONF = 'mysite.urls'\nSECRET_KEY = 'x'\n";

ruleTester(RULE, {
  valid: [
    {
      name: 'the admin lives elsewhere',
      files: settingsFiles(URLS_SETTINGS, {
        'mysite/urls.py': "from django.contrib import admin\nfrom django.urls import path\nurlpatterns = [path('staff-7f3c/', admin.site.urls)]\n",
      }),
    },
  ],
  invalid: [
    {
      name: 'the admin at admin/, reporting the urls.py line',
      files: settingsFiles(URLS_SETTINGS, {
        'mysite/urls.py': "from django.contrib import admin\nfrom django.urls import path\n\nurlpatterns = [\n    path('admin/', admin.site.urls),\n]\n",
      }),
      findings: [{ at: 'mysite/urls.py:5', confidence: 'certain' }],
    },
  ],
});
