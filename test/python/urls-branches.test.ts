import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser } from '../../src/python/parser.js';
import { discoverProjects } from '../../src/project/discover.js';
import type { AdminMount } from '../../src/project/types.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject } from '../helpers/project.js';

beforeAll(async () => {
  await initPythonParser();
});

const MANAGE = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n";
const HEAD = 'from django.conf import settings\nfrom django.contrib import admin\nfrom django.urls import include, path\n';

/** The admin mounts of a project whose ROOT_URLCONF is mysite/urls.py. */
function mounts(urls: string, settings = '', extra: Record<string, string> = {}): AdminMount[] {
  const root = makeProject({
    'manage.py': MANAGE,
    'mysite/__init__.py': '',
    'mysite/settings.py': `ROOT_URLCONF = 'mysite.urls'\nSECRET_KEY = 'x'\n${settings}`,
    'mysite/urls.py': HEAD + urls,
    ...extra,
  });
  const [project] = discoverProjects(openWorkspace(root));
  return project!.urls.adminMounts;
}

const paths = (found: AdminMount[]): string[] => found.map((mount) => `${mount.path}${mount.confidence ? ` (${mount.confidence})` : ''}`);

describe('admin mounts through reassignments of urlpatterns', () => {
  it('keeps the earlier list when a DEBUG branch spreads it into a new one', () => {
    const urls = "urlpatterns = [\n    path('admin/', admin.site.urls),\n]\nif settings.DEBUG:\n    urlpatterns = [path('__debug__/', include('x.urls')), *urlpatterns]\n";
    expect(paths(mounts(urls))).toEqual(['admin/']);
  });

  it('drops the earlier list when a module-level assignment replaces it without referring to it', () => {
    const urls = "urlpatterns = [path('admin/', admin.site.urls)]\nurlpatterns = [path('health/', include('x.urls'))]\n";
    expect(paths(mounts(urls))).toEqual([]);
  });

  it('follows include(urlpatterns) and include((urlpatterns, ns)) with the route as prefix', () => {
    const wrapped = "urlpatterns = [path('admin/', admin.site.urls)]\nurlpatterns = [path('app/', include((urlpatterns, 'app')))]\n";
    expect(paths(mounts(wrapped))).toEqual(['app/admin/']);
    const plain = "urlpatterns = [path('admin/', admin.site.urls)]\nurlpatterns = [path('', include(urlpatterns))]\n";
    expect(paths(mounts(plain))).toEqual(['admin/']);
  });

  it('a branch that re-wraps the list under a setting keeps both readings, reported once', () => {
    const urls = "urlpatterns = [path('admin/', admin.site.urls)]\nif settings.CONTEXT_PATH:\n    urlpatterns = [path(settings.CONTEXT_PATH, include(urlpatterns))]\n";
    expect(paths(mounts(urls, "CONTEXT_PATH = ''\n"))).toEqual(['admin/']);
    expect(paths(mounts(urls, "CONTEXT_PATH = 'links/'\n"))).toEqual(['admin/', 'links/admin/']);
  });

  it('sees append and += with a custom AdminSite instance', () => {
    const site = "from django.contrib.admin import AdminSite\nclass ShopAdmin(AdminSite):\n    site_header = 'Shop'\nshop_site = ShopAdmin(name='shop')\n";
    const urls = "from shop.admin import shop_site\nurlpatterns = []\nurlpatterns.append(path('admin/', shop_site.urls))\nurlpatterns += [path('staff/', shop_site.urls)]\n";
    expect(paths(mounts(urls, '', { 'shop/__init__.py': '', 'shop/admin.py': site }))).toEqual(['admin/', 'staff/']);
  });
});

describe('admin routes built from a prefix', () => {
  it('an f-string prefix that stays empty unless a branch changes it gives admin/, assumed', () => {
    const urls = "prefix = ''\nif settings.SUBPATH:\n    prefix = f'{compute(settings.SUBPATH)}/'\nurlpatterns = [path(f'{prefix}admin/', admin.site.urls)]\n";
    expect(paths(mounts(urls, "SUBPATH = ''\n"))).toEqual(['admin/ (default)']);
    const known = "prefix = 'x/'\nurlpatterns = [path(f'{prefix}admin/', admin.site.urls)]\n";
    expect(paths(mounts(known))).toEqual(['x/admin/']);
  });

  it('a prefix from a setting: certain when set in code, default when an env var falls back to it', () => {
    const urls = "urlpatterns = [path(f'{settings.URL_PREFIX}admin/', admin.site.urls)]\n";
    expect(paths(mounts(urls, "URL_PREFIX = ''\n"))).toEqual(['admin/']);
    const fromEnv = "import os\nURL_PREFIX = os.environ.get('URL_PREFIX', 'app/')\n";
    expect(paths(mounts(urls, fromEnv))).toEqual(['app/admin/ (default)']);
  });

  it("ADMIN_URL read from the environment with an 'admin/' default is the default path, with default confidence", () => {
    const urls = 'urlpatterns = [path(settings.ADMIN_URL, admin.site.urls)]\n';
    const environ = "import environ\nenv = environ.Env()\nADMIN_URL = env('DJANGO_ADMIN_URL', default='admin/')\n";
    expect(paths(mounts(urls, environ))).toEqual(['admin/ (default)']);
    // Required in production (no default): the path is unknown, so nothing is reported.
    expect(paths(mounts(urls, "import environ\nenv = environ.Env()\nADMIN_URL = env('DJANGO_ADMIN_URL')\n"))).toEqual([]);
  });
});
