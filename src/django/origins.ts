/**
 * Whether an http:// origin is the user's own machine (localhost, *.localhost, 127.0.0.0/8, [::1]).
 * A network attacker cannot answer for it, so trusting its plain-HTTP form is not the risk that
 * trusting http://example.com is; development front ends listed there are common.
 */
export function isLoopbackOrigin(origin: string): boolean {
  const match = /^https?:\/\/(\[[^\]]+\]|[^:/]+)(?::\d+)?\/?$/i.exec(origin);
  if (!match) return false;
  const host = match[1]!.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}

/** Domains where anyone can host a page under a subdomain of their own (platform app hosts, tunnels). */
const SHARED_PLATFORM_DOMAINS = [
  'herokuapp.com',
  'onrender.com',
  'fly.dev',
  'appspot.com',
  'vercel.app',
  'railway.app',
  'up.railway.app',
  'azurewebsites.net',
  'pythonanywhere.com',
  'ngrok.io',
  'ngrok-free.app',
];

/** The shared platform domain a subdomain wildcard (`*.herokuapp.com`, `.fly.dev`) covers, if it covers one. */
export function sharedPlatformDomain(wildcardDomain: string): string | undefined {
  const domain = wildcardDomain.toLowerCase().replace(/\/$/, '').replace(/:\d+$/, '');
  return SHARED_PLATFORM_DOMAINS.find((shared) => domain === shared);
}
