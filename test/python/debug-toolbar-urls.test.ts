import { beforeAll, describe, expect, it } from 'vitest';
import { findDebugToolbarMounts } from '../../src/python/debug-toolbar-urls.js';
import { initPythonParser } from '../../src/python/parser.js';

beforeAll(() => initPythonParser());

function mounts(text: string): [number, boolean][] {
  return findDebugToolbarMounts(text, 'urls.py').map((mount) => [mount.location.line, mount.gatedByDebug]);
}

describe('debug-toolbar mounts in a URLconf', () => {
  it('tells gated mounts from open ones', () => {
    const text = [
      'from debug_toolbar.toolbar import debug_toolbar_urls',
      'urlpatterns = [path("a/", include("shop.urls"))]',
      'if settings.DEBUG and not TESTING:',
      '    urlpatterns += [path("__debug__/", include("debug_toolbar.urls"))]',
      'else:',
      '    urlpatterns += debug_toolbar_urls()',
      'urlpatterns += [path("__debug__/", include(debug_toolbar.urls))]',
      'extra = [path("__debug__/", include("debug_toolbar.urls"))] if DEBUG else []',
    ].join('\n');
    expect(mounts(text)).toEqual([
      [4, true],
      [6, false],
      [7, false],
      [8, true],
    ]);
  });

  it('finds nothing in a URLconf without the toolbar, and does not throw on broken code', () => {
    expect(mounts('urlpatterns = [path("admin/", admin.site.urls)]\n')).toEqual([]);
    expect(mounts('if settings.DEBUG:\n    urlpatterns += [path("__debug__/", include(\n')).toEqual(expect.any(Array));
  });
});
