/**
 * A finding's fingerprint is its rule, its file and what it is about: moving lines in the reported file and
 * in every related file, or changing values nothing reads, must not change it; two problems never share one.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/frameworks.js';
import type { Finding } from '../../src/engine/types.js';
import { makeProject } from '../helpers/project.js';
import { FIXTURES_DIR } from '../oracle/django-oracle.js';
import { hardenedProject, hardenedSettings } from '../policy/helpers.js';

function copyOf(dir: string): string {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files[relative(dir, join(entry.parentPath, entry.name))] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return makeProject(files);
}

/** Many rules at once: insecure settings reading a committed .env.production, and a compose file. */
function broadProject(): string {
  return hardenedProject({
    'shop/settings.py': hardenedSettings({
      'DEBUG = False': "DEBUG = os.environ.get('DEBUG', 'True')",
      "ALLOWED_HOSTS = ['shop.example.com', 'www.shop.example.com']": "ALLOWED_HOSTS = os.environ.get('HOSTS', '*').split(',')",
      "SECRET_KEY = os.environ['SECRET_KEY']": "SECRET_KEY = os.environ.get('SECRET_KEY', 'short')\nSECURE_HSTS_SECONDS = int(os.environ.get('HSTS', '0'))",
      'SECURE_SSL_REDIRECT = True': "SECURE_SSL_REDIRECT = os.environ.get('REDIRECT') == '1'\nCORS_ALLOW_ALL_ORIGINS = True\nCSRF_TRUSTED_ORIGINS = ['http://a.example.com', 'http://b.example.com']\nWORKERS = int('many')\nTHREADS = int('many')",
    }),
    '.env.production': 'DEBUG=True\nHOSTS=*\nHSTS=0\nREDIRECT=0\nSTRIPE_SECRET=sk_live_9fQ2xLm7Rt4Vb8Nc3Kd6Wp1Z\n',
    'docker-compose.yml': 'services:\n  web:\n    build: .\n    command: python manage.py runserver 0.0.0.0:8000\n    env_file: .env.production\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: postgres\n',
  });
}

const sources: [string, () => string][] = [
  ...readdirSync(FIXTURES_DIR, { withFileTypes: true })
    // hardened fixtures have no findings: nothing to compare.
    .filter((entry) => entry.isDirectory() && !entry.name.endsWith('hardened'))
    .map((entry): [string, () => string] => [entry.name, () => copyOf(join(FIXTURES_DIR, entry.name))]),
  ['broad', broadProject],
];

function filesOf(finding: Finding): string[] {
  return [finding.location, ...finding.related.map((note) => note.location)].flatMap((location) => ('file' in location ? [location.file] : []));
}

/** Shift every line of the file down and add a value nothing reads, in the file's own syntax. */
function edit(path: string): void {
  const text = readFileSync(path, 'utf8');
  const name = basename(path);
  let padding = '\n\n';
  if (name.endsWith('.py')) padding = '# moved down\n\nUNREAD_BY_ANYONE = 1\n\n';
  else if (name.startsWith('.env')) padding = '# moved down\nUNREAD_BY_ANYONE=1\n\n';
  else if (/\.(ya?ml|toml)$|^Dockerfile|^Procfile$|^\.gitignore$|^\.dockerignore$/.test(name)) padding = '# moved down\n\n';
  // A shebang must stay on the first line.
  const shebang = text.startsWith('#!') ? text.slice(0, text.indexOf('\n') + 1) : '';
  writeFileSync(path, `${shebang}${padding}${text.slice(shebang.length)}`);
}

const fingerprints = (findings: Finding[]) => findings.map((finding) => `${finding.rule} ${finding.fingerprint}`).sort();

describe('fingerprints', () => {
  it.each(sources)('%s: survive moved lines and unread values, and no two problems share one', async (_name, make) => {
    const root = make();
    const before = (await runCheck({ root })).findings;
    expect(before.length).toBeGreaterThan(0);

    // The run reports a problem once even when projects share its file: one fingerprint, one finding.
    expect(new Set(before.map((finding) => finding.fingerprint)).size).toBe(before.length);

    const touched = new Set(before.flatMap(filesOf).filter((file) => existsSync(join(root, file))));
    for (const file of touched) edit(join(root, file));
    const after = (await runCheck({ root })).findings;
    expect(fingerprints(after)).toEqual(fingerprints(before));
  }, 60_000);

  it('change when the finding is about something else', async () => {
    const root = broadProject();
    const before = new Map((await runCheck({ root })).findings.map((finding) => [finding.rule, finding.fingerprint]));
    writeFileSync(
      join(root, 'shop/settings.py'),
      readFileSync(join(root, 'shop/settings.py'), 'utf8').replace("['http://a.example.com', 'http://b.example.com']", "['http://c.example.com']"),
    );
    const after = new Map((await runCheck({ root })).findings.map((finding) => [finding.rule, finding.fingerprint]));
    expect(after.get('django/csrf-trusted-origins-insecure')).toBeDefined();
    expect(after.get('django/csrf-trusted-origins-insecure')).not.toBe(before.get('django/csrf-trusted-origins-insecure'));
    expect(after.get('django/debug')).toBe(before.get('django/debug'));
  }, 60_000);
});
