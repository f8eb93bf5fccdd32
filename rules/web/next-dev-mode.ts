/** web/next-dev-mode — the site is served by Next.js's development server (next dev). */
import { defineScanRule, nextDevMarker, pageLikeResponses } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/next-dev-mode',
  title: 'Served by the Next.js development server (next dev)',
  severity: 'high',
  docs: {
    why:
      '`next dev` compiles pages on request, ships unminified code with source, opens the hot-reload endpoint and shows ' +
      'the error overlay with stack traces and code frames. It is slow under load and was never meant to face the internet.',
    fix: 'Build and run the production server: `next build && next start` (scripts.start = "next start").',
    refs: ['https://nextjs.org/docs/app/api-reference/cli/next#next-start-options', 'https://nextjs.org/docs/app/building-your-application/deploying'],
  },
  check(ctx) {
    for (const [id, response] of pageLikeResponses(ctx.scan)) {
      const marker = nextDevMarker(response.body);
      if (!marker) continue;
      ctx.report({ message: `the ${id} probe's page comes from Next.js's development server`, location: { url: response.url }, evidence: marker, about: 'next dev' });
      return;
    }
  },
});
