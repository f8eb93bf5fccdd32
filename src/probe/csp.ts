import { headerValues } from './headers.js';
import type { ProbeResponse } from './types.js';

/** Sources that allow scripts from (nearly) anywhere. */
export const BROAD = new Set(['*', 'http:', 'https:', 'data:', 'blob:', 'ftp:', 'http://*', 'https://*', 'http://*.*', 'https://*.*']);

export interface Policy {
  /** Where it came from: browsers ignore frame-ancestors, report-uri and sandbox in a meta policy. */
  from: 'header' | 'meta';
  text: string;
  /** Directive → sources (lower-cased); the first of a repeated directive wins, as in browsers. */
  directives: Map<string, string[]>;
  /** Directives written more than once (the repeats are ignored). */
  repeated: string[];
}

export function parsePolicy(text: string, from: Policy['from']): Policy {
  const directives = new Map<string, string[]>();
  const repeated: string[] = [];
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().toLowerCase().split(/\s+/);
    if (!name) continue;
    if (directives.has(name)) repeated.push(name);
    else directives.set(name, sources);
  }
  return { from, text, directives, repeated };
}

const META = /<meta\b[^>]*>/gi;

/** Every enforced policy of a page: each Content-Security-Policy header (a comma separates policies) and each meta policy. */
export function pagePolicies(page: ProbeResponse): Policy[] {
  const policies = headerValues(page.headers, 'content-security-policy')
    .flatMap((value) => value.split(','))
    .filter((text) => text.trim())
    .map((text) => parsePolicy(text, 'header'));
  for (const [tag] of page.body.matchAll(META)) {
    if (!/http-equiv\s*=\s*["']?content-security-policy["'\s>]/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    const text = content?.[1] ?? content?.[2];
    if (text?.trim()) policies.push(parsePolicy(text.replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"'), 'meta'));
  }
  return policies;
}

/** The sources that govern `directive` (with default-src as the fallback for fetch directives), or undefined. */
export function effectiveSources(policy: Policy, directive: 'script-src' | 'object-src' | 'style-src'): string[] | undefined {
  return policy.directives.get(directive) ?? policy.directives.get('default-src');
}

export function usesNonceOrHash(sources: string[]): boolean {
  return sources.some((s) => /^'(nonce|sha256|sha384|sha512)-/.test(s));
}

/** What makes one policy's script sources unsafe, or an empty list. */
export function unsafeScriptSources(policy: Policy): string[] {
  const sources = effectiveSources(policy, 'script-src');
  if (!sources) return ['no script-src or default-src (scripts from anywhere)'];
  const nonceOrHash = usesNonceOrHash(sources);
  const strictDynamic = sources.includes("'strict-dynamic'");
  const problems: string[] = [];
  // Browsers ignore 'unsafe-inline' next to a nonce or hash, and every host or scheme source under 'strict-dynamic'.
  if (sources.includes("'unsafe-inline'") && !nonceOrHash && !strictDynamic) problems.push("'unsafe-inline'");
  if (sources.includes("'unsafe-eval'")) problems.push("'unsafe-eval'");
  if (!strictDynamic) problems.push(...sources.filter((s) => BROAD.has(s)));
  return problems;
}
