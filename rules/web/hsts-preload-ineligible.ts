/**
 * web/hsts-preload-ineligible — the site asks to be preloaded (HSTS `preload`) but its apex misses the
 * preload list's requirements: the header on the apex's HTTPS answer with max-age of a year,
 * includeSubDomains and preload, and plain HTTP on the apex redirected to HTTPS on the same host first.
 * Judged only when the scan reached the apex over HTTPS (the target, or a redirect on the way).
 */
import { defineScanRule, firstHeader, pageResponse, PROBE, siteOf } from '../../src/api/web.js';

/** hstspreload.org's minimum max-age: one year. */
const PRELOAD_MIN_SECONDS = 31_536_000;

const directive = (value: string, name: string) => new RegExp(`(^|;)\\s*${name}\\s*(;|$)`, 'i').test(value);

function maxAgeOf(value: string): number | undefined {
  const match = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?/i.exec(value);
  return match ? Number(match[1]) : undefined;
}

const hostOf = (url: string) => new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** A registrable domain (example.com, example.co.uk) or an IP address: what a preload entry can name. */
const isApex = (host: string) => /^[\d.]+$/.test(host) || host.includes(':') || siteOf(host) === host;

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
    // Browsers ignore HSTS over plain HTTP: only HTTPS answers (the page and the redirects to it) count.
    const hops = [...page.redirects, page].filter((hop) => hop.url.startsWith('https:'));
    const asking = hops.find((hop) => directive(firstHeader(hop.headers, 'strict-transport-security') ?? '', 'preload'));
    if (!asking) return;
    // The list judges the registrable domain; a scan that never reached it over HTTPS (www.example.com
    // scanned directly) cannot tell, since the apex may well be preloaded.
    const apexHop = hops.find((hop) => isApex(hostOf(hop.url)));
    if (!apexHop) return;
    const apex = hostOf(apexHop.url);
    const value = firstHeader(apexHop.headers, 'strict-transport-security');
    const unmet: string[] = [];
    if (value === undefined) {
      unmet.push(`the apex's HTTPS answer (${apexHop.url}) sends no Strict-Transport-Security, only ${hostOf(asking.url)} does`);
    } else {
      const maxAge = maxAgeOf(value);
      if (maxAge === undefined || maxAge < PRELOAD_MIN_SECONDS) unmet.push(`max-age is ${maxAge ?? 'missing'}, under ${PRELOAD_MIN_SECONDS} (one year)`);
      if (!directive(value, 'includesubdomains')) unmet.push('includeSubDomains is missing');
      if (!directive(value, 'preload')) unmet.push(`the apex's header lacks preload (only ${hostOf(asking.url)} sends it)`);
    }
    // Plain HTTP on the apex counts only when it answered (a refused port 80 is allowed).
    const http = ctx.scan.probes[PROBE.http];
    if (http?.response && !http.error && hostOf(http.request.url) === apex) {
      const first = http.response.redirects[0];
      const to = first?.location ? new URL(first.location, first.url) : undefined;
      if (!to) unmet.push(`plain HTTP is answered (HTTP ${http.response.status}) without a redirect to HTTPS`);
      else if (to.protocol !== 'https:' || hostOf(to.href) !== apex) unmet.push(`plain HTTP first redirects to ${to.href}, not to HTTPS on ${apex}`);
    }
    if (!unmet.length) return;
    ctx.report({
      message: `Strict-Transport-Security asks for preload, but the preload list would refuse ${apex}: ${unmet.join('; ')}`,
      location: { url: apexHop.url },
      about: 'Strict-Transport-Security preload',
      evidence: firstHeader(asking.headers, 'strict-transport-security'),
    });
  },
});
