/** web/source-map-exposed — the page's scripts have public source maps. */
import { defineScanRule, isSuccess, sourceMapResponses, sourceMapSources } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/source-map-exposed',
  title: 'Source maps are public',
  severity: 'medium',
  docs: {
    why:
      'A source map turns the minified bundle back into the original source files, with their names, comments and ' +
      'the code paths that minification hid: API routes, feature flags, sometimes keys left in client code. ' +
      'Publishing them is a choice (error trackers can take them privately), not a default.',
    fix:
      'Next.js: remove `productionBrowserSourceMaps: true` from next.config; webpack/Vite: `devtool: "hidden-source-map"` ' +
      '/ `build.sourcemap: "hidden"` and upload the maps to the error tracker instead of serving them.',
    refs: ['https://nextjs.org/docs/app/api-reference/config/next-config-js/productionBrowserSourceMaps', 'https://webpack.js.org/configuration/devtool/'],
  },
  check(ctx) {
    const maps = sourceMapResponses(ctx.scan).flatMap(([url, response]) => {
      const sources = isSuccess(response) ? sourceMapSources(response.body, response.truncated) : undefined;
      return sources === undefined ? [] : [{ url, sources }];
    });
    const [first, ...others] = maps;
    if (!first) return;
    ctx.report({
      message: `the page's scripts have public source maps (${maps.length} of those tried)`,
      location: { url: first.url },
      evidence: `${first.sources} source file${first.sources === 1 ? '' : 's'} in ${first.url}`,
      about: 'source maps',
      related: others.map((map) => ({ location: { url: map.url }, message: `also served (${map.sources} source files)` })),
    });
  },
});
