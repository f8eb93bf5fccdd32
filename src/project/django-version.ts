import type { FileLocation } from '../engine/types.js';
import { joinPath, resolveFrom } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import type { DjangoVersion } from './types.js';
import { NEWEST_LTS } from './version.js';
import { compareText } from '../engine/compare.js';

const CLAUSE = /^(===|==|~=|>=|>|\^|~|)\s*v?(\d+)(?:\.(\d+|\*))?/;

/**
 * The major.minor a version specifier admits at least: `==3.2.25` → 3.2, `>=4.2,<5.0` → 4.2,
 * `~=5.0`, `^4.2` (Poetry) → the lower bound. undefined for `*` or upper bounds only.
 */
export function specifierVersion(specifier: string): string | undefined {
  for (const raw of specifier.replace(/[()]/g, '').split(',')) {
    const clause = raw.trim();
    if (clause.startsWith('<') || clause.startsWith('!=')) continue;
    const match = CLAUSE.exec(clause);
    if (!match) continue;
    const minor = match[3] === undefined || match[3] === '*' ? '0' : String(Number(match[3]));
    return `${Number(match[2])}.${minor}`;
  }
  return undefined;
}

/** A PEP 508 requirement naming Django (not django-environ &c.): its specifier part, else undefined. */
export function djangoRequirementSpecifier(requirement: string): string | undefined {
  const match = /^\s*django\s*(?:\[[^\]]*\])?\s*(?=[=<>~!(;\s]|$)([^;#]*)/i.exec(requirement);
  return match ? match[1]!.trim() : undefined;
}

interface Found {
  version: string;
  source: FileLocation;
}

function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** poetry.lock / uv.lock: the `version` of the `[[package]]` named django. */
function fromLockFile(file: string, text: string): Found | undefined {
  const all = lines(text);
  for (let index = 0; index < all.length; index++) {
    if (!/^\s*name\s*=\s*["']django["']\s*$/i.test(all[index]!)) continue;
    for (let next = index + 1; next < all.length && !/^\s*\[/.test(all[next]!); next++) {
      const version = /^(\s*version\s*=\s*["'])(\d+)\.(\d+)/.exec(all[next]!);
      if (version) return { version: `${version[2]}.${Number(version[3])}`, source: { file, line: next + 1, column: version[1]!.length + 1 } };
    }
  }
  return undefined;
}

/** Pipfile.lock (JSON): `"django": { …, "version": "==4.2.7" }`. */
function fromPipfileLock(file: string, text: string): Found | undefined {
  const match = /"django"\s*:\s*\{[^}]*?"version"\s*:\s*"==(\d+)\.(\d+)/i.exec(text);
  if (!match) return undefined;
  const line = text.slice(0, match.index).split('\n').length;
  return { version: `${match[1]}.${Number(match[2])}`, source: { file, line, column: 1 } };
}

/** requirements.txt / setup.cfg style: one requirement per line; `-r other.txt` lines are returned as includes. */
function fromRequirementLines(file: string, text: string, includes?: string[]): Found | undefined {
  const all = lines(text);
  for (let index = 0; index < all.length; index++) {
    const line = all[index]!.replace(/\s+#.*$/, '');
    const include = /^\s*(?:-r|--requirement)[\s=]+(\S+)/.exec(line);
    if (include) {
      includes?.push(include[1]!);
      continue;
    }
    const specifier = djangoRequirementSpecifier(line.replace(/^\s*install_requires\s*=/, ''));
    const version = specifier === undefined ? undefined : specifierVersion(specifier);
    if (version) return { version, source: { file, line: index + 1, column: line.search(/django/i) + 1 } };
  }
  return undefined;
}

/** pyproject.toml / Pipfile: a quoted PEP 508 string (`"Django>=4.2"`) or a key (`django = "^4.2"`, `django = { version = "^4.2" }`). */
function fromTomlLines(file: string, text: string): Found | undefined {
  const all = lines(text);
  for (let index = 0; index < all.length; index++) {
    const line = all[index]!;
    const key = /^\s*["']?django["']?\s*=\s*(?:["']([^"']*)["']|\{[^}]*?version\s*=\s*["']([^"']*)["'])/i.exec(line);
    const specifier = key ? (key[1] ?? key[2])! : undefined;
    let version = specifier === undefined ? undefined : specifierVersion(specifier);
    let column = line.search(/django/i) + 1;
    if (!version) {
      for (const quoted of line.matchAll(/["']([^"']*)["']/g)) {
        const requirement = djangoRequirementSpecifier(quoted[1]!);
        version = requirement === undefined ? undefined : specifierVersion(requirement);
        if (version) {
          column = quoted.index + 2;
          break;
        }
      }
    }
    if (version) return { version, source: { file, line: index + 1, column } };
  }
  return undefined;
}

/** Requirement files in a directory, production-looking ones first, then requirements.txt, then the rest. */
function requirementFiles(workspace: Workspace, dir: string): string[] {
  const prefix = dir === '' ? '' : `${dir}/`;
  const found = workspace.files.filter((path) => {
    if (!path.startsWith(prefix) || !path.endsWith('.txt')) return false;
    const rest = path.slice(prefix.length);
    return /^requirements[^/]*\.txt$/.test(rest) || /^requirements\/[^/]+\.txt$/.test(rest);
  });
  const rank = (path: string): number => (/prod/i.test(path) ? 0 : /(^|\/)requirements\.txt$/.test(path) ? 1 : /base|common/i.test(path) ? 2 : 3);
  return found.sort((a, b) => rank(a) - rank(b) || compareText(a, b));
}

function searchDir(workspace: Workspace, dir: string): Found | undefined {
  const read = (name: string): string | undefined => {
    const result = workspace.readText(joinPath(dir, name));
    return result.ok ? result.text : undefined;
  };
  const attempt = (name: string, parse: (file: string, text: string) => Found | undefined): Found | undefined => {
    const text = workspace.exists(joinPath(dir, name)) ? read(name) : undefined;
    return text === undefined ? undefined : parse(joinPath(dir, name), text);
  };
  const locked =
    attempt('poetry.lock', fromLockFile) ?? attempt('uv.lock', fromLockFile) ?? attempt('Pipfile.lock', fromPipfileLock);
  if (locked) return locked;
  for (const file of requirementFiles(workspace, dir)) {
    const includes: string[] = [];
    const text = workspace.readText(file);
    if (!text.ok) continue;
    const found = fromRequirementLines(file, text.text, includes);
    if (found) return found;
    for (const include of includes) {
      const path = resolveFrom(file, include);
      if (path === undefined) continue;
      const included = workspace.readText(path);
      const fromInclude = included.ok ? fromRequirementLines(path, included.text) : undefined;
      if (fromInclude) return fromInclude;
    }
  }
  return (
    attempt('pyproject.toml', fromTomlLines) ??
    attempt('Pipfile', fromTomlLines) ??
    attempt('setup.cfg', fromRequirementLines) ??
    // setup.py: install_requires=["Django>=2.2,<3"], read as quoted PEP 508 strings (never executed).
    attempt('setup.py', fromTomlLines)
  );
}

/**
 * The Django version a project pins, read from lock files, requirements, pyproject.toml, Pipfile,
 * setup.cfg or setup.py in the project root, then the workspace root; the newest LTS when none says.
 */
export function findDjangoVersion(workspace: Workspace, projectRoot: string): DjangoVersion {
  const dirs = projectRoot === '' ? [''] : [projectRoot, ''];
  for (const dir of dirs) {
    const found = searchDir(workspace, dir);
    if (found) return found;
  }
  return { version: NEWEST_LTS };
}
