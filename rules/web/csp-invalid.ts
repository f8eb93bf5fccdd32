/** web/csp-invalid — parts of a CSP that browsers ignore, or that block every script. */
import type { Policy } from '../../src/api/web.js';
import { defineScanRule, pagePolicies, pageResponse, usesNonceOrHash } from '../../src/api/web.js';

/** CSP Level 3 directives (plus the still-common deprecated ones browsers recognise). */
const DIRECTIVES = new Set([
  'default-src', 'script-src', 'script-src-elem', 'script-src-attr', 'style-src', 'style-src-elem', 'style-src-attr',
  'img-src', 'font-src', 'connect-src', 'media-src', 'object-src', 'frame-src', 'child-src', 'worker-src', 'manifest-src',
  'prefetch-src', 'fenced-frame-src', 'base-uri', 'form-action', 'frame-ancestors', 'navigate-to', 'sandbox',
  'report-uri', 'report-to', 'upgrade-insecure-requests', 'block-all-mixed-content', 'require-trusted-types-for',
  'trusted-types', 'require-sri-for', 'plugin-types', 'webrtc',
]);
/** Keywords that only work in single quotes; unquoted they are read as host names. */
const KEYWORDS = new Set(['self', 'none', 'unsafe-inline', 'unsafe-eval', 'strict-dynamic', 'unsafe-hashes', 'report-sample', 'wasm-unsafe-eval']);
/** Ignored when delivered in a meta element. */
const HEADER_ONLY = ['frame-ancestors', 'report-uri', 'sandbox'];

function policyErrors(policy: Policy): string[] {
  const errors: string[] = [];
  for (const name of policy.repeated) errors.push(`${name} appears twice; the second is ignored`);
  for (const [name, sources] of policy.directives) {
    if (!DIRECTIVES.has(name)) errors.push(`unknown directive '${name}' is ignored`);
    const unquoted = sources.filter((source) => KEYWORDS.has(source) || /^(nonce|sha256|sha384|sha512)-/.test(source));
    if (unquoted.length) errors.push(`${name} has ${unquoted.join(', ')} without single quotes (read as a host name)`);
    if (policy.from === 'meta' && HEADER_ONLY.includes(name)) errors.push(`${name} is ignored in a <meta> policy`);
  }
  const scripts = policy.directives.get('script-src') ?? policy.directives.get('default-src');
  if (scripts?.includes("'strict-dynamic'") && !usesNonceOrHash(scripts)) {
    errors.push("'strict-dynamic' without a nonce or hash blocks every script in current browsers");
  }
  return errors;
}

export default defineScanRule({
  id: 'web/csp-invalid',
  title: 'Content-Security-Policy has parts browsers ignore',
  severity: 'low',
  docs: {
    why:
      'Browsers skip what they cannot parse without telling anyone: a misspelt or repeated directive, `self` without quotes ' +
      '(a host called "self"), frame-ancestors in a <meta> tag. The policy then protects less than it appears to, or, with ' +
      "'strict-dynamic' and no nonce, blocks the site's own scripts.",
    fix: "Quote keywords ('self', 'none', 'nonce-…'), write each directive once, send frame-ancestors as a header, and pair 'strict-dynamic' with a nonce or hashes.",
    refs: ['https://www.w3.org/TR/CSP3/#parse-serialized-policy', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy'],
  },
  check(ctx) {
    const page = pageResponse(ctx.scan);
    if (!page) return;
    const errors = pagePolicies(page).flatMap((policy) => policyErrors(policy).map((error) => ({ policy, error })));
    const [first] = errors;
    if (!first) return;
    ctx.report({
      message: `the CSP ${errors.length === 1 ? 'has an error' : `has ${errors.length} errors`}: ${errors.map((e) => e.error).join('; ')}`,
      location: { url: page.url },
      evidence: first.policy.text.trim().slice(0, 200),
    });
  },
});
