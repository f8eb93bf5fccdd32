/** web/admin-default-path — the Django admin login answers at /admin/. */
import { defineScanRule, isSuccess, PROBE, responseOf } from '../../src/api/web.js';

/** The default admin templates: these survive a custom site_header. */
function isDjangoAdminLogin(body: string): boolean {
  const form = /id="login-form"|id="id_password"|id="id_username"/.test(body) && /csrfmiddlewaretoken/.test(body);
  return form && (/django (site )?admin|django administration/i.test(body) || /\/admin\/css\//.test(body));
}

export default defineScanRule({
  id: 'web/admin-default-path',
  title: 'Django admin at the default /admin/ path',
  severity: 'low',
  docs: {
    why:
      'Every bot that sprays passwords at Django sites tries /admin/ first. Moving the admin does not make it secure, but ' +
      'it removes it from the cheapest automated attacks and from every scanner’s first page of results.',
    fix:
      'Mount it elsewhere and protect it: `path("manage-7f3c/", admin.site.urls)`, plus rate limiting (django-axes) ' +
      'and, where possible, an IP allow-list or SSO in front.',
    refs: ['https://docs.djangoproject.com/en/stable/ref/contrib/admin/#hooking-adminsite-instances-into-your-urlconf'],
  },
  check(ctx) {
    for (const id of [PROBE.adminLogin, PROBE.admin]) {
      const response = responseOf(ctx.scan, id);
      if (isSuccess(response) && isDjangoAdminLogin(response.body)) {
        ctx.report({ message: 'the Django admin login page answers at the default path', location: { url: response.url }, snippet: 'admin login' });
        return;
      }
    }
  },
});
