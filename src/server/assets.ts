/**
 * The page's static files live in the top-level `web/` folder (tsc does not copy non-TS files). It is
 * found by walking up from this module, so the same code works from src/server (tests) and from
 * dist/src/server (the built package), and the files are read once, at start-up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** The `web/` folder of the package this module belongs to. */
export function findWebDir(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (let depth = 0; depth < 6; depth++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'web', 'index.html'))) return join(dir, 'web');
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`deploycheck serve: cannot find the web/ folder of the package above ${from}`);
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
