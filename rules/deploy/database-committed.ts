/** deploy/database-committed — a database file or dump is tracked in git. */
import { defineWorkspaceRule } from '../../src/engine/types.js';
import { pathContext } from '../../src/secrets/paths.js';
import { baseName } from '../../src/workspace/paths.js';
import { inVendoredDir } from '../../src/workspace/vendored.js';
import type { Workspace } from '../../src/workspace/types.js';

/** Every SQLite 3 database file starts with these 16 bytes. */
const SQLITE_HEADER = 'SQLite format 3\0';
const SQLITE_NAME = /\.(?:sqlite3?|db)$/i;
const DUMP_NAME = /^dump\.sql$|\.dump$/i;

/**
 * What kind of database file a tracked path holds, or undefined when it is none. SQLite by name
 * (`db.sqlite3`, `*.sqlite`, `*.sqlite3`, `*.db`), confirmed by the header when the bytes can be
 * read: `.db` is also the extension of Thumbs.db and other caches, and an empty file holds no data.
 */
function databaseKind(workspace: Workspace, path: string): 'SQLite database' | 'database dump' | undefined {
  const name = baseName(path);
  if (DUMP_NAME.test(name)) return 'database dump';
  if (!SQLITE_NAME.test(name)) return undefined;
  const head = workspace.readHead?.(path, SQLITE_HEADER.length);
  if (head === undefined) return 'SQLite database';
  return Buffer.from(head).toString('latin1') === SQLITE_HEADER ? 'SQLite database' : undefined;
}

export default defineWorkspaceRule({
  id: 'deploy/database-committed',
  title: 'A database file is committed',
  severity: 'high',
  docs: {
    why:
      'A development database (db.sqlite3, *.sqlite, a SQLite *.db) or a dump (dump.sql, *.dump) in git ships its ' +
      'rows to everyone who can read the repository: user accounts with their password hashes (crackable offline, ' +
      'and often the same passwords as production), sessions, API tokens stored in tables, personal data. Deleting ' +
      'the file later does not remove it from the history. A database deployed from the repository also resets ' +
      'production data on every deploy. Reported for files git tracks (not untracked or ignored ones); a SQLite ' +
      'file is confirmed by its header when the bytes can be read. Medium when it lies in a tests or fixtures path.',
    fix:
      'Untrack it, ignore it, and treat what it held as leaked (reset passwords of real accounts, rotate tokens):\n\n' +
      'git rm --cached db.sqlite3\necho "db.sqlite3" >> .gitignore\n\n' +
      'Ship test data as fixtures (manage.py dumpdata of non-sensitive models) or a seeding script instead. To ' +
      'remove it from the history, use git filter-repo.',
    refs: [
      'https://git-scm.com/docs/git-rm',
      'https://git-scm.com/docs/gitignore',
      'https://www.sqlite.org/fileformat.html#the_database_header',
      'https://docs.djangoproject.com/en/stable/howto/initial-data/',
    ],
  },
  check(ctx) {
    const { workspace } = ctx;
    for (const path of workspace.files) {
      if (ctx.focus && !ctx.focus.has(path)) continue;
      // A committed virtualenv's package data is not the project's.
      if (inVendoredDir(path) || workspace.isTracked(path) !== true) continue;
      const kind = databaseKind(workspace, path);
      if (!kind) continue;
      const inTests = pathContext(path) === 'test';
      ctx.report({
        message:
          `${path} is a ${kind} tracked in git${inTests ? ' (in a test or fixture path)' : ''}: its rows (user accounts ` +
          'and password hashes included) are in the repository and its history; untrack it with `git rm --cached` and ignore it',
        ...(inTests ? { severity: 'medium' as const } : {}),
        location: { file: path, line: 1, column: 1 },
        snippet: `${path} ${kind}`,
      });
    }
  },
});
