/**
 * reconcile/admin-path-mismatch — urls.py moved the admin off /admin/, yet the live site answers the
 * Django admin login at /admin/.
 */
import { defineReconcileRule } from '../../src/api/reconcile.js';

const isDefaultAdminPath = (path: string) => path.replace(/^\/+/, '').replace(/\/+$/, '').toLowerCase() === 'admin';

export default defineReconcileRule({
  id: 'reconcile/admin-path-mismatch',
  title: 'The admin answers live at /admin/ although urls.py mounts it elsewhere',
  severity: 'low',
  docs: {
    why:
      'The ROOT_URLCONF production was inferred to run mounts the admin at a path of its own, but the running site ' +
      'answers the Django admin login at /admin/, the first URL bots try. So production does not run this URLconf ' +
      '(another settings module or ROOT_URLCONF, an environment variable that sets the admin path back to admin/), or ' +
      'the proxy in front maps /admin/ to the admin; the static check alone would call the admin moved.',
    fix:
      'Find what the host runs (DJANGO_SETTINGS_MODULE, the admin path variable in its environment, rewrites at the ' +
      'proxy) and make it match urls.py; protect the login (django-axes, an IP allow-list or SSO in front).',
    refs: ['https://docs.djangoproject.com/en/stable/ref/contrib/admin/#hooking-adminsite-instances-into-your-urlconf'],
  },
  check(ctx) {
    const mounts = ctx.project.urls.adminMounts;
    // No mount read (an include not followed) or one at admin/ already explains /admin/.
    if (!mounts.length || mounts.some((mount) => isDefaultAdminPath(mount.path))) return;
    // web/admin-default-path judged the live answer (the admin's own login form at /admin/).
    const twins = ctx.live.filter((finding) => finding.rule === 'web/admin-default-path');
    const [twin] = twins;
    if (!twin || !('url' in twin.location)) return;
    for (const finding of twins) ctx.supersede(finding);
    const [mount] = mounts;
    const path = `/${mount!.path.replace(/^\/+/, '')}`;
    ctx.report({
      location: mount!.location,
      ...(mount!.confidence ? { confidence: mount!.confidence } : {}),
      about: `admin mount ${mount!.path}`,
      message:
        `urls.py mounts the admin at ${path}, but ${twin.location.url} answers the Django admin login: ` +
        'production runs another URLconf or settings (or an admin path from its environment), or the proxy maps /admin/ to it',
      related: [{ location: { url: twin.location.url }, message: 'the Django admin login answers here' }],
    });
  },
});
