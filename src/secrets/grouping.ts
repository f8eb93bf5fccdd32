/**
 * Secret hits folded into findings a reader can act on: one finding per distinct secret however many
 * files repeat it (a key copied into 2,000 fixtures is one leak), and for the lower-confidence entropy
 * tier one finding per file, or per directory when a directory holds many such files (a data set).
 */
import type { FileLocation } from '../core/location.js';
import type { Severity } from '../core/severity.js';
import { SEVERITIES } from '../core/severity.js';
import { dirName } from '../workspace/paths.js';
import type { SecretHit } from './types.js';

/** At least this many files of one directory with entropy hits: a data set, reported once for the directory. */
const BULK_FILES = 10;
/** Related locations listed per finding; the message counts them all. */
export const MAX_RELATED = 10;

export interface SecretGroup<T extends SecretHit = SecretHit> {
  /** Where the finding is reported: the most severe hit, outside tests and docs first, then in path order. */
  primary: T;
  severity: Severity;
  /** `value`: the primary's secret in every place; `file`/`directory`: also the other secrets of the primary's file or directory. */
  scope: 'value' | 'file' | 'directory';
  /** Other places that hold the primary's secret. */
  copies: number;
  /** Other distinct secrets folded in, and a few of their names (other than the primary's) for the message. */
  otherValues: number;
  otherNames: string[];
  /** Files folded in besides the primary's (scope `directory`). */
  otherFiles: number;
  /** The copies first, then the other secrets, at most MAX_RELATED. */
  related: { location: FileLocation; message: string }[];
}

interface ValueGroup<T extends SecretHit> {
  primary: T;
  severity: Severity;
  copies: SecretHit[];
}

const RANK = new Map(SEVERITIES.map((severity, index) => [severity, index]));

function rank(severity: Severity): number {
  return RANK.get(severity) ?? SEVERITIES.length;
}

/** Most severe first, then outside tests/CI/docs, then path order. */
function better(a: SecretHit, aSeverity: Severity, b: SecretHit, bSeverity: Severity): boolean {
  if (aSeverity !== bSeverity) return rank(aSeverity) < rank(bSeverity);
  if ((a.context === undefined) !== (b.context === undefined)) return a.context === undefined;
  const { file: af, line: al, column: ac } = a.location;
  const { file: bf, line: bl, column: bc } = b.location;
  return af !== bf ? af < bf : al !== bl ? al < bl : ac < bc;
}

function byValue<T extends SecretHit>(hits: readonly T[], severityOf: (hit: T) => Severity): ValueGroup<T>[] {
  const groups = new Map<string, ValueGroup<T>>();
  for (const hit of hits) {
    const severity = severityOf(hit);
    const group = groups.get(hit.secret);
    if (!group) {
      groups.set(hit.secret, { primary: hit, severity, copies: [] });
    } else if (better(hit, severity, group.primary, group.severity)) {
      group.copies.push(group.primary);
      group.primary = hit;
      group.severity = severity;
    } else {
      group.copies.push(hit);
    }
  }
  return [...groups.values()];
}

function describe(hit: SecretHit): string {
  return hit.name ? `${hit.name} holds a ${hit.label}` : `a ${hit.label}`;
}

/** Folds value groups into one finding at the best primary; `scope` says what they share. */
function fold<T extends SecretHit>(groups: readonly ValueGroup<T>[], scope: SecretGroup['scope']): SecretGroup<T> {
  let best = groups[0]!;
  for (const group of groups) if (better(group.primary, group.severity, best.primary, best.severity)) best = group;
  const others = groups.filter((group) => group !== best);
  const related: SecretGroup['related'] = [];
  for (const copy of best.copies) related.push({ location: copy.location, message: 'the same value' });
  for (const group of others) related.push({ location: group.primary.location, message: describe(group.primary) });
  const files = new Set(groups.map((group) => group.primary.location.file));
  const names = [...new Set(others.flatMap((group) => (group.primary.name ? [group.primary.name] : [])))].filter((name) => name !== best.primary.name);
  return {
    primary: best.primary,
    severity: best.severity,
    scope,
    copies: best.copies.length,
    otherValues: others.length,
    otherNames: names.slice(0, 3),
    otherFiles: files.size - 1,
    related: related.slice(0, MAX_RELATED),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * One group per distinct secret (the known-format tier: each is a credential to revoke). `alsoAt`: hits
 * of a lower tier, listed as copies of a group with the same secret, never its primary.
 */
export function groupByValue<T extends SecretHit>(hits: readonly T[], severityOf: (hit: T) => Severity, alsoAt: readonly SecretHit[] = []): SecretGroup<T>[] {
  const groups = byValue(hits, severityOf);
  const bySecret = new Map(groups.map((group) => [group.primary.secret, group]));
  for (const hit of alsoAt) bySecret.get(hit.secret)?.copies.push(hit);
  return groups.map((group) => fold([group], 'value'));
}

/**
 * The entropy tier: one group per distinct secret, those folded into one per file, and the files of a
 * directory folded into one when there are BULK_FILES or more of the same severity.
 */
export function groupByFile<T extends SecretHit>(hits: readonly T[], severityOf: (hit: T) => Severity): SecretGroup<T>[] {
  const values = byValue(hits, severityOf);
  const byFile = groupBy(values, (group) => group.primary.location.file);
  const byDirectory = groupBy([...byFile.values()], (groups) => `${groups[0]!.severity}\0${dirName(groups[0]!.primary.location.file)}`);
  const result: SecretGroup<T>[] = [];
  for (const files of byDirectory.values()) {
    if (files.length >= BULK_FILES) result.push(fold(files.flat(), 'directory'));
    else for (const groups of files) result.push(fold(groups, groups.length > 1 ? 'file' : 'value'));
  }
  return result;
}
