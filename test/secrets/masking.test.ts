import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FORMATS } from '../../src/report/index.js';
import { scanText } from '../../src/secrets/scanner.js';

const FIXTURE = 'fixtures/secrets';

/** Every secret planted in the fixture, as the scanner sees it (the PEM bodies included). */
function plantedSecrets(): string[] {
  const secrets = new Set<string>();
  for (const entry of readdirSync(FIXTURE, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = relative(FIXTURE, join(entry.parentPath, entry.name));
    for (const hit of scanText(readFileSync(join(FIXTURE, file), 'utf8'), file)) secrets.add(hit.secret);
  }
  return [...secrets];
}

describe('secrets never appear in full in any output format', () => {
  const secrets = plantedSecrets();

  it.each(FORMATS)('%s', async (format) => {
    const run = await runCli('check', FIXTURE, '--format', format, '--verbose', '--fail-on', 'none');
    const output = run.stdout + run.stderr;
    expect(output.length).toBeGreaterThan(200);
    expect(output).toMatch(/secrets\/known-format/);
    for (const secret of secrets) {
      // The secret and its JSON/XML-escaped forms; its last 9 characters (the random tail, past any public prefix) never show.
      for (const form of [secret, JSON.stringify(secret).slice(1, -1), secret.replace(/&/g, '&amp;').replace(/</g, '&lt;')]) {
        expect(output.includes(form), `${format} shows ${secret.slice(0, 4)}…`).toBe(false);
        expect(output.includes(form.trimEnd().slice(-9)), `${format} shows the end of ${secret.slice(0, 4)}…`).toBe(false);
      }
    }
  });

  it('shows at most the first 4 characters and the length', async () => {
    const run = await runCli('check', FIXTURE, '--format', 'json', '--fail-on', 'none');
    const report = JSON.parse(run.stdout) as { findings: { rule: string; evidence?: string }[] };
    const stripe = report.findings.find((finding) => finding.evidence?.startsWith('sk_l'));
    expect(stripe?.evidence).toMatch(/^sk_l… \(\d+ chars\)$/);
  });
});
