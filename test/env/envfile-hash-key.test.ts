/**
 * fixtures/envfile-hash-key: a Django project with a committed .env holding a 50-character key with
 * `#` in it. Read the way its loader reads it, the key is whole: the committed-key findings carry
 * the full (masked) key and no weak-key finding is made about a 2-character key.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/frameworks.js';
import { FIXTURES_DIR } from '../oracle/django-oracle.js';

const KEY = 'q8#n2v!xk3@m7^z(p5&w1*r8)t4-y6_h0=b#j3+c9%d2f8g1sk';
const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** The fixture as a git repository with everything committed; `edit` changes files first. */
function committedCopy(edit: (root: string) => void = () => {}): string {
  const root = mkdtempSync(join(tmpdir(), 'deploycheck-hash-'));
  copies.push(root);
  cpSync(join(FIXTURES_DIR, 'envfile-hash-key'), root, { recursive: true });
  edit(root);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A', '-f');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'fixture');
  return root;
}

function keyFindings(findings: Awaited<ReturnType<typeof runCheck>>['findings']) {
  const json = JSON.stringify(findings);
  return {
    rules: findings.map((finding) => finding.rule),
    weak: findings.filter((finding) => finding.rule === 'django/secret-key-weak'),
    committedKey: findings.filter((finding) => finding.rule === 'env/file-committed' && finding.location && 'file' in finding.location && finding.location.line === 2),
    leaksKey: json.includes(KEY) || json.includes('q8#n2v!x'),
  };
}

describe('fixtures/envfile-hash-key', () => {
  it('has the key with # in its committed .env', () => {
    expect(readFileSync(join(FIXTURES_DIR, 'envfile-hash-key/.env'), 'utf8')).toContain(`SECRET_KEY=${KEY}\n`);
  });

  for (const [loader, edit] of [
    ['django-environ read_env', () => {}],
    [
      'python-dotenv load_dotenv',
      (root: string) => {
        const settings = join(root, 'hashsite/settings.py');
        const text = readFileSync(settings, 'utf8')
          .replace('import environ\n', 'import environ\nfrom dotenv import load_dotenv\n')
          .replace("environ.Env.read_env(BASE_DIR / '.env')", "load_dotenv(BASE_DIR / '.env')");
        writeFileSync(settings, text);
      },
    ],
  ] as const) {
    it(`reports the committed key whole, masked, and no weak key (${loader})`, async () => {
      const { findings } = await runCheck({ root: committedCopy(edit) });
      const found = keyFindings(findings);
      expect(found.weak).toEqual([]);
      expect(found.committedKey).toHaveLength(1);
      const [committed] = found.committedKey;
      expect(committed?.message).toMatch(/SECRET_KEY/);
      // The whole 50-character key, masked.
      expect(committed?.evidence).toMatch(/^q8.{0,3}… \(50 chars\)$/);
      expect(found.leaksKey).toBe(false);
    });
  }

  for (const [how, edit] of [
    ['the project pins django-environ 0.11', (root: string) => writeFileSync(join(root, 'requirements.txt'), 'Django==3.2.25\ndjango-environ==0.11.2\n')],
    [
      'read_env(parse_comments=True)',
      (root: string) => {
        const settings = join(root, 'hashsite/settings.py');
        writeFileSync(settings, readFileSync(settings, 'utf8').replace("read_env(BASE_DIR / '.env')", "read_env(BASE_DIR / '.env', parse_comments=True)"));
      },
    ],
  ] as const) {
    it(`sees the 2-character key production gets when ${how}`, async () => {
      const { findings } = await runCheck({ root: committedCopy(edit) });
      const weak = findings.filter((finding) => finding.rule === 'django/secret-key-weak');
      expect(weak).toHaveLength(1);
      expect(weak[0]!.message).toMatch(/2 characters|shorter than 50/);
      expect(JSON.stringify(findings)).not.toContain(KEY);
    });
  }

  it('reads the same .env as npm dotenv does in a Node project: a 2-character value, no secret', async () => {
    // A Node project around the same .env: npm dotenv ends the value at `#`, so the app never sees the key.
    const { findings } = await runCheck({
      root: committedCopy((root) => {
        for (const file of ['manage.py', 'requirements.txt', 'Procfile']) rmSync(join(root, file));
        rmSync(join(root, 'hashsite'), { recursive: true });
        writeFileSync(join(root, 'package.json'), '{ "name": "hash", "dependencies": { "dotenv": "16" } }\n');
        writeFileSync(join(root, 'index.js'), "require('dotenv').config();\n");
      }),
    });
    expect(findings.filter((finding) => finding.rule === 'env/file-committed')).toEqual([]);
  });
});
