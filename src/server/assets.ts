// The page's static files live in the package's top-level `web/` folder, read once at start-up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { REPORT_CSS } from '../report/scan-html.js';

export interface Asset {
  body: Buffer;
  type: string;
}

const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

/** The `web/` folder of the deploycheck package. */
export function findWebDir(): string {
  return join(packageRoot(), 'web');
}

/** URL path → file contents: web/* under /assets/, the report stylesheet, and the page itself at `/`. */
export function loadAssets(webDir = findWebDir()): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const [name, type] of Object.entries(FILES)) {
    const asset = { body: readFileSync(join(webDir, name)), type };
    assets.set(name === 'index.html' ? '/' : `/assets/${name}`, asset);
  }
  assets.set('/assets/report.css', { body: Buffer.from(REPORT_CSS), type: 'text/css; charset=utf-8' });
  return assets;
}
