/** web/csp-incomplete — a CSP that restricts scripts but leaves plugins, <base> or every other resource open. */
import type { Policy } from '../../src/api/web.js';
import { BROAD, defineScanRule, effectiveSources, pagePolicies, pageResponse, unsafeScriptSources, usesNonceOrHash } from '../../src/api/web.js';

type GapKind = 'default-src' | 'object-src' | 'base-uri';

/** The gaps of one policy whose scripts are otherwise restricted. */
function policyGaps(policy: Policy): { kind: GapKind; text: string }[] {
  const gaps: { kind: GapKind; text: string }[] = [];
  const defaults = policy.directives.get('default-src');
  if (defaults?.some((source) => BROAD.has(source))) {
    gaps.push({ kind: 'default-src', text: `default-src ${defaults.filter((source) => BROAD.has(source)).join(' ')} lets every resource type without its own directive load from anywhere` });
  }
  const objects = effectiveSources(policy, 'object-src');
  if (!objects) gaps.push({ kind: 'object-src', text: 'no object-src (or default-src): plugins load from anywhere' });
  else if (objects.some((source) => BROAD.has(source))) gaps.push({ kind: 'object-src', text: `object-src allows ${objects.join(' ')}` });
  const scripts = effectiveSources(policy, 'script-src') ?? [];
  if (usesNonceOrHash(scripts) && !policy.directives.has('base-uri')) {
    gaps.push({ kind: 'base-uri', text: 'no base-uri: an injected <base> tag can point nonced relative scripts at another host' });
  }
  return gaps;
}

export default defineScanRule({
  id: 'web/csp-incomplete',
  title: 'Content-Security-Policy leaves plugins, <base> or other resources open',
  severity: 'low',
  docs: {
    why:
      'A CSP that locks scripts down can still be bypassed through the directives it forgets: without object-src ' +
      '(or a restrictive default-src) an injected <object> or <embed> runs plugin content; without base-uri an injected ' +
      '<base href> re-targets every relative script URL, nonced ones included; `default-src *` opens every resource ' +
      'type that has no directive of its own (frames, fonts, connections).',
    fix: "Start from default-src 'none' (or 'self') and add what the site needs, with object-src 'none' and base-uri 'none' (or 'self').",
    refs: ['https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/base-uri', 'https://csp.withgoogle.com/docs/strict-csp.html'],
  },
  check(ctx) {
    const page = pageResponse(ctx.scan);
    if (!page) return;
    // Only policies that protect scripts: otherwise web/csp-unsafe (or csp-missing) already says so.
    const safe = pagePolicies(page).filter((policy) => !unsafeScriptSources(policy).length);
    if (!safe.length) return;
    // One policy that closes a gap closes it for the page: report only what every safe policy leaves open.
    const kindsPerPolicy = safe.map((policy) => new Set(policyGaps(policy).map((gap) => gap.kind)));
    const common = policyGaps(safe[0]!).filter((gap) => kindsPerPolicy.every((kinds) => kinds.has(gap.kind)));
    if (!common.length) return;
    ctx.report({
      message: `the CSP leaves gaps: ${common.map((gap) => gap.text).join('; ')}`,
      location: { url: page.url },
      evidence: safe[0]!.text.trim().slice(0, 200),
    });
  },
});
