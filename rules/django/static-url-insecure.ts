/** django/static-url-insecure — STATIC_URL or MEDIA_URL on plain HTTP: mixed content on an HTTPS site. */
import { defineRule, isLoopbackOrigin, pyRepr, settingReport } from '../../src/api/django.js';

/** What goes wrong when each URL is plain HTTP on an HTTPS page, and how serious it is. */
const URL_SETTINGS = [
  {
    name: 'STATIC_URL',
    severity: 'medium' as const,
    effect: 'browsers block the scripts and stylesheets an HTTPS page loads from it (mixed content), and anyone on the network path can rewrite them',
  },
  {
    name: 'MEDIA_URL',
    severity: 'low' as const,
    effect: 'an HTTPS page shows mixed-content warnings for the uploads it embeds, and anyone on the network path can see or replace them',
  },
];

/** The http:// URL's host part, for loopback detection (`http://localhost:8000/static/` → `http://localhost:8000`). */
function originOf(url: string): string {
  const match = /^http:\/\/[^/?#]*/i.exec(url);
  return match ? match[0] : url;
}

export default defineRule({
  id: 'django/static-url-insecure',
  title: 'STATIC_URL or MEDIA_URL uses plain HTTP',
  severity: 'medium',
  docs: {
    why:
      'Django writes STATIC_URL and MEDIA_URL into every page that links a static file or an upload. When they are ' +
      'absolute http:// URLs (a bucket or CDN addressed without TLS), a page served over HTTPS loads scripts, styles ' +
      'and images over plain HTTP: browsers block the scripts and stylesheets as mixed content, so the site renders ' +
      'without them, and whatever does load can be read and altered by anyone on the network path. A relative URL ' +
      '(/static/), an https:// or scheme-relative (//cdn.example.com/) URL, and a loopback host used in development ' +
      'are not reported.',
    fix:
      'Serve static files and uploads over HTTPS, or from the site itself:\n\n' +
      'STATIC_URL = "https://storage.googleapis.com/my-bucket/static/"\n' +
      '# or, with WhiteNoise or your web server in front of the app:\n' +
      'STATIC_URL = "/static/"',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#static-url',
      'https://docs.djangoproject.com/en/stable/ref/settings/#media-url',
      'https://developer.mozilla.org/en-US/docs/Web/Security/Mixed_content',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    for (const { name, severity, effect } of URL_SETTINGS) {
      const value = settings.get(name);
      if (value.kind !== 'str' || !/^http:\/\//i.test(value.value) || isLoopbackOrigin(originOf(value.value))) continue;
      const report = settingReport(settings, name, value);
      ctx.report({
        ...report,
        severity,
        message: `${name} is ${pyRepr(value)}, a plain-HTTP URL: ${effect}`,
        snippet: `${name} http`,
      });
    }
  },
});
