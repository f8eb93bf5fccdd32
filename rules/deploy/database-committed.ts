/** deploy/database-committed — a database file or dump is tracked in git. */
import type { Workspace } from '../../src/api/workspace.js';
import { baseName, defineWorkspaceRule, isVendoredIn, pathContext } from '../../src/api/workspace.js';

/** Every SQLite 3 database file starts with these 16 bytes. */
const SQLITE_HEADER = 'SQLite format 3\0';
/** How much of a SQLite file is read for its schema (sqlite_master starts on page 1). */
const SCHEMA_BYTES = 64 * 1024;
const SQLITE_NAME = /\.(?:sqlite3?|db)$/i;
const SQLITE_ONLY_NAME = /\.sqlite3?$/i;
/** At most this many files are read for their header; the rest are judged by name (`.db` alone does not say SQLite). */
const MAX_READ = 50;
const DUMP_NAME = /^dump\.sql$|\.dump$/i;
const CREATE_TABLE = /CREATE TABLE (?:IF NOT EXISTS )?["'`[]?([A-Za-z_][\w$]*)/g;
/** Table names that hold accounts, credentials, sessions or people (Django's auth_user and the like). */
const SENSITIVE_TABLE = /user|auth|session|account|password|token|customer|profile|member|person|email/i;

type Inspection =
  /** Accounts or other personal rows: named by the table, or assumed when the schema cannot be seen. */
  | { kind: 'SQLite database' | 'database dump'; sensitive: true; table?: string }
  | { kind: 'SQLite database'; sensitive: false; tables: string[] }
  /** No rows yet (a 0-byte file or a schema without tables): the path is still where the app writes them. */
  | { kind: 'SQLite database'; sensitive: false; empty: true };

/**
 * What a tracked path holds, or undefined when it is no database. SQLite by name
 * (`db.sqlite3`, `*.sqlite`, `*.sqlite3`, `*.db`), confirmed by the header when the bytes can be
 * read (`.db` is also Thumbs.db and other caches), with the tables its schema shows.
 */
function inspect(workspace: Workspace, path: string, budget: { reads: number }): Inspection | undefined {
  const name = baseName(path);
  if (DUMP_NAME.test(name)) return { kind: 'database dump', sensitive: true };
  if (!SQLITE_NAME.test(name)) return undefined;
  if (budget.reads >= MAX_READ) return SQLITE_ONLY_NAME.test(name) ? { kind: 'SQLite database', sensitive: true } : undefined;
  budget.reads++;
  const head = workspace.readHead?.(path, SCHEMA_BYTES);
  // Unread bytes: only a SQLite name is taken for one (a `.db` is as often Thumbs.db or a cache).
  if (head === undefined) return SQLITE_ONLY_NAME.test(name) ? { kind: 'SQLite database', sensitive: true } : undefined;
  // A 0-byte file: what sqlite3 (and Django's first `migrate`) open and fill in place.
  if (head.length === 0) return SQLITE_ONLY_NAME.test(name) ? { kind: 'SQLite database', sensitive: false, empty: true } : undefined;
  const text = Buffer.from(head).toString('latin1');
  if (!text.startsWith(SQLITE_HEADER)) return undefined;
  const tables = [...new Set([...text.matchAll(CREATE_TABLE)].map((match) => match[1]!))].filter((table) => !table.startsWith('sqlite_'));
  // The shortest name is the telling one: auth_user rather than auth_user_user_permissions.
  const table = tables.filter((candidate) => SENSITIVE_TABLE.test(candidate)).sort((a, b) => a.length - b.length)[0];
  if (table) return { kind: 'SQLite database', sensitive: true, table };
  // The whole file read and no table in it: an empty database holds nothing yet.
  if (!tables.length) return head.length < SCHEMA_BYTES ? { kind: 'SQLite database', sensitive: false, empty: true } : { kind: 'SQLite database', sensitive: true };
  return { kind: 'SQLite database', sensitive: false, tables };
}

function describe(path: string, found: Inspection, inTests: boolean): string {
  const where = `${path} is a ${found.kind} tracked in git${inTests ? ' (in a test or fixture path)' : ''}`;
  const untrack = 'untrack it with `git rm --cached` and ignore it';
  if ('empty' in found) {
    return (
      `${path} is an empty SQLite database tracked in git: it holds no rows yet, but it is the file the app writes its ` +
      `data to, and a tracked file is committed again by the next \`git commit -a\` or \`git add .\` whatever .gitignore says; ${untrack}`
    );
  }
  if (!found.sensitive) {
    const shown = found.tables.slice(0, 3).join(', ') + (found.tables.length > 3 ? ', …' : '');
    return `${where}: its tables (${shown}) show no accounts or sessions, but everything in it ships with the repository; if it is not meant to, ${untrack}`;
  }
  const rows = found.table ? `its rows (the ${found.table} table's included)` : 'its rows (user accounts and password hashes included)';
  return `${where}: ${rows} are in the repository and its history; ${untrack}`;
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
      'file is confirmed by its header when the bytes can be read (when they cannot, only a .sqlite or .sqlite3 name ' +
      'counts), and its schema read for account, session or ' +
      'personal tables: medium when it lies in a tests or fixtures path, low when its tables show no such data (a ' +
      'search index, a lookup table shipped on purpose) or when it is empty (a 0-byte db.sqlite3, a schema without ' +
      'tables): an empty tracked database is the file the app fills on the next `migrate`, and .gitignore does not ' +
      'apply to a file git already tracks, so its rows follow with the next `git commit -a`. Past the ' +
      'first 50 database files, the rest are judged by name only (*.sqlite, *.sqlite3; not *.db).',
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
    const vendored = isVendoredIn(workspace);
    const budget = { reads: 0 };
    for (const path of workspace.files) {
      if (ctx.focus && !ctx.focus.has(path)) continue;
      // The name first: the other checks cost something on every file of a large repository.
      if (!SQLITE_NAME.test(path) && !DUMP_NAME.test(baseName(path))) continue;
      // A committed virtualenv's package data is not the project's.
      if (vendored(path) || workspace.isTracked(path) !== true) continue;
      const found = inspect(workspace, path, budget);
      if (!found) continue;
      const inTests = pathContext(path) === 'test';
      const severity = !found.sensitive ? 'low' : inTests ? 'medium' : undefined;
      ctx.report({
        message: describe(path, found, inTests),
        ...(severity ? { severity } : {}),
        location: { file: path, line: 1, column: 1 },
        snippet: `${path} ${found.kind}`,
      });
    }
  },
});
