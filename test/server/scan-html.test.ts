/** The HTML scan report: `scan --format html`, with everything the site sent escaped. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startHttp } from '../probe/servers.js';
import type { Running } from '../probe/servers.js';

describe('scan --format html', () => {
  let site: Running;
  beforeAll(async () => {
    site = await startHttp((req, res) => {
      res.writeHead(req.url === '/' ? 200 : 404, {
        'content-type': 'text/html',
        server: 'nginx/1.2 <img src=x onerror=alert(1)>',
        'set-cookie': 'sessionid=s3cr3tvalue42; Path=/',
      });
      res.end('<title>x</title>');
    });
  });
  afterAll(() => site?.close());

  it('writes a standalone report: grade, grouped findings with why and fix, no script, hostile values escaped', async () => {
    const run = await runCli('scan', site.url, '--format', 'html', '--timeout', '3', '--budget', '10', '--fail-on', 'none');
    expect(run.code, run.stderr).toBe(0);
    const html = run.stdout;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toMatch(/<div class="grade grade-[a-f]" aria-label="grade [A-F][+-]?">/);
    expect(html).toContain('data-rule="web/server-version-leak"');
    expect(html).toContain('<h3>Low');
    expect(html).toContain('<h4>Why it matters</h4>');
    expect(html).toContain('SESSION_COOKIE_SECURE = True');
    expect(html).toContain('nginx/1.2 &lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('sessionid=&lt;13 characters&gt;');
    expect(html).not.toContain('s3cr3tvalue42');
  });

  it('shows under a finding the probes its rule declares, and only under that rule', async () => {
    const run = await runCli('scan', site.url, '--format', 'html', '--timeout', '3', '--budget', '10', '--fail-on', 'none');
    const sections = run.stdout.split('data-rule="').slice(1);
    const section = (rule: string) => sections.find((text) => text.startsWith(`${rule}"`)) ?? '';
    // The site answers any Host: web/allowed-hosts-wildcard declares the bogus-host probe it judges.
    expect(section('web/allowed-hosts-wildcard')).toContain('probe bogus-host');
    expect(section('web/server-version-leak')).not.toContain('probe bogus-host');
    expect(section('web/server-version-leak')).toContain('probe page');
  });

  it('is listed among the formats', async () => {
    const run = await runCli('scan', site.url, '--format', 'xml');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pretty, json, html');
  });
});
