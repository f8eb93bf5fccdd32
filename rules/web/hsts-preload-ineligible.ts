/**
 * web/hsts-preload-ineligible — the site asks to be preloaded (HSTS `preload`) but misses the preload
 * list's requirements: max-age of a year, includeSubDomains, the header on the apex over HTTPS, and
 * plain HTTP on the apex redirected to HTTPS on the same host first.
 */
import { defineScanRule, firstHeader, pageResponse, PROBE, siteOf } from '../../src/api/web.js';

/** hstspreload.org's minimum max-age: one year. */
const PRELOAD_MIN_SECONDS = 31_536_000;

const directive = (value: string, name: string) => new RegExp(`(^|;)\\s*${name}\\s*(;|$)`, 'i').test(value);

function maxAgeOf(value: string): number | undefined {
  const match = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?/i.exec(value);
  return match ? Number(match[1]) : undefined;
}

const isIp = (host: string) => /^[\d.]+$/.test(host) || host.includes(':');

export default defineScanRule({
  id: 'web/hsts-preload-ineligible',
  title: 'HSTS asks for preload but the site misses the preload requirements',
  severity: 'low',
  docs: {
    why:
      'The preload directive asks browsers to ship the domain in their built-in HSTS list, so even a first visit never ' +
      'goes over plain HTTP. The list (hstspreload.org) accepts, and keeps, only a registrable domain whose HTTPS answer ' +
      'carries max-age of at least 31536000 (one year), includeSubDomains and preload, and whose plain-HTTP answer ' +
      'redirects to HTTPS on the same host before going anywhere else. A header that says preload without meeting ' +
      'them gives a false sense of protection: the submission is refused, or a preloaded domain is removed.',
    fix:
      'Serve on the apex (example.com) over HTTPS:\n\nStrict-Transport-Security: max-age=31536000; includeSubDomains; preload\n\n' +
      '(Django: SECURE_HSTS_SECONDS = 31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS = True, SECURE_HSTS_PRELOAD = True), and ' +
      'redirect http://example.com/ to https://example.com/ first (then to www if you like). Or drop preload.',
    refs: ['https://hstspreload.org/#submission-requirements', 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-preload'],
  },
  check(ctx) {
    const page = pageResponse(ctx.scan);
    if (!page) return;
    const url = new URL(page.url);
    const value = firstHeader(page.headers, 'strict-transport-security');
    // Browsers ignore HSTS over plain HTTP: only an HTTPS answer asks for anything.
    if (url.protocol !== 'https:' || value === undefined || !directive(value, 'preload')) return;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const unmet: string[] = [];
    const maxAge = maxAgeOf(value);
    if (maxAge === undefined || maxAge < PRELOAD_MIN_SECONDS) unmet.push(`max-age is ${maxAge ?? 'missing'}, under ${PRELOAD_MIN_SECONDS} (one year)`);
    if (!directive(value, 'includesubdomains')) unmet.push('includeSubDomains is missing');
    const apex = isIp(host) || siteOf(host) === host.toLowerCase();
    if (!apex) unmet.push(`${host} is not the registrable domain: only ${siteOf(host)} can be preloaded, and it must send the header itself`);
    // The plain-HTTP side counts only when it answered (a refused port 80 is allowed).
    const http = ctx.scan.probes[PROBE.http];
    if (apex && http?.response && !http.error) {
      const first = http.response.redirects[0];
      const to = first?.location ? new URL(first.location, first.url) : undefined;
      if (!to) unmet.push(`plain HTTP is answered (HTTP ${http.response.status}) without a redirect to HTTPS`);
      else if (to.protocol !== 'https:' || to.hostname !== new URL(first!.url).hostname) unmet.push(`plain HTTP first redirects to ${to.href}, not to HTTPS on the same host`);
    }
    if (!unmet.length) return;
    ctx.report({
      message: `Strict-Transport-Security asks for preload, but the preload list would refuse ${host}: ${unmet.join('; ')}`,
      location: { url: page.url },
      about: 'Strict-Transport-Security preload',
      evidence: value,
    });
  },
});
