import { describe, expect, it } from 'vitest';
import type { JsValue } from '../../src/js/types.js';
import { browserSourceMaps, catchAllHeaders, headersOutsideConfig, nextConfigObject, preventsFraming } from '../../src/node/next-config.js';
import { workspaceOf } from '../helpers/workspace.js';
import { fnReturning, js } from './js-values.js';

function config(literal: Record<string, unknown>): Extract<JsValue, { kind: 'object' }> {
  return nextConfigObject(js(literal))!;
}

describe('next.config facts', () => {
  it('reads the headers headers() sets on every path, not on one route', () => {
    const headers = fnReturning(
      js([
        { source: '/api/:path*', headers: [{ key: 'Strict-Transport-Security', value: 'max-age=63072000' }] },
        { source: '/:path*', headers: [{ key: 'X-Frame-Options', value: 'DENY' }] },
        { source: '/(.*)', headers: [{ key: 'Content-Security-Policy', value: "frame-ancestors 'none'" }] },
      ]),
    );
    const sent = catchAllHeaders(config({ headers }))!;
    expect([...sent.headers.keys()]).toEqual(['x-frame-options', 'content-security-policy']);
    expect(preventsFraming(new Map([['content-security-policy', "default-src 'self'; frame-ancestors 'none'"]]))).toBe(true);
    expect(preventsFraming(new Map([['content-security-policy', "default-src 'self'"]]))).toBe(false);
  });

  it('gives no answer when headers() cannot be read, and none sent without headers()', () => {
    expect(catchAllHeaders(config({ headers: fnReturning(undefined) }))).toBeUndefined();
    expect(catchAllHeaders(config({ headers: fnReturning({ kind: 'array', items: [], partial: true }) }))).toBeUndefined();
    expect(catchAllHeaders(config({ reactStrictMode: true }))!.headers.size).toBe(0);
  });

  it('reads productionBrowserSourceMaps and a config exported as a function', () => {
    expect(browserSourceMaps(config({ productionBrowserSourceMaps: true }))).toMatchObject({ kind: 'boolean', value: true });
    expect(browserSourceMaps(config({ productionBrowserSourceMaps: false }))).toBeUndefined();
    expect(nextConfigObject(fnReturning(js({ poweredByHeader: false })))?.props.has('poweredByHeader')).toBe(true);
  });

  it('counts vercel.json catch-all headers and middleware that sets them', () => {
    const workspace = workspaceOf({
      'web/vercel.json': JSON.stringify({ headers: [{ source: '/(.*)', headers: [{ key: 'Strict-Transport-Security', value: 'max-age=1' }] }, { source: '/docs', headers: [{ key: 'X-Frame-Options', value: 'DENY' }] }] }),
      'web/src/middleware.ts': "res.headers.set('Content-Security-Policy', csp);\n",
    });
    expect([...headersOutsideConfig(workspace, 'web')].sort()).toEqual(['content-security-policy', 'strict-transport-security']);
    expect(headersOutsideConfig(workspaceOf({ 'vercel.json': '{ not json' }), '').size).toBe(0);
  });
});
