/**
 * `check [dir] --url URL`: the static check and the live scans run side by side, then one report
 * (src/engine/combine.ts). The scans use the scan command's defaults; a URL that does not answer
 * leaves the static half whole and is listed, never reconciled.
 */
import { UsageError } from '../core/errors.js';
import { combine } from '../engine/combine.js';
import type { CheckOptions, CheckResult } from '../engine/check.js';
import type { LiveScan } from '../engine/combine.js';
import { builtInRuleIds, loadBuiltInReconcileRules } from '../engine/registry.js';
import type { Project } from '../core/project.js';
import { FRAMEWORKS, runCheck } from '../frameworks.js';
import type { BuiltInProjectSummary } from '../frameworks.js';
import { ruleMatches, selectRules } from '../engine/select.js';
import { TargetError, parseTarget } from '../probe/plan.js';
import { runScan } from '../probe/scan.js';
import type { RunScanOptions } from '../probe/scan.js';
import type { ScanObservations } from '../probe/types.js';
import type { Workspace } from '../workspace/types.js';

/** The probes that did not answer, one line each (`page https://…: refused: …`). */
export function probeErrors(observations: ScanObservations): string[] {
  const failed = Object.values(observations.probes).flatMap((probe) => (probe.error ? [`${probe.id} ${probe.request.url}: ${probe.error.code}: ${probe.error.message}`] : []));
  if (observations.tls?.error) failed.push(`tls ${observations.tls.host}:${observations.tls.port}: ${observations.tls.error.code}: ${observations.tls.error.message}`);
  return failed;
}

export function checkUrls(urls: readonly string[]): void {
  for (const url of urls) {
    try {
      parseTarget(url);
    } catch (error) {
      if (error instanceof TargetError) throw new UsageError(`--url: ${error.message}`);
      throw error;
    }
  }
}

async function scan(url: string, options: RunScanOptions): Promise<LiveScan<ScanObservations>> {
  const result = await runScan(url, options);
  return { ...result, probeErrors: probeErrors(result.observations) };
}

type Half = 'check' | 'scan' | 'reconcile';

const halfOf = (id: string): Half => (id.startsWith('web/') ? 'scan' : id.startsWith('reconcile/') ? 'reconcile' : 'check');

/**
 * --rule / --ignore over the three halves: each half gets the patterns that name one of its rules; a
 * pattern that names none of any half is a usage error; a half none of whose rules --rule names runs none.
 */
export function splitSelection(only: readonly string[] = [], ignore: readonly string[] = []): Record<Half, { only: string[]; ignore: string[]; none: boolean }> {
  const ids = builtInRuleIds();
  for (const pattern of [...only, ...ignore]) {
    if (!ids.some((id) => ruleMatches(pattern, id))) throw new UsageError(`no rule matches '${pattern}' (see \`deploycheck rules\`)`);
  }
  const of = (half: Half) => {
    const mine = (pattern: string) => ids.some((id) => halfOf(id) === half && ruleMatches(pattern, id));
    const selected = only.filter(mine);
    return { only: selected, ignore: ignore.filter(mine), none: only.length > 0 && selected.length === 0 };
  };
  return { check: of('check'), scan: of('scan'), reconcile: of('reconcile') };
}

/** The twins every built-in framework declares, merged. */
function liveTwins(): Record<string, readonly string[]> {
  return Object.assign({}, ...FRAMEWORKS.map((framework) => framework.liveTwins ?? {}));
}

/** Run the check and scan each URL (at the same time), then reconcile them into one result. */
export async function runCheckWithUrls(
  options: CheckOptions,
  urls: readonly string[],
  scanOptions: RunScanOptions,
): Promise<CheckResult<BuiltInProjectSummary>> {
  const halves = splitSelection(options.only, options.ignore);
  const pick = <R>(half: (typeof halves)['check'], none: R[]) => (half.none ? { rules: none } : { only: half.only, ignore: half.ignore });
  let projects: readonly Project[] = [];
  let workspace: Workspace | undefined;
  const [check, scans, reconcileRules] = await Promise.all([
    runCheck({ ...options, ...pick(halves.check, []), onChecked: (checked, read) => ((projects = checked), (workspace = read)) }),
    Promise.all(urls.map((url) => scan(url, { ...scanOptions, ...pick(halves.scan, []) }))),
    halves.reconcile.none ? [] : loadBuiltInReconcileRules().then((rules) => selectRules(rules, halves.reconcile.only, halves.reconcile.ignore)),
  ]);
  return combine({ check, projects, ...(workspace ? { workspace } : {}), scans, reconcileRules, twins: liveTwins() });
}
