import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { displayPath } from '../core/display-path.js';
import { UsageError } from '../core/errors.js';
import { readFileRecorded } from '../run-cache/record.js';
import type { Finding, PolicyReport } from './types.js';
import { compareText } from '../core/compare.js';
import { relativePath } from '../workspace/paths.js';

export const DEFAULT_BASELINE_FILE = '.deploycheck-baseline.json';
/**
 * 2: fingerprints are the rule, the file and what the finding is about. Version 1 fingerprints hashed the
 * message of most rules, so a version-1 file is still read, once, by matching rule, file and message
 * (what its entries hold); `deploycheck baseline` rewrites it as version 2.
 */
export const BASELINE_VERSION = 2;
const LEGACY_VERSION = 1;

export interface BaselineEntry {
  rule: string;
  fingerprint: string;
  /** The file (or URL) of the finding, for readers; matching uses the fingerprint. */
  file: string;
  message: string;
}

export interface Baseline {
  /** Absolute path. */
  path: string;
  version: typeof BASELINE_VERSION | typeof LEGACY_VERSION;
  entries: (BaselineEntry & { line: number })[];
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return compareText(a.file, b.file) || compareText(a.rule, b.rule) || compareText(a.fingerprint, b.fingerprint) || compareText(a.message, b.message);
}

function entryOf(finding: Finding): BaselineEntry {
  return {
    rule: finding.rule,
    fingerprint: finding.fingerprint,
    file: 'file' in finding.location ? finding.location.file : finding.location.url,
    message: finding.message,
  };
}

/** The baseline file for these findings: sorted, one entry per finding, no timestamps or line numbers. */
export function formatBaseline(findings: readonly Finding[]): string {
  const entries = findings.map(entryOf).sort(compareEntries);
  return `${JSON.stringify({ version: BASELINE_VERSION, findings: entries }, null, 2)}\n`;
}

export function writeBaseline(path: string, findings: readonly Finding[]): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, formatBaseline(findings));
  } catch (error) {
    throw new UsageError(`cannot write the baseline ${path}: ${(error as Error).message}`);
  }
}

function isEntry(value: unknown): value is BaselineEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return ['rule', 'fingerprint', 'file', 'message'].every((key) => typeof entry[key] === 'string');
}

/** Read a baseline file; a missing or malformed file is a UsageError (the gate must not silently pass or fail). */
export function readBaseline(path: string): Baseline {
  const shown = displayPath(path);
  let text: string;
  try {
    text = readFileRecorded(path).toString('utf8');
  } catch (error) {
    throw new UsageError(`baseline ${shown}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); create it with \`deploycheck baseline\``);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`baseline ${shown}: invalid JSON: ${(error as Error).message}`);
  }
  const object = json as { version?: unknown; findings?: unknown };
  const version = object?.version;
  if (version !== BASELINE_VERSION && version !== LEGACY_VERSION) {
    throw new UsageError(`baseline ${shown}: expected "version": ${BASELINE_VERSION} (or ${LEGACY_VERSION}, read by message until it is rewritten)`);
  }
  if (!Array.isArray(object.findings)) throw new UsageError(`baseline ${shown}: expected a "findings" list`);
  const lines = text.split('\n');
  let searchFrom = 0;
  const entries = object.findings.map((entry: unknown, index) => {
    if (!isEntry(entry)) throw new UsageError(`baseline ${shown}: findings[${index}] needs string rule, fingerprint, file and message`);
    // The line of the entry's fingerprint, for pointing at it; entries are in file order.
    const found = lines.findIndex((line, i) => i >= searchFrom && line.includes(`"${entry.fingerprint}"`));
    if (found !== -1) searchFrom = found + 1;
    return { rule: entry.rule, fingerprint: entry.fingerprint, file: entry.file, message: entry.message, line: found === -1 ? 1 : found + 1 };
  });
  return { path, version, entries };
}

export interface BaselineResult {
  kept: Finding[];
  baselined: number;
  /** meta/stale-baseline-entry findings: entries no current finding matches. */
  stale: PolicyReport[];
}

/** Hide the findings the baseline lists (each entry hides one finding with its rule and fingerprint). */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, root: string): BaselineResult {
  const legacy = baseline.version === LEGACY_VERSION;
  const keyOf = (entry: BaselineEntry): string => (legacy ? `${entry.rule}\0${entry.file}\0${entry.message}` : `${entry.rule}\0${entry.fingerprint}`);
  const remaining = new Map<string, Baseline['entries']>();
  for (const entry of baseline.entries) {
    const key = keyOf(entry);
    remaining.set(key, [...(remaining.get(key) ?? []), entry]);
  }
  const kept = findings.filter((finding) => !remaining.get(keyOf(entryOf(finding)))?.shift());
  const file = relativePath(root, baseline.path);
  const stale = [...remaining.values()].flat().map(
    (entry): PolicyReport => ({
      rule: 'meta/stale-baseline-entry',
      report: {
        message: `Baseline entry for ${entry.rule} in ${entry.file} matches no finding: "${entry.message}"`,
        location: { file, line: entry.line, column: 1 },
        about: `${entry.rule}\0${entry.fingerprint}`,
      },
    }),
  );
  return { kept, baselined: findings.length - kept.length, stale };
}
