/** node/next-source-maps — Next.js publishes browser source maps in production. */
import { browserSourceMaps, defineRule, nextConfigObject } from '../../src/api/node.js';

export default defineRule({
  id: 'node/next-source-maps',
  title: 'Next.js serves browser source maps',
  severity: 'medium',
  docs: {
    why:
      '`productionBrowserSourceMaps: true` makes `next build` emit a .map file next to every client bundle and ' +
      'serve it under /_next/static: anyone can read the original source of the client code, comments included, ' +
      'which makes finding API routes, hidden features and mistakes much easier.',
    fix:
      'Remove the option (it is off by default), or upload the maps to your error tracker at build time and ' +
      'delete them from the build output:\n\n' +
      '// next.config.js\nmodule.exports = {\n  productionBrowserSourceMaps: false,\n};',
    refs: ['https://nextjs.org/docs/app/api-reference/config/next-config-js/productionBrowserSourceMaps'],
  },
  check(ctx) {
    const nextConfig = ctx.project.nextConfig;
    const config = nextConfig && nextConfigObject(nextConfig.value);
    const value = config && browserSourceMaps(config);
    if (!nextConfig || !value) return;
    ctx.report({
      message: `${nextConfig.file} sets productionBrowserSourceMaps: true: the original client source is served to every visitor`,
      location: value.loc ?? { file: nextConfig.file, line: 1, column: 1 },
      confidence: value.env?.some((read) => !read.set) ? 'default' : 'certain',
      evidence: 'productionBrowserSourceMaps: true',
      about: 'productionBrowserSourceMaps',
    });
  },
});
