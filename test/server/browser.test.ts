/**
 * End to end in a real browser: Debian's chromium (through playwright-core) on the `serve` page,
 * scanning the insecure fixtures/livesite Django project under gunicorn, all on 127.0.0.1. The
 * screenshots land in test/artifacts/serve/.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/server/app.js';
import { requireSystem } from '../helpers/integration.js';
import { gunicornAvailable, scratchDir, startGunicorn } from '../live/livesite.js';
import type { Service } from '../live/livesite.js';
import { serve } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/serve/', import.meta.url));
/** Without the background-networking flags Chromium reaches for Google's hosts. */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const skip =
  requireSystem('Debian chromium at /usr/bin/chromium', existsSync(CHROMIUM)) ||
  requireSystem('gunicorn (Debian) with Django under /usr/bin/python3', gunicornAvailable());

describe.skipIf(skip)('serve in chromium, scanning the insecure Django livesite', () => {
  const scratch = scratchDir();
  const profile = mkdtempSync(join(tmpdir(), 'deploycheck-chromium-'));
  let gunicorn: Service & { port: number };
  let app: RunningServe;
  let browser: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    gunicorn = await startGunicorn('insecure', scratch.path);
    app = await serve({ allowPrivate: true, limits: { scanBudgetMs: 15_000, probeTimeoutMs: 4000 } });
    // A fresh profile each run (playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_FLAGS,
      timeout: 30_000,
      acceptDownloads: true,
      viewport: { width: 1200, height: 900 },
      deviceScaleFactor: 1,
    });
    page = await browser.newPage();
    // A CSP violation or a script error would show up here.
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await gunicorn?.stop();
    scratch.remove();
    rmSync(profile, { recursive: true, force: true });
  });

  it('scans the URL typed in, streams progress, and shows the graded report', async () => {
    await page.goto(app.url);
    await page.screenshot({ path: join(ARTIFACTS, 'serve-home.png') });
    const target = `http://127.0.0.1:${gunicorn.port}/`;
    await page.getByLabel('URL to scan').fill(target);
    await page.getByRole('button', { name: 'Scan' }).click();
    // The streamed count replaces "starting…"; a fast scan may already have hidden the progress panel.
    await page.locator('#progress-count').filter({ hasText: /\d+ of \d+ probes/ }).waitFor({ state: 'attached', timeout: 15_000 });
    const grade = page.locator('#report .grade');
    await grade.waitFor({ timeout: 30_000 });
    expect(await grade.textContent()).toBe('F');
    expect(new URL(page.url()).searchParams.get('scan')).toMatch(/^[A-Za-z0-9_-]+$/);
    const rules = await page.locator('#report details.finding').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-rule')));
    expect(rules).toEqual(expect.arrayContaining(['web/debug-page', 'web/env-exposed', 'web/csp-missing', 'web/cookie-insecure', 'web/https-redirect-missing']));
    await expect.poll(() => page.locator('#report .cap').count()).toBe(2);
    const groups = await page.locator('#report .group h3').allTextContents();
    expect(groups[0]).toMatch(/^Critical/);

    // The fix and the raw observations are one click away.
    const debugPage = page.locator('#report details.finding[data-rule="web/debug-page"]');
    await debugPage.locator('summary').first().click();
    await expect.poll(() => debugPage.locator('.fix').isVisible()).toBe(true);
    await debugPage.locator('details.raw > summary').click();
    expect(await debugPage.locator('details.raw').textContent()).toMatch(/HTTP 404/);
    await page.screenshot({ path: join(ARTIFACTS, 'serve-report.png'), fullPage: true });
    await page.evaluate('document.getElementById("result").scrollIntoView()');
    await page.screenshot({ path: join(ARTIFACTS, 'serve-result.png') });
    await page.locator('#report .summary').screenshot({ path: join(ARTIFACTS, 'serve-grade.png') });
    expect(problems).toEqual([]);
  });

  it('downloads the report as JSON, the same schema as scan --format json', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-json').click()]);
    expect(download.suggestedFilename()).toBe('deploycheck-127.0.0.1.json');
    const file = join(scratch.path, 'report.json');
    await download.saveAs(file);
    const report = JSON.parse(readFileSync(file, 'utf8')) as { kind: string; summary: { grade: string }; sites: { findings: { rule: string }[] }[] };
    expect(report.kind).toBe('scan');
    expect(report.summary.grade).toBe('F');
    expect(report.sites[0]!.findings.map((finding) => finding.rule)).toContain('web/debug-page');
  });

  it('shows an address refusal as an error on the form', async () => {
    const guarded = await serve();
    try {
      await page.goto(guarded.url);
      await page.getByLabel('URL to scan').fill('http://169.254.169.254/latest/meta-data/');
      await page.getByRole('button', { name: 'Scan' }).click();
      const error = page.locator('#form-error');
      await error.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await error.textContent()).toMatch(/^Refused: 169\.254\.169\.254: link-local/);
      await page.screenshot({ path: join(ARTIFACTS, 'serve-refused.png') });
    } finally {
      await guarded.close();
    }
  });
});
