/** web/csp-unsafe — a CSP that still allows inline or arbitrary scripts. */
import { defineScanRule, pagePolicies, pageResponse, unsafeScriptSources } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/csp-unsafe',
  title: 'Content-Security-Policy allows unsafe scripts',
  severity: 'medium',
  docs: {
    why:
      "A policy whose script sources include 'unsafe-inline' (without a nonce or hash), 'unsafe-eval' or a whole scheme " +
      'such as https: (or `*`, including through `default-src *`) gives an XSS bug what it needs, so the header is there ' +
      'but does not protect.',
    fix: "Use nonces or hashes for inline scripts ('nonce-…' with 'strict-dynamic'), drop 'unsafe-eval', and list hosts instead of schemes.",
    refs: ['https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/script-src', 'https://csp-evaluator.withgoogle.com/'],
  },
  check(ctx) {
    const page = pageResponse(ctx.scan);
    const policies = page ? pagePolicies(page) : [];
    if (!page || !policies.length) return;
    // Browsers enforce every policy: one that restricts scripts safely is enough.
    const verdicts = policies.map((policy) => ({ policy, problems: unsafeScriptSources(policy) }));
    if (verdicts.some((verdict) => !verdict.problems.length)) return;
    const [first] = verdicts;
    const onlyEval = verdicts.every((verdict) => verdict.problems.every((problem) => problem === "'unsafe-eval'"));
    ctx.report({
      message: `the CSP allows unsafe scripts: ${first!.problems.join(', ')}`,
      location: { url: page.url },
      evidence: first!.policy.text.trim().slice(0, 200),
      ...(onlyEval ? { severity: 'low' as const } : {}),
    });
  },
});
