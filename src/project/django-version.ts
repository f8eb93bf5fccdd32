import type { FileLocation } from '../core/location.js';
import { joinPath, resolveFrom } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import type { DjangoVersion } from './types.js';
import { NEWEST_LTS } from './version.js';
import { compareText } from '../core/compare.js';

const CLAUSE = /^(===|==|~=|>=|<=|!=|>|<|\^|~|)\s*v?(\d+)(?:\.(\d+|\*))?(?:\.(\d+|\*))?/;

/** Django's feature releases (major.minor) in order: pip installs the newest one a specifier admits. */
const RELEASES = ['1.11', '2.0', '2.1', '2.2', '3.0', '3.1', '3.2', '4.0', '4.1', '4.2', '5.0', '5.1', '5.2', '6.0'];

type Minor = [number, number];
const below = (a: Minor, b: Minor): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
const text = ([major, minor]: Minor): string => `${major}.${minor}`;

/**
 * The major.minor production installs for a version specifier: an exact pin (`==3.2.25`, `==4.2.*`)
 * is that version; a range is the newest feature release it admits, as pip would pick
 * (`>=4.2,<5.0` → 4.2, `~=3.0` → 3.2, `^4.2` (Poetry) → 4.2, `<3` → 2.2); an open-ended lower
 * bound (`>=2.2`) is that bound. undefined for `*` or nothing.
 */
export function specifierVersion(specifier: string): string | undefined {
  let lower: Minor | undefined;
  /** Exclusive: every admitted version's major.minor is below it. */
  let upper: Minor | undefined;
  const raise = (bound: Minor) => {
    if (!lower || below(lower, bound)) lower = bound;
  };
  const cap = (bound: Minor) => {
    if (!upper || below(bound, upper)) upper = bound;
  };
  for (const raw of specifier.replace(/[()]/g, '').split(',')) {
    const match = CLAUSE.exec(raw.trim());
    if (!match) continue;
    const [, op, majorText, minorText, patchText] = match;
    const major = Number(majorText);
    const hasMinor = minorText !== undefined && minorText !== '*';
    const minor = hasMinor ? Number(minorText) : 0;
    const hasPatch = patchText !== undefined && patchText !== '*' && Number(patchText) > 0;
    switch (op) {
      case '==':
      case '===':
      case '':
        return text([major, minor]);
      case '>=':
      case '>':
        raise([major, minor]);
        break;
      case '<':
        cap(hasPatch ? [major, minor + 1] : [major, minor]);
        break;
      case '<=':
        cap([major, minor + 1]);
        break;
      case '~=':
        // ~=3.0 admits 3.x; ~=3.0.5 admits 3.0.x.
        raise([major, minor]);
        cap(patchText !== undefined ? [major, minor + 1] : [major + 1, 0]);
        break;
      case '^':
        raise([major, minor]);
        cap([major + 1, 0]);
        break;
      case '~':
        raise([major, minor]);
        cap(hasMinor ? [major, minor + 1] : [major + 1, 0]);
        break;
      default:
        break; // != excludes one version
    }
  }
  // An open-ended lower bound names the version the settings were written against: newer releases
  // are whatever pip found on the day of a deploy, which the repository does not say.
  if (!upper) return lower && text(lower);
  const admitted = RELEASES.map((release) => release.split('.').map(Number) as Minor).filter(
    (release) => below(release, upper!) && (!lower || !below(release, lower)),
  );
  const newest = admitted.at(-1);
  return newest ? text(newest) : lower ? text(lower) : undefined;
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
    if (!rest.startsWith('requirements')) return false;
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
