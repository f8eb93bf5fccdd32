/** Markers in a page that only Next.js's development server (`next dev`) writes. */
const NEXT_DEV_MARKERS: RegExp[] = [
  // Pages router: __NEXT_DATA__ carries the build id, which is "development" under next dev.
  /"buildId"\s*:\s*"development"/,
  /\/_next\/static\/development\/_(?:build|ssg)Manifest\.js/,
  // Webpack dev builds name chunks without a content hash; production always hashes them.
  /\/_next\/static\/chunks\/(?:webpack|main-app|app-pages-internals|react-refresh)\.js\b/,
  // Turbopack's dev client.
  /\/_next\/static\/chunks\/[^"'\s]*hmr-client[^"'\s]*\.js/,
];

/** The marker found in a body served by `next dev`, if any. */
export function nextDevMarker(body: string): string | undefined {
  return NEXT_DEV_MARKERS.map((marker) => marker.exec(body)?.[0]).find(Boolean);
}
