/** django/admin-default-path — the admin is mounted at the URL every bot tries first. */
import { defineRule } from '../../src/api/django.js';

/** `admin/`, `/admin/`, `admin` (a `re_path(r'^admin')`): the route startproject writes. */
function isDefaultAdminPath(path: string): boolean {
  return path.replace(/^\/+/, '').replace(/\/+$/, '').toLowerCase() === 'admin';
}

export default defineRule({
  id: 'django/admin-default-path',
  title: 'The admin is mounted at the default admin/ path',
  // Low, not medium: moving the admin is hardening against automated attacks, not a fix for a
  // vulnerability, and it matches the live twin web/admin-default-path.
  severity: 'low',
  docs: {
    why:
      'startproject mounts the admin at /admin/, so that is the first URL credential-stuffing bots and scanners try on a ' +
      'Django site. A different path does not make the admin safe on its own, but it takes the login form out of the ' +
      'cheapest automated attacks and out of every scanner report. A path read from a setting whose default is ' +
      'admin/ (ADMIN_URL = env("DJANGO_ADMIN_URL", default="admin/")) is reported with confidence default.',
    fix:
      'Mount the admin at a path of your own (from settings or the environment) and protect the login:\n\n' +
      'urlpatterns = [\n    path(settings.ADMIN_URL, admin.site.urls),  # e.g. ADMIN_URL = "staff-7f3c/"\n]\n\n' +
      'Add rate limiting (django-axes) and, where possible, an IP allow-list or SSO in front of it.',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/contrib/admin/#hooking-adminsite-instances-into-your-urlconf',
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/',
    ],
  },
  check(ctx) {
    for (const mount of ctx.project.urls.adminMounts) {
      if (!isDefaultAdminPath(mount.path)) continue;
      ctx.report({
        message: `the Django admin is mounted at the default path /${mount.path.replace(/^\/+/, '')}${mount.confidence === 'default' ? ' (while its setting keeps the default)' : ''}`,
        location: mount.location,
        ...(mount.confidence ? { confidence: mount.confidence } : {}),
        snippet: `admin mount ${mount.path}`,
      });
    }
  },
});
