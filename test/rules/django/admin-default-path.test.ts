import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';

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
});
