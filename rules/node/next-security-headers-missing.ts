/** node/next-security-headers-missing — a Next.js app sends no HSTS, CSP or anti-framing header. */
import type { FileLocation, NodeProject } from '../../src/api/node.js';
import { catchAllHeaders, CSP, defineRule, FRAME_OPTIONS, headersOutsideConfig, HSTS, nextConfigObject, preventsFraming } from '../../src/api/node.js';

/** A custom server in front of Next.js that sets the headers itself (Helmet). */
function customServerSetsHeaders(project: NodeProject): boolean {
  return project.program?.calls.some((call) => /^(?:helmet|koa-helmet|@fastify\/helmet)(?:\.|$)/.test(call.callee)) ?? false;
}

export default defineRule({
  id: 'node/next-security-headers-missing',
  title: 'Next.js sends no security headers',
  severity: 'medium',
  docs: {
    why:
      'Next.js sends no security headers of its own. Without Strict-Transport-Security a browser may reach the site ' +
      'over plain HTTP first (and be intercepted there); without X-Frame-Options or a CSP with frame-ancestors any ' +
      'site can frame the pages (clickjacking); without a Content-Security-Policy an injected script runs with the ' +
      "page's rights. They are set in next.config's `headers()` for every path (a catch-all source such as " +
      "'/:path*' or '/(.*)'), in middleware, or by the platform: Vercel sends HSTS on its domains, so HSTS is not " +
      'asked for there. Reported when HSTS or framing protection is missing (a missing CSP is named with them).',
    fix:
      'Send them on every path:\n\n' +
      '// next.config.js\nmodule.exports = {\n  async headers() {\n    return [{\n      source: "/:path*",\n      headers: [\n' +
      '        { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" },\n' +
      '        { key: "X-Frame-Options", value: "DENY" },\n' +
      `        { key: "Content-Security-Policy", value: "default-src 'self'; frame-ancestors 'none'" },\n` +
      '      ],\n    }];\n  },\n};',
    refs: [
      'https://nextjs.org/docs/app/api-reference/config/next-config-js/headers',
      'https://nextjs.org/docs/app/guides/content-security-policy',
      'https://vercel.com/docs/headers/security-headers',
      'https://owasp.org/www-project-secure-headers/',
    ],
  },
  check(ctx) {
    const { project, workspace } = ctx;
    if (!project.frameworks.includes('next') || customServerSetsHeaders(project)) return;
    const nextConfig = project.nextConfig;
    const config = nextConfig ? nextConfigObject(nextConfig.value) : undefined;
    // A config the evaluator could not read: its headers are unknown.
    if (nextConfig && !config) return;
    const sent = config ? catchAllHeaders(config) : { headers: new Map<string, string | undefined>() };
    if (!sent) return;
    const headers = new Map(sent.headers);
    for (const header of headersOutsideConfig(workspace, project.root)) if (!headers.has(header)) headers.set(header, undefined);
    const inRoot = (name: string): string => (project.root === '' ? name : `${project.root}/${name}`);
    // now.json: Vercel's configuration before it was renamed.
    const onVercel = project.production.platform === 'vercel' || workspace.exists(inRoot('vercel.json')) || workspace.exists(inRoot('now.json'));
    const missing: string[] = [];
    if (!headers.has(HSTS) && !onVercel) missing.push('Strict-Transport-Security');
    if (!preventsFraming(headers)) missing.push('X-Frame-Options (or CSP frame-ancestors)');
    // A CSP alone is hardening beyond HSTS and framing protection: named with them, not reported by itself.
    if (missing.length === 0) return;
    if (!headers.has(CSP)) missing.push('Content-Security-Policy');
    const location: FileLocation = sent.location ?? { file: nextConfig?.file ?? project.packageJson.file, line: 1, column: 1 };
    const where = sent.location ? "next.config's headers() sets none of them for every path" : nextConfig ? `${nextConfig.file} has no headers()` : 'the project has no next.config';
    const vercel = onVercel && !headers.has(HSTS) ? ' (HSTS is left to Vercel, which sends it on its domains)' : '';
    ctx.report({
      message: `the Next.js app sends no ${missing.join(', ')}: ${where}${vercel}`,
      location,
      evidence: missing.join(', '),
      about: [HSTS, FRAME_OPTIONS, CSP].filter((header) => missing.some((name) => name.toLowerCase().startsWith(header))).join(' '),
    });
  },
});
