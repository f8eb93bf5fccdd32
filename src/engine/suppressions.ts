import type { Location } from '../core/location.js';
import type { Finding, PolicyReport } from './types.js';
import { isFileLocation } from '../core/location.js';
import { isDockerfileName } from '../deploy/dockerfile.js';
import { baseName, extensionOf } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';

/** How a file type writes a comment, and whether a comment may follow code on the same line. */
interface CommentSyntax {
  marker: '#' | '//';
  trailing: boolean;
}

const HASH: CommentSyntax = { marker: '#', trailing: true };
const SLASHES: CommentSyntax = { marker: '//', trailing: true };
// Docker reads a `#` after an instruction as part of it, so only whole-line comments count.
const DOCKERFILE: CommentSyntax = { marker: '#', trailing: false };

const HASH_EXTENSIONS = new Set(['py', 'pyi', 'yaml', 'yml', 'toml', 'cfg', 'ini', 'conf', 'sh', 'txt', 'env']);
const SLASH_EXTENSIONS = new Set(['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx']);

/** The comment syntax of a file, by its name; undefined for files without comments (JSON) or of unknown type. */
export function commentSyntax(path: string): CommentSyntax | undefined {
  const name = baseName(path);
  if (isDockerfileName(name)) return DOCKERFILE;
  if (name === 'Procfile' || name === '.env' || name.startsWith('.env.')) return HASH;
  const extension = extensionOf(name);
  if (HASH_EXTENSIONS.has(extension)) return HASH;
  if (SLASH_EXTENSIONS.has(extension)) return SLASHES;
  return undefined;
}

export interface Suppression {
  file: string;
  /** Where the comment is (1-based). */
  line: number;
  column: number;
  /** The line it covers: its own line, or for a comment alone on its line, the next line that is not one. */
  covers: number;
  /** The rule ids inside `ignore[...]`. */
  rules: string[];
  reason: string;
  /** The comment from the marker on, for messages and fingerprints. */
  text: string;
}

const DIRECTIVE = /deploycheck:\s*ignore(?:\[([^\]]*)\])?(.*)$/;

/** Every `deploycheck: ignore[...]` comment in a file. */
export function parseSuppressions(file: string, text: string, syntax: CommentSyntax): Suppression[] {
  const lines = text.split(/\r?\n/);
  const found: (Suppression & { alone: boolean })[] = [];
  lines.forEach((line, index) => {
    const marker = commentStart(line, syntax);
    if (marker === -1) return;
    const comment = line.slice(marker + syntax.marker.length).trimStart();
    const match = DIRECTIVE.exec(comment);
    if (!match || !comment.startsWith('deploycheck:')) return;
    found.push({
      file,
      line: index + 1,
      column: marker + 1,
      covers: index + 1,
      rules: (match[1] ?? '').split(',').map((id) => id.trim()).filter(Boolean),
      reason: (match[2] ?? '').replace(/^[\s:—–-]+/, '').trim(),
      text: `${syntax.marker} ${comment}`.trim(),
      alone: line.slice(0, marker).trim() === '',
    });
  });
  // A comment alone on its line covers the line below; stacked comments all cover the first line after them.
  for (let i = found.length - 1; i >= 0; i--) {
    const suppression = found[i]!;
    if (!suppression.alone) continue;
    const next = found[i + 1];
    suppression.covers = next && next.alone && next.line === suppression.line + 1 ? next.covers : suppression.line + 1;
  }
  return found.map(({ alone: _alone, ...suppression }) => suppression);
}

/** Where the comment marker starts on a line, or -1: at the start, or (where allowed) after whitespace. */
function commentStart(line: string, syntax: CommentSyntax): number {
  if (!line.includes('deploycheck:')) return -1;
  const trimmed = line.trimStart();
  if (trimmed.startsWith(syntax.marker)) return line.length - trimmed.length;
  if (!syntax.trailing) return -1;
  const index = line.indexOf(` ${syntax.marker}`);
  return index === -1 ? -1 : index + 1;
}

/**
 * Every suppression comment in the files this run read, and in the files of the findings, by file.
 * A suppression elsewhere can hide nothing deploycheck reports, and looking only where the run
 * already looked costs no extra reading (on a large repository, a search of every file cost more
 * than the rest of the check).
 */
export function findSuppressions(workspace: Workspace, findings: readonly Finding[]): Map<string, Suppression[]> {
  const files = new Set(workspace.filesRead());
  for (const finding of findings) {
    for (const { location } of [finding, ...finding.related]) if (isFileLocation(location)) files.add(location.file);
  }
  const byFile = new Map<string, Suppression[]>();
  for (const file of [...files].sort()) {
    const syntax = commentSyntax(file);
    if (!syntax) continue;
    const read = workspace.readText(file);
    if (!read.ok || !read.text.includes('deploycheck:')) continue;
    const suppressions = parseSuppressions(file, read.text, syntax);
    if (suppressions.length) byFile.set(file, suppressions);
  }
  return byFile;
}

/** What is wrong with a suppression that hides nothing (for some of its ids), or undefined. */
function unusedPart(
  suppression: Suppression,
  hid: ReadonlySet<string>,
  known: ReadonlySet<string>,
  ran: ReadonlySet<string>,
): { ids: string[]; problem: string } | undefined {
  if (!suppression.rules.length) return { ids: [], problem: 'names no rule: write the rule ids inside ignore[...]' };
  const unknown = suppression.rules.filter((id) => !known.has(id));
  const idle = suppression.rules.filter((id) => known.has(id) && ran.has(id) && !hid.has(id));
  const problems = [
    ...(unknown.length ? [`names no known rule (${unknown.join(', ')})`] : []),
    ...(idle.length ? [`hides nothing for ${idle.join(', ')} on line ${suppression.covers}`] : []),
  ];
  return problems.length ? { ids: [...unknown, ...idle], problem: problems.join('; ') } : undefined;
}

export interface SuppressionResult {
  kept: Finding[];
  suppressed: number;
  /** meta/unused-suppression and meta/suppression-without-reason findings. */
  problems: PolicyReport[];
}

/**
 * Hide the findings a suppression covers. A finding has places: its own location and its related
 * ones (a secret found in several files is one finding, the other copies related). A suppression
 * naming the finding's rule on one of its places covers that place and counts as used. The finding
 * is hidden when its own location is covered (then every place it reports is); a finding kept
 * with some related places covered says so at each of them. A rule id named in a suppression that
 * covered nothing is reported as unused, but only if that rule ran (`ran`) or no rule has that id
 * (`known`).
 */
export function applySuppressions(
  findings: readonly Finding[],
  byFile: ReadonlyMap<string, readonly Suppression[]>,
  known: ReadonlySet<string>,
  ran: ReadonlySet<string>,
): SuppressionResult {
  const used = new Map<Suppression, Set<string>>();
  const covering = (location: Location, rule: string): Suppression | undefined => {
    if (!isFileLocation(location)) return undefined;
    const found = (byFile.get(location.file) ?? []).find((s) => s.covers === location.line && s.rules.includes(rule));
    if (found) used.set(found, (used.get(found) ?? new Set()).add(rule));
    return found;
  };
  const kept: Finding[] = [];
  for (const finding of findings) {
    const own = covering(finding.location, finding.rule);
    const related = finding.related.map((place) => covering(place.location, finding.rule));
    if (own) continue;
    if (!related.some(Boolean)) {
      kept.push(finding);
      continue;
    }
    kept.push({
      ...finding,
      related: finding.related.map((place, index) => {
        const suppression = related[index];
        return suppression ? { ...place, message: `${place.message} (suppressed here${suppression.reason ? `: ${suppression.reason}` : ''})` } : place;
      }),
    });
  }

  const problems: PolicyReport[] = [];
  for (const suppressions of byFile.values()) {
    for (const suppression of suppressions) {
      const location = { file: suppression.file, line: suppression.line, column: suppression.column };
      const evidence = suppression.text;
      const unused = unusedPart(suppression, used.get(suppression) ?? new Set(), known, ran);
      if (unused) {
        const snippet = `${suppression.text}\0${unused.ids.join(',')}`;
        problems.push({ rule: 'meta/unused-suppression', report: { message: `Suppression ${unused.problem}`, location, evidence, snippet } });
      }
      const whollyUnused = unused && unused.ids.length === suppression.rules.length;
      if (!suppression.reason && !whollyUnused) {
        const message = `Suppression of ${suppression.rules.join(', ')} gives no reason`;
        problems.push({ rule: 'meta/suppression-without-reason', report: { message, location, evidence, snippet: suppression.text } });
      }
    }
  }
  return { kept, suppressed: findings.length - kept.length, problems };
}
