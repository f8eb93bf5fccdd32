/**
 * Session middleware of Express, Koa and Fastify, and what each package does with the options it is
 * not given (README defaults):
 * - express-session: cookie { httpOnly: true, secure: false, sameSite not sent }, name 'connect.sid',
 *   store a new MemoryStore; `cookie.secure: 'auto'` follows req.secure, so it needs `trust proxy`
 *   (or the session's own `proxy: true`) behind a TLS-terminating proxy.
 * - cookie-session: the cookie attributes sit in the options themselves; httpOnly true, sameSite false,
 *   secure follows the request's protocol; signed with `keys` or `secret`.
 * - koa-session: attributes in the options, httpOnly true, sameSite null (not sent); keys are `app.keys`.
 * - @fastify/session: options.cookie, secure true by default, MemoryStore unless `store`; @fastify/secure-session
 *   and @fastify/cookie take a `secret` (or `key`).
 */
import type { FileLocation } from '../core/location.js';
import type { JsProgram, JsValue } from '../js/types.js';
import type { Confidence } from '../core/severity.js';
import { confidenceOf } from '../js/values.js';
import { packageUses, servingApps, weaker, type PackageUse } from './app-uses.js';
import { optionConfidence, optionState, type OptionState } from './option-state.js';

/** Packages whose middleware issues the session cookie. */
const SESSION_PACKAGES = ['express-session', 'cookie-session', 'koa-session', '@fastify/session', '@fastify/secure-session'] as const;
/** Packages that sign cookies with a secret (the session packages, plus cookie parsers). */
const SIGNING_PACKAGES = [...SESSION_PACKAGES, 'cookie-parser', '@fastify/cookie'] as const;

export function sessionUses(program: JsProgram): PackageUse[] {
  // koa-session also takes the app alone: `session(app)` keeps every default.
  return packageUses(program, SESSION_PACKAGES).map((use) => (use.pkg === 'koa-session' && use.options?.kind === 'instance' ? { ...use, options: undefined } : use));
}

/** An option of the session middleware itself (`name`, `store`, `proxy`, `secret`). */
export function sessionOption(use: PackageUse, key: string): OptionState {
  return optionState(use.options, key);
}

/** Packages whose cookie attributes sit in `options.cookie` rather than in the options themselves. */
const NESTED_COOKIE = new Set(['express-session', '@fastify/session', '@fastify/secure-session']);

/** A session cookie attribute (`secure`, `httpOnly`, `sameSite`) as the package reads it. */
export function cookieAttribute(use: PackageUse, key: string): OptionState {
  if (!NESTED_COOKIE.has(use.pkg)) return optionState(use.options, key);
  const cookie = optionState(use.options, 'cookie');
  if (cookie.state !== 'written') return cookie;
  return optionState(cookie.value, key);
}

/** Where a finding about an option points: the value when written, else the options, else the call. */
export function optionLocation(use: PackageUse, option: OptionState): FileLocation {
  if (option.state === 'written' && option.value.loc) return option.value.loc;
  if (option.state === 'absent' && option.container?.loc) return option.container.loc;
  return use.options?.loc ?? use.call.location;
}

export interface SigningSecret {
  /** 'express-session', 'koa app.keys', … */
  source: string;
  /** The option, e.g. 'secret', 'keys', 'app.keys'. */
  option: string;
  value: JsValue;
  /** The call or assignment it belongs to, for the fallback location. */
  at: FileLocation;
  placement: PackageUse['placement'];
}

const SECRET_OPTIONS: Record<string, readonly string[]> = {
  'express-session': ['secret'],
  'cookie-session': ['secret', 'keys'],
  '@fastify/session': ['secret'],
  '@fastify/secure-session': ['secret', 'key'],
  '@fastify/cookie': ['secret'],
};

/** The secrets that sign session cookies: session options, `cookieParser(secret)`, Koa's `app.keys`. */
export function signingSecrets(program: JsProgram): SigningSecret[] {
  const found: SigningSecret[] = [];
  for (const use of packageUses(program, SIGNING_PACKAGES)) {
    if (use.pkg === 'cookie-parser') {
      const value = use.call.args[0];
      if (value) found.push({ source: 'cookie-parser', option: 'secret', value, at: use.call.location, placement: use.placement });
      continue;
    }
    for (const option of SECRET_OPTIONS[use.pkg] ?? []) {
      const state = sessionOption(use, option);
      if (state.state === 'written') found.push({ source: use.pkg, option, value: state.value, at: use.call.location, placement: use.placement });
    }
  }
  for (const app of servingApps(program)) {
    const keys = app.of === 'koa' ? app.props.get('keys') : undefined;
    if (keys) found.push({ source: 'Koa', option: 'app.keys', value: keys, at: keys.loc ?? app.createdAt, placement: app.listens ? 'certain' : 'default' });
  }
  return found;
}

/** express-session and @fastify/session keep sessions in process memory unless given a `store`. */
const MEMORY_BY_DEFAULT = new Set(['express-session', '@fastify/session']);
/** What the evaluator calls the packages' own in-memory store instances. */
const MEMORY_STORES = new Set(['express-session.MemoryStore', '@fastify/session.MemoryStore']);

/** The session middleware keeps its sessions in memory: no `store`, or the package's MemoryStore. */
export function memoryStore(use: PackageUse): { detail: string; option: OptionState; confidence: Confidence } | undefined {
  if (!MEMORY_BY_DEFAULT.has(use.pkg)) return undefined;
  const store = sessionOption(use, 'store');
  const confidence = weaker(use.placement, weaker(confidenceOf(use.options), optionConfidence(store)));
  // express-session: `opts.store || new MemoryStore()`.
  const empty = store.state === 'absent' ? store.value : store.state === 'written' && store.value.kind === 'null' ? store.value : undefined;
  if (empty) {
    const unset = empty.env?.find((read) => !read.set);
    return { detail: `\`store\` is ${empty.kind}${unset ? ` (${unset.name} is unset)` : ''}, so ${use.pkg} uses its MemoryStore`, option: store, confidence };
  }
  if (store.state === 'absent') return { detail: `${use.pkg} has no \`store\`, so it uses its MemoryStore`, option: store, confidence };
  if (store.state === 'written' && store.value.kind === 'instance' && MEMORY_STORES.has(store.value.of)) {
    return { detail: `\`store\` is ${use.pkg}'s own MemoryStore`, option: store, confidence };
  }
  return undefined;
}

