/**
 * Literal admin passwords in what a deployment runs: `DJANGO_SUPERUSER_PASSWORD=…` (read by
 * `createsuperuser --noinput`) and `create_superuser(…, 'password')` in a script or a deploy file.
 */
import type { FileLocation } from '../core/location.js';
import type { DeployFacts } from '../deploy/types.js';
import { baseName } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';

export interface LiteralPassword {
  /** The variable or call that carries it. */
  carrier: string;
  value: string;
  location: FileLocation;
  /** How production reaches it (the deploy command that runs the management command holding it). */
  related?: { location: FileLocation; message: string }[];
  /** Only some paths of the script that runs it reach it. */
  conditional?: boolean;
  /** Whose password it is when not the admin's (`set_password()` on any account). */
  account?: string;
}

/** DJANGO_SUPERUSER_PASSWORD (Django's own), SUPERUSER_PASSWORD, ADMIN_PASSWORD, DJANGO_ADMIN_PASSWORD. */
const PASSWORD_VARIABLE = /^(?:DJANGO_)?(?:SUPERUSER|ADMIN)_PASSWORD$/i;
/** An assignment to one of those names; case-sensitive, so `superuser_password = …` in Python code is not one. */
const ASSIGNMENT = /\b((?:DJANGO_)?(?:SUPERUSER|ADMIN)_PASSWORD)\s*=\s*(?:"([^"\s$`]+)"|'([^'\s]+)'|([^\s"'$`;&|]+))/g;
/** An unquoted value that is code or a reference (`os.environ.get(`, `settings.X`, `env[…]`, `${X}`), not a literal. */
const CODE_VALUE = /[(.[$]/;
const CREATE_SUPERUSER = /\bcreate_superuser\s*\(([^)]*)\)/g;
const STRING_ARGUMENT = /^(?:(\w+)\s*=\s*)?(?:'([^'\\]*)'|"([^"\\]*)")$/;
/** Script files a deploy file may run: shell scripts and the usual entrypoint, start and build names. */
const SCRIPT_NAME = /\.(?:sh|bash)$|^(?:docker-)?entrypoint|^(?:start|build|release|deploy|run|prestart)(?:\.[a-z]+)?$/i;
const MAX_SCRIPTS = 50;

/** Whether a text names a file as a command or path would (`./build.sh`, `/entrypoint.sh`, `bash start`), not inside a longer word. */
function namesFile(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[\\s/"'=:\\[,])${escaped}(?=$|[\\s"';&|)\\],])`, 'm').test(text);
}

export function isLiteralPassword(value: string | undefined): value is string {
  return value !== undefined && value !== '' && !value.includes('$') && !value.startsWith('<');
}

/** The password argument of a `create_superuser(username, email, password)` call, when it is a string literal. */
function createSuperuserPassword(args: string): string | undefined {
  const parts = args.split(',').map((part) => part.trim()).filter(Boolean);
  let position = 0;
  for (const part of parts) {
    const match = STRING_ARGUMENT.exec(part);
    const keyword = match?.[1] ?? /^(\w+)\s*=/.exec(part)?.[1];
    const value = match ? (match[2] ?? match[3]) : undefined;
    if (keyword === 'password' || (!keyword && position === 2)) return isLiteralPassword(value) ? value : undefined;
    if (!keyword) position++;
  }
  return undefined;
}

/** Literal passwords in a script's or deploy file's text, skipping comment lines. */
export function literalPasswordsInText(file: string, text: string): LiteralPassword[] {
  const found: LiteralPassword[] = [];
  // In Python an unquoted right-hand side is always code: only a string literal is a literal password.
  const python = file.endsWith('.py');
  text.split('\n').forEach((line, index) => {
    if (/^\s*(?:#|\/\/)/.test(line)) return;
    const at = (offset: number): FileLocation => ({ file, line: index + 1, column: offset + 1 });
    for (const match of line.matchAll(ASSIGNMENT)) {
      const unquoted = match[4];
      if (unquoted !== undefined && (python || CODE_VALUE.test(unquoted))) continue;
      const value = match[2] ?? match[3] ?? unquoted;
      if (isLiteralPassword(value)) found.push({ carrier: match[1]!, value, location: at(match.index) });
    }
    for (const match of line.matchAll(CREATE_SUPERUSER)) {
      const value = createSuperuserPassword(match[1]!);
      if (value) found.push({ carrier: 'create_superuser()', value, location: at(match.index) });
    }
  });
  return found;
}

/**
 * Every literal admin password the deployment carries: variables the deploy files set, and the
 * texts of the deploy files and of the scripts they name (`./build.sh`, `ENTRYPOINT ["/entrypoint.sh"]`).
 */
export function literalAdminPasswords(deploy: DeployFacts, workspace: Workspace): LiteralPassword[] {
  const found: LiteralPassword[] = [];
  for (const variable of deploy.env) {
    if (PASSWORD_VARIABLE.test(variable.name) && isLiteralPassword(variable.value) && variable.source.location) {
      found.push({ carrier: variable.name, value: variable.value, location: variable.source.location });
    }
  }
  const deployTexts = deploy.files.map((file) => ({ path: file.path, read: workspace.readText(file.path) }));
  const mentioned = deployTexts.map(({ read }) => (read.ok ? read.text : '')).join('\n');
  const scripts = workspace.files
    .filter((path) => SCRIPT_NAME.test(baseName(path)) && namesFile(mentioned, baseName(path)))
    .slice(0, MAX_SCRIPTS);
  for (const { path, read } of deployTexts) if (read.ok) found.push(...literalPasswordsInText(path, read.text));
  for (const path of scripts) {
    const read = workspace.readText(path);
    if (read.ok) found.push(...literalPasswordsInText(path, read.text));
  }
  // A Dockerfile ENV line is both a deploy variable and a text match: one finding per line.
  const seen = new Set<string>();
  return found.filter((hit) => {
    const key = `${hit.location.file}:${hit.location.line}:${hit.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
