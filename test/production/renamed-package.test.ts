/**
 * A settings module whose package is committed under another folder name: wsgi.py names
 * `shopsite.settings`, the repository has `Shop/settings.py`, whose ROOT_URLCONF is `shopsite.urls`.
 */
import { describe, expect, it } from 'vitest';
import { isDjangoSummary } from '../../src/django/project-summary.js';
import type { CheckOptions } from '../../src/engine/check.js';
import { runCheck as runAll } from '../../src/frameworks.js';

/** The check, with the Django projects' summaries (the only kind these tests make). */
async function runCheck(options: CheckOptions) {
  const result = await runAll(options);
  return { ...result, projects: result.projects.filter(isDjangoSummary) };
}
import { makeProject } from '../helpers/project.js';

const setdefault = (module: string) => `import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', '${module}')\n`;
const settings = (pkg: string) =>
  `DEBUG = True\nSECRET_KEY = 'x'\nALLOWED_HOSTS = []\nROOT_URLCONF = '${pkg}.urls'\nWSGI_APPLICATION = '${pkg}.wsgi.application'\n` +
  "INSTALLED_APPS = ['django.contrib.admin']\n";
const urls = "from django.contrib import admin\nfrom django.urls import path\n\nurlpatterns = [path('admin/', admin.site.urls)]\n";

function project(folder: string, namedInSettings: string): Record<string, string> {
  return {
    'manage.py': setdefault('shopsite.settings'),
    [`${folder}/__init__.py`]: '',
    [`${folder}/wsgi.py`]: setdefault('shopsite.settings'),
    [`${folder}/settings.py`]: settings(namedInSettings),
    [`${folder}/urls.py`]: urls,
  };
}

const rulesOf = (result: Awaited<ReturnType<typeof runCheck>>): string[] => result.findings.map((finding) => finding.rule);

describe('a settings package committed under another folder name', () => {
  it('evaluates the folder whose settings name the missing package, as an assumption said aloud', async () => {
    const result = await runCheck({ root: makeProject(project('Shop', 'shopsite')) });
    const [checked] = result.projects;
    expect(checked?.settingsModule).toBe('shopsite.settings');
    expect(checked?.production?.line).toBe('shopsite.settings (wsgi.py setdefault at Shop/wsgi.py:2; assumed to be Shop/settings.py, committed under another folder name)');
    expect(checked?.production?.assumptions.map((a) => a.text)).toContain(
      'shopsite.settings is not in the repository; Shop/settings.py names shopsite.urls as its ROOT_URLCONF: Shop/settings.py is assumed to be it, committed under another folder name (Shop/ for shopsite/; pass --settings to choose another)',
    );
    expect(checked?.production?.complete).toBe(true);
    expect(rulesOf(result)).toEqual(expect.arrayContaining(['django/debug', 'django/allowed-hosts-empty']));
    expect(rulesOf(result)).not.toContain('django/settings-module-missing');
    // ROOT_URLCONF `shopsite.urls` is read from the same folder.
    expect(result.findings.find((finding) => finding.rule === 'django/admin-default-path')?.location).toMatchObject({ file: 'Shop/urls.py' });
  });

  it('does not map a folder whose settings name only themselves', async () => {
    const result = await runCheck({ root: makeProject(project('Shop', 'Shop')) });
    expect(rulesOf(result)).toContain('django/settings-module-missing');
    expect(rulesOf(result)).not.toContain('django/debug');
    expect(result.projects[0]?.production?.complete).toBe(false);
  });

  it('does not choose between two folders that both name the missing package', async () => {
    const { 'manage.py': manage, ...shop } = project('Shop', 'shopsite');
    const copy = Object.fromEntries(Object.entries(shop).map(([path, text]) => [path.replace(/^Shop\//, 'ShopOld/'), text]));
    const result = await runCheck({ root: makeProject({ 'manage.py': manage!, ...shop, ...copy }) });
    expect(rulesOf(result)).toContain('django/settings-module-missing');
    expect(rulesOf(result)).not.toContain('django/debug');
  });

  it("keeps the user's --settings as given", async () => {
    const result = await runCheck({ root: makeProject(project('Shop', 'shopsite')), frameworkOptions: { settings: 'shopsite.settings' } });
    expect(rulesOf(result)).toContain('django/settings-module-missing');
  });
});
