import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser } from '../../src/python/parser.js';
import { discoverProjects } from '../../src/project/discover.js';
import type { UrlFacts } from '../../src/project/types.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject } from '../helpers/project.js';

beforeAll(async () => {
  await initPythonParser();
});

const MANAGE = `import os, sys
os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')
`;

/** Build a project whose ROOT_URLCONF is mysite/urls.py (plus any extra files) and read its URL facts. */
function urlFacts(urls: string, extra: Record<string, string> = {}, settingsExtra = ''): UrlFacts {
  const root = makeProject({
    'manage.py': MANAGE,
    'mysite/__init__.py': '',
    'mysite/settings.py': `ROOT_URLCONF = 'mysite.urls'\nSECRET_KEY = 'x'\n${settingsExtra}`,
    'mysite/urls.py': urls,
    ...extra,
  });
  const [project] = discoverProjects(openWorkspace(root));
  return project!.urls;
}

function paths(facts: UrlFacts): string[] {
  return facts.adminMounts.map((mount) => mount.path);
}

describe('findUrlFacts', () => {
  it('finds path() with admin.site.urls and reports the call line', () => {
    const facts = urlFacts(`from django.contrib import admin
from django.urls import path

urlpatterns = [
    path('admin/', admin.site.urls),
]
`);
    expect(facts.file).toBe('mysite/urls.py');
    expect(facts.adminMounts).toEqual([{ path: 'admin/', location: expect.objectContaining({ file: 'mysite/urls.py', line: 5, column: 5 }) }]);
  });

  it('strips regex anchors from re_path() and url(include(admin.site.urls))', () => {
    const facts = urlFacts(`from django.conf.urls import url, include
from django.urls import re_path
from django.contrib import admin as dj_admin

urlpatterns = [re_path(r'^admin/', dj_admin.site.urls)]
urlpatterns += [url(r'^backoffice/$', include(dj_admin.site.urls))]
`);
    expect(paths(facts)).toEqual(['admin/', 'backoffice/']);
  });

  it('follows urlpatterns.append, + concatenation and both branches of an if', () => {
    const facts = urlFacts(`from django.contrib import admin
from django.urls import path
from django.conf import settings

urlpatterns = [path('', lambda r: None)]
urlpatterns = urlpatterns + [path('one/', admin.site.urls)]
if settings.DEBUG:
    urlpatterns.append(path('two/', admin.site.urls))
else:
    urlpatterns.extend([path('three/', admin.site.urls)])
`);
    expect(paths(facts)).toEqual(['one/', 'two/', 'three/']);
  });

  it('follows include() one level and joins the prefixes', () => {
    const facts = urlFacts(
      `from django.urls import include, path
urlpatterns = [path('staff/', include('backoffice.urls')), path('api/', include(('api.urls', 'api')))]
`,
      {
        'backoffice/__init__.py': '',
        'backoffice/urls.py': `from django.contrib import admin
from django.urls import include, path
urlpatterns = [path('admin/', admin.site.urls), path('deeper/', include('deeper.urls'))]
`,
        'deeper/__init__.py': '',
        'deeper/urls.py': `from django.contrib import admin
from django.urls import path
urlpatterns = [path('too-deep/', admin.site.urls)]
`,
        'api/__init__.py': '',
        'api/urls.py': `urlpatterns = []\n`,
      },
    );
    expect(facts.adminMounts).toEqual([{ path: 'staff/admin/', location: expect.objectContaining({ file: 'backoffice/urls.py', line: 3 }) }]);
  });

  it('recognises a custom AdminSite subclass instance, also imported from another module', () => {
    const facts = urlFacts(
      `from django.urls import path
from django.contrib.admin import AdminSite
from shop.admin import shop_site

class MySite(AdminSite):
    site_header = 'Mine'

my_site = MySite(name='mine')
urlpatterns = [path('mine/', my_site.urls), path('shop/', shop_site.urls)]
`,
      {
        'shop/__init__.py': '',
        'shop/admin.py': `from django.contrib import admin
class ShopSite(admin.AdminSite):
    pass
shop_site = ShopSite()
`,
      },
    );
    expect(paths(facts)).toEqual(['mine/', 'shop/']);
  });

  it('does not treat other .urls attributes (a DRF router) as the admin', () => {
    const facts = urlFacts(`from django.urls import include, path
from rest_framework import routers
router = routers.DefaultRouter()
urlpatterns = [path('admin/', include(router.urls))]
`);
    expect(facts.adminMounts).toEqual([]);
  });

  it('resolves a prefix from settings, a module constant and an f-string', () => {
    const facts = urlFacts(
      `from django.conf import settings
from django.contrib import admin
from django.urls import path
PREFIX = 'ops'
urlpatterns = [path(settings.ADMIN_URL, admin.site.urls), path(f'{PREFIX}/admin/', admin.site.urls)]
`,
      {},
      "ADMIN_URL = 'secret-place-42/'\n",
    );
    expect(paths(facts)).toEqual(['secret-place-42/', 'ops/admin/']);
  });

  it('skips a route it cannot resolve', () => {
    const facts = urlFacts(`import os
from django.contrib import admin
from django.urls import path
urlpatterns = [path(os.environ['ADMIN_PATH'], admin.site.urls), path(f'{unknown_name}/', admin.site.urls)]
`);
    expect(facts.adminMounts).toEqual([]);
  });

  it('does not throw on a file with syntax errors and still reads what parses', () => {
    const facts = urlFacts(`from django.contrib import admin
from django.urls import path
def broken(:
urlpatterns = [path('admin/', admin.site.urls)]
`);
    expect(facts.file).toBe('mysite/urls.py');
    expect(paths(facts)).toEqual(['admin/']);
  });

  it('reports nothing when ROOT_URLCONF points at a missing module', () => {
    const root = makeProject({
      'manage.py': MANAGE,
      'mysite/__init__.py': '',
      'mysite/settings.py': `ROOT_URLCONF = 'mysite.nowhere'\n`,
    });
    const [project] = discoverProjects(openWorkspace(root));
    expect(project!.urls).toEqual({ adminMounts: [] });
  });
});
