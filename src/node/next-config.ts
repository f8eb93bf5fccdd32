/**
 * What an evaluated next.config says about production: the security headers its `headers()` sends on every
 * path, `productionBrowserSourceMaps`, and the `env` block (inlined into the client bundle).
 */
import type { FileLocation } from '../core/location.js';
import type { JsValue } from '../js/types.js';
import { prop, stringValue } from '../js/values.js';
import type { Workspace } from '../workspace/types.js';

/** The headers a Next.js app needs on every response, lower-case. */
export const HSTS = 'strict-transport-security';
export const CSP = 'content-security-policy';
export const FRAME_OPTIONS = 'x-frame-options';

/** Sources that match every path: `/:path*`, `/(.*)`, `/:path(.*)`, `/:slug*`, `/*`. */
const CATCH_ALL = /^\/(?::\w+\*|:\w+\(\.\*\)|\(\.\*\)|\*|:\w+\(\.\*\)\*)$/;

/** The config object: the module's export, or what an exported function `(phase) => ({…})` returns. */
export function nextConfigObject(value: JsValue): Extract<JsValue, { kind: 'object' }> | undefined {
  const config = value.kind === 'function' ? value.fn.returns : value;
  return config?.kind === 'object' ? config : undefined;
}

export interface CatchAllHeaders {
  /** Header names (lower-case) `headers()` sets on every path, with the value of each. */
  headers: Map<string, string | undefined>;
  /** Where `headers` is defined, or undefined when the config has no headers(). */
  location?: FileLocation;
}

/**
 * The headers next.config's `headers()` sends on every path; undefined when that cannot be read (headers()
 * returns something the evaluator could not follow). A config without headers() sends none.
 */
export function catchAllHeaders(config: Extract<JsValue, { kind: 'object' }>): CatchAllHeaders | undefined {
  const headersProp = config.props.get('headers');
  if (headersProp === undefined) return config.partial ? undefined : { headers: new Map() };
  if (headersProp.kind !== 'function') return undefined;
  const returned = headersProp.fn.returns;
  if (returned?.kind !== 'array') return undefined;
  const found = new Map<string, string | undefined>();
  for (const rule of returned.items) {
    const source = stringValue(prop(rule, 'source'));
    const list = prop(rule, 'headers');
    if (source === undefined || !CATCH_ALL.test(source)) continue;
    if (list?.kind !== 'array') return undefined;
    for (const header of list.items) {
      const key = stringValue(prop(header, 'key'));
      if (key !== undefined) found.set(key.toLowerCase(), stringValue(prop(header, 'value')));
      else return undefined;
    }
  }
  // Items the evaluator could not follow may hold the missing headers.
  if (returned.partial) return undefined;
  return { headers: found, location: headersProp.loc ?? headersProp.fn.loc };
}

/** Whether a header set protects against framing: X-Frame-Options, or a CSP with frame-ancestors. */
export function preventsFraming(headers: ReadonlyMap<string, string | undefined>): boolean {
  return headers.has(FRAME_OPTIONS) || /frame-ancestors/i.test(headers.get(CSP) ?? '');
}

/** `productionBrowserSourceMaps: true` (the value, with its location), or undefined. */
export function browserSourceMaps(config: Extract<JsValue, { kind: 'object' }>): JsValue | undefined {
  const value = config.props.get('productionBrowserSourceMaps');
  return value?.kind === 'boolean' && value.value ? value : undefined;
}

/** The next.config `env` block's entries: every key is inlined into the client bundle. */
export function nextConfigEnv(config: Extract<JsValue, { kind: 'object' }>): Map<string, JsValue> {
  const env = config.props.get('env');
  return env?.kind === 'object' ? env.props : new Map();
}

/** Where a Next.js app's middleware lives (`middleware.ts` at the project top or in `src/`). */
const MIDDLEWARE_FILES = ['middleware.ts', 'middleware.js', 'src/middleware.ts', 'src/middleware.js'];
const SECURITY_HEADERS = [HSTS, CSP, FRAME_OPTIONS];

/**
 * Security headers set for every path outside next.config: vercel.json `headers` with a catch-all source, and
 * middleware that names the header (a nonce-based CSP is set there). Names lower-case.
 */
export function headersOutsideConfig(workspace: Workspace, root: string): Set<string> {
  const found = new Set<string>();
  const inRoot = (name: string): string => (root === '' ? name : `${root}/${name}`);
  for (const file of new Set([inRoot('vercel.json'), 'vercel.json'])) {
    const read = workspace.exists(file) ? workspace.readText(file) : undefined;
    if (!read?.ok) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(read.text);
    } catch {
      continue;
    }
    const rules = (parsed as { headers?: unknown }).headers;
    for (const rule of Array.isArray(rules) ? rules : []) {
      const { source, headers } = (rule ?? {}) as { source?: unknown; headers?: unknown };
      if (typeof source !== 'string' || !CATCH_ALL.test(source) || !Array.isArray(headers)) continue;
      for (const header of headers) {
        const key = (header as { key?: unknown } | null)?.key;
        if (typeof key === 'string') found.add(key.toLowerCase());
      }
    }
  }
  for (const name of MIDDLEWARE_FILES) {
    const file = inRoot(name);
    const read = workspace.exists(file) ? workspace.readText(file) : undefined;
    if (!read?.ok) continue;
    const text = read.text.toLowerCase();
    for (const header of SECURITY_HEADERS) if (text.includes(header)) found.add(header);
  }
  return found;
}
