import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/frameworks.js';
import type { Finding } from '../../../src/engine/types.js';
import { openWorkspace } from '../../../src/workspace/index.js';
import { makeRepository } from '../../helpers/project.js';

const RULE = 'deploy/database-committed';
const HEADER = 'SQLite format 3\0\x10\0\x01\x01\0@  \0\0\0\x02';
/** A SQLite file whose schema page holds Django's user table. */
const SQLITE = `${HEADER}\0\0CREATE TABLE "auth_user_groups" ("id" integer)\0tableauth_userauth_user\x03CREATE TABLE "auth_user" ("id" integer NOT NULL PRIMARY KEY)`;

/** A git repository with `tracked` committed and `untracked` only written. */
function repository(tracked: Record<string, string>, untracked: Record<string, string> = {}): string {
  const root = makeRepository({ 'app.py': '', ...tracked });
  for (const [path, content] of Object.entries(untracked)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function findings(root: string): Promise<Finding[]> {
  const result = await runCheck({ root, only: [RULE] });
  expect(result.errors).toEqual([]);
  return result.findings;
}

describe('deploy/database-committed', () => {
  it('reports a tracked SQLite database high, and a dump, naming the fix', async () => {
    const found = await findings(repository({ 'db.sqlite3': SQLITE, 'backups/dump.sql': 'INSERT INTO auth_user VALUES (1);\n', 'data/app.db': SQLITE }));
    expect(found.map((finding) => [finding.location, finding.severity])).toEqual([
      [{ file: 'backups/dump.sql', line: 1, column: 1 }, 'high'],
      [{ file: 'data/app.db', line: 1, column: 1 }, 'high'],
      [{ file: 'db.sqlite3', line: 1, column: 1 }, 'high'],
    ]);
    expect(found[2]!.message).toBe(
      "db.sqlite3 is a SQLite database tracked in git: its rows (the auth_user table's included) are in the repository and its history; untrack it with `git rm --cached` and ignore it",
    );
    expect(found[0]!.message).toMatch(/^backups\/dump\.sql is a database dump tracked in git/);
  });

  it('is medium in a tests or fixtures path', async () => {
    const [finding] = await findings(repository({ 'tests/fixtures/sample.sqlite': SQLITE }));
    expect(finding).toMatchObject({ severity: 'medium', location: { file: 'tests/fixtures/sample.sqlite' } });
    expect(finding!.message).toContain('(in a test or fixture path)');
  });

  it('is low for a SQLite file whose schema shows no account, session or personal tables', async () => {
    const index = `${HEADER}\0\0CREATE TABLE 'docs_content'(id INTEGER PRIMARY KEY, c0)\0CREATE TABLE 'docs_idx'(segid, term)`;
    const [finding] = await findings(repository({ 'search.db': index }));
    expect(finding!.severity).toBe('low');
    expect(finding!.message).toContain('its tables (docs_content, docs_idx) show no accounts or sessions');
  });

  it('reports an empty tracked database (0 bytes, or a schema without tables) low: the app fills it in place', async () => {
    const found = await findings(repository({ 'db.sqlite3': '', 'data/fresh.sqlite': HEADER, 'cache/empty.db': '' }));
    expect(found.map((finding) => [finding.location && 'file' in finding.location ? finding.location.file : '', finding.severity]).sort()).toEqual([
      ['data/fresh.sqlite', 'low'],
      ['db.sqlite3', 'low'],
    ]);
    expect(found.find((finding) => finding.message.startsWith('db.sqlite3'))?.message).toContain('empty SQLite database tracked in git: it holds no rows yet');
  });

  it('does not report an untracked or ignored database, a .db that is not SQLite, an empty .db, or a committed virtualenv', async () => {
    const root = repository(
      {
        '.gitignore': 'ignored.sqlite3\n',
        'Thumbs.db': '\xd0\xcf\x11\xe0 thumbnail cache',
        'empty.db': '',
        'venv/lib/site-packages/pkg/test.sqlite3': SQLITE,
        // A virtualenv named otherwise, known by its pyvenv.cfg.
        'myenv/pyvenv.cfg': 'home = /usr/bin\n',
        'myenv/share/pkg/data.sqlite3': SQLITE,
      },
      { 'db.sqlite3': SQLITE, 'ignored.sqlite3': SQLITE },
    );
    expect(await findings(root)).toEqual([]);
  });

  it('reads the staged bytes with --staged: a SQLite blob is reported, Thumbs.db and a cache are not', async () => {
    const root = repository({ 'db.sqlite3': SQLITE, 'data/app.db': SQLITE, 'img/Thumbs.db': 'not a database at all', 'cache/pip.db': 'x'.repeat(20) });
    // Changed after staging: the working-tree bytes are not the staged ones, so the blob is read.
    writeFileSync(join(root, 'data/app.db'), 'replaced on disk');
    const result = await runCheck({ root, only: [RULE], source: 'index' });
    expect(result.findings.map((finding) => [finding.location && 'file' in finding.location ? finding.location.file : '', finding.severity]).sort()).toEqual([
      ['data/app.db', 'high'],
      ['db.sqlite3', 'high'],
    ]);
  });
});

describe('workspace readHead', () => {
  it('reads only regular files, and staged blobs in an index workspace', () => {
    const root = repository({ 'a.db': SQLITE });
    // A device reads endlessly: no head to take for a file's.
    symlinkSync('/dev/zero', join(root, 'zero.db'));
    expect(openWorkspace(root).readHead?.('zero.db', 16)).toBeUndefined();
    expect(Buffer.from(openWorkspace(root).readHead!('a.db', 16)!).toString('latin1')).toBe('SQLite format 3\0');
    writeFileSync(join(root, 'a.db'), 'changed');
    const staged = openWorkspace(root, { source: 'index' });
    expect(Buffer.from(staged.readHead!('a.db', 16)!).toString('latin1')).toBe('SQLite format 3\0');
    expect(staged.readHead!('missing.db', 16)).toBeUndefined();
  });
});

describe('deploy/database-committed read budget', () => {
  it('reads the header of at most 50 files and judges the rest by name', async () => {
    // 50 files named like databases but not SQLite use up the reads: a later *.sqlite3 is reported unread, a later *.db is not.
    const empty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`a/${String(i).padStart(2, '0')}.sqlite3`, 'not sqlite']));
    const found = await findings(repository({ ...empty, 'z/late.sqlite3': '', 'z/late.db': '' }));
    expect(found.map((finding) => [finding.location, finding.severity])).toEqual([[{ file: 'z/late.sqlite3', line: 1, column: 1 }, 'high']]);
    const fewer = await findings(repository({ 'z/late.sqlite3': 'not sqlite', 'z/late.db': '' }));
    expect(fewer).toEqual([]);
  });
});
