/** Readers of what Node.js sites answer: stack traces, source maps, Next.js development pages. */
import { describe, expect, it } from 'vitest';
import { nextDevMarker } from '../../src/probe/next-dev.js';
import { sourceMapCandidates, sourceMapSources } from '../../src/probe/source-maps.js';
import { stackTrace } from '../../src/probe/stack-trace.js';

describe('stackTrace', () => {
  it("reads Express's HTML error page (finalhandler outside production)", () => {
    const html =
      '<!DOCTYPE html><html><head><title>Error</title></head><body><pre>SyntaxError: Unexpected token &#39;x&#39;, &quot;x&quot; is not valid JSON' +
      '<br> &nbsp; &nbsp;at JSON.parse (&lt;anonymous&gt;)<br> &nbsp; &nbsp;at parse (/srv/app/node_modules/body-parser/lib/types/json.js:92:19)' +
      '<br> &nbsp; &nbsp;at invokeCallback (/srv/app/node_modules/raw-body/index.js:238:16)</pre></body></html>';
    expect(stackTrace(html)).toEqual({
      error: `SyntaxError: Unexpected token 'x', "x" is not valid JSON`,
      frame: 'at JSON.parse (<anonymous>)',
      frames: 3,
    });
  });

  it('reads a stack sent as JSON, and a plain-text one (Koa or node:http handlers)', () => {
    const json = JSON.stringify({
      error: 'boom',
      stack: 'TypeError: cart.total is not a function\n    at checkout (/app/routes/orders.js:12:5)\n    at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)',
    });
    expect(stackTrace(json)).toMatchObject({ error: 'TypeError: cart.total is not a function', frames: 2, frame: 'at checkout (/app/routes/orders.js:12:5)' });
    const text = "Error: ENOENT: no such file or directory, open '/data/x'\n    at async open (node:internal/fs/promises:639:25)\n    at async Object.readFile (node:internal/fs/promises:1242:14)\n    at async C:\\srv\\app\\server.js:10:3\n";
    expect(stackTrace(text)).toMatchObject({ error: "Error: ENOENT: no such file or directory, open '/data/x'", frames: 3 });
  });

  it('needs two frames, one of them with a file position', () => {
    expect(stackTrace('Error: x\n    at handler (/app/a.js:1:2)\n')).toBeUndefined();
    expect(stackTrace('Error: x\n    at <anonymous>\n    at native\n')).toBeUndefined();
    expect(stackTrace('We meet at Berlin (Room 1:2:3)\nat noon (hall 2:10:1)\n')).toBeUndefined();
    expect(stackTrace('Traceback (most recent call last):\n  File "/app/x.py", line 3, in <module>\n')).toBeUndefined();
    expect(stackTrace('<pre>Cannot GET /missing</pre>')).toBeUndefined();
  });
});

describe('source maps', () => {
  const page = 'https://shop.example/cart';
  const html =
    '<script src="/static/app.js?v=3"></script><script>inline()</script><script src="https://cdn.other.net/lib.js"></script>' +
    '<script src="/_next/static/chunks/main-1a2b.js"></script><script src="/_next/static/chunks/pages/index-9f.js" defer></script><script src="/api/config"></script>';

  it("asks for the page's own scripts' maps, Next.js chunks first, within the cap", () => {
    expect(sourceMapCandidates(html, page, 3)).toEqual([
      'https://shop.example/_next/static/chunks/main-1a2b.js.map',
      'https://shop.example/_next/static/chunks/pages/index-9f.js.map',
      'https://shop.example/static/app.js.map',
    ]);
    expect(sourceMapCandidates(html, page, 1)).toHaveLength(1);
    expect(sourceMapCandidates('<p>no scripts</p>', page, 3)).toEqual([]);
  });

  it('counts the sources of a map, also of one cut at the body cap, and of one behind an XSSI guard', () => {
    expect(sourceMapSources('{"version":3,"file":"main.js","sources":["a.ts","b.ts"],"mappings":"AAAA"}', false)).toBe(2);
    expect(sourceMapSources(")]}'\n{\"version\":3,\"sources\":[\"a.ts\"],\"mappings\":\"\"}", false)).toBe(1);
    expect(sourceMapSources('{"version":3,"sources":["webpack://x/./a.ts","webpack://x/./b.ts"],"sourcesContent":["const a = 1;\\n', true)).toBe(2);
  });

  it('does not take HTML, other JSON or a broken body for a map', () => {
    expect(sourceMapSources('<!doctype html><div id="root"></div>', false)).toBeUndefined();
    expect(sourceMapSources('{"error":"not found"}', false)).toBeUndefined();
    expect(sourceMapSources('{"version":3,"sources":["a.ts"', false)).toBeUndefined();
    expect(sourceMapSources('{"items":[{"sources":["x"]}]', true)).toBeUndefined();
  });
});

describe('nextDevMarker', () => {
  it('finds next dev pages (pages router, app router, Turbopack)', () => {
    expect(nextDevMarker('<script id="__NEXT_DATA__" type="application/json">{"page":"/","buildId":"development","isFallback":false}</script>')).toBe('"buildId":"development"');
    expect(nextDevMarker('<script src="/_next/static/development/_buildManifest.js" defer></script>')).toBeDefined();
    expect(nextDevMarker('<script src="/_next/static/chunks/webpack.js?v=1733600000" async></script>')).toBeDefined();
    expect(nextDevMarker('<script src="/_next/static/chunks/%5Bturbopack%5D_browser_dev_hmr-client_hmr-client_ts_61dcf9._.js" async></script>')).toBeDefined();
  });

  it('leaves production pages alone', () => {
    expect(nextDevMarker('<script src="/_next/static/chunks/webpack-59c5c889f52620d6.js" async></script><script src="/_next/static/Xk2cR8vQp1/_buildManifest.js"></script>')).toBeUndefined();
    expect(nextDevMarker('<script id="__NEXT_DATA__" type="application/json">{"buildId":"Xk2cR8vQp1"}</script><p>development</p>')).toBeUndefined();
  });
});
