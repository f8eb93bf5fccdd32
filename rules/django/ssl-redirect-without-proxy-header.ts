/** django/ssl-redirect-without-proxy-header — HTTPS redirect behind a TLS proxy Django cannot see through. */
import type { RuntimePlatform } from '../../src/api/django.js';
import { defineRule, describeSetting, middlewareOn, SECURITY_MIDDLEWARE, serverTrustsForwardedProto, settingReport, truthy } from '../../src/api/django.js';

/** Platforms whose router terminates TLS in front of the app and forwards plain HTTP with X-Forwarded-Proto. */
const TLS_PROXY_PLATFORMS: RuntimePlatform[] = ['heroku', 'dokku', 'fly', 'render', 'cloud-run', 'app-engine', 'railway', 'azure-app-service', 'platform-sh', 'vercel'];

export default defineRule({
  id: 'django/ssl-redirect-without-proxy-header',
  title: 'SSL redirect behind a TLS proxy without SECURE_PROXY_SSL_HEADER',
  severity: 'high',
  docs: {
    why:
      'On Heroku, Dokku, Fly, Render, Cloud Run and App Engine the platform\'s router terminates HTTPS and forwards plain ' +
      'HTTP to the app, adding X-Forwarded-Proto: https. Without SECURE_PROXY_SSL_HEADER, Django sees every request as ' +
      'HTTP, so SECURE_SSL_REDIRECT answers each one, including the HTTPS ones, with a redirect to HTTPS: an endless ' +
      'redirect loop. It also breaks everything else that relies on request.is_secure() (HSTS headers, secure CSRF ' +
      'Referer checks). (A malformed value is django/proxy-ssl-header-invalid.) Only info when the app server already trusts the ' +
      'header: gunicorn and uvicorn set the request scheme from X-Forwarded-Proto for the addresses in ' +
      'FORWARDED_ALLOW_IPS, which the Heroku Python buildpack sets to \'*\'; that holds only while the app keeps ' +
      'running that way.',
    fix:
      'Tell Django which header the platform sets (only behind a proxy that always overwrites it):\n\n' +
      'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")\nSECURE_SSL_REDIRECT = True',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header',
      'https://docs.djangoproject.com/en/stable/ref/middleware/#ssl-redirect',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    // A header that is set but malformed is django/proxy-ssl-header-invalid's.
    const header = settings.get('SECURE_PROXY_SSL_HEADER');
    if (header.kind !== 'none') return;
    const redirect = settings.get('SECURE_SSL_REDIRECT');
    if (truthy(redirect) !== true || middlewareOn(settings, SECURITY_MIDDLEWARE) === false) return;
    // The production model's platforms: named by a deploy file, or by a platform variable the code reads.
    const facts = ctx.project.production.platforms.filter((fact) => TLS_PROXY_PLATFORMS.includes(fact.platform));
    if (!facts.length) return;
    const platforms = facts.map((fact) => fact.platform);
    const base = settingReport(settings, 'SECURE_SSL_REDIRECT', redirect, header);
    const where = facts[0]!.location ?? (ctx.project.deploy.files[0] ? { file: ctx.project.deploy.files[0].path, line: 1, column: 1 } : undefined);
    const told = facts[0]!.how === 'marker' ? `runs on ${platforms.join(', ')} (${facts[0]!.evidence})` : `deploys to ${platforms.join(', ')}`;
    const related = where ? [...base.related, { location: where, message: told }] : base.related;
    const situation = `${describeSetting(settings, 'SECURE_SSL_REDIRECT', redirect)} but SECURE_PROXY_SSL_HEADER is not set, and ${platforms.join(', ')} terminates TLS in front of the app`;
    const trust = serverTrustsForwardedProto(ctx.project);
    if (trust) {
      ctx.report({
        ...base,
        severity: 'info',
        message: `${situation}; no redirect loop, because ${trust.reason}, but only while the app is served that way`,
        related: [...related, { location: trust.location, message: trust.reason }],
        about: 'SECURE_SSL_REDIRECT without SECURE_PROXY_SSL_HEADER',
      });
      return;
    }
    ctx.report({
      ...base,
      message: `${situation}: every request looks like HTTP and is redirected again, forever`,
      related,
      about: 'SECURE_SSL_REDIRECT without SECURE_PROXY_SSL_HEADER',
    });
  },
});
