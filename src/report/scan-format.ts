/**
 * Pretty and JSON output for `deploycheck scan`. Same Finding/grade shapes as `check`; a scan adds
 * per-probe outcomes (every probe error is shown, so a partial scan says what is missing and why).
 */
import { Chalk } from 'chalk';
import type { ScanResult } from '../probe/scan.js';
import type { ProbeResult, TlsObservation } from '../probe/types.js';
import { GRADES } from '../engine/grade.js';
import type { Finding } from '../engine/types.js';
import { SCAN_JSON_SCHEMA_VERSION } from './json.js';
import { SEVERITY_STYLE } from './pretty.js';
import { countBySeverity } from './types.js';

function where(finding: Finding): string {
  return 'url' in finding.location ? finding.location.url : finding.location.file;
}

function tlsSummary(tls: TlsObservation | undefined): string | undefined {
  if (!tls) return undefined;
  if (tls.error) return `TLS ${tls.host}:${tls.port}: ${tls.error.code}: ${tls.error.message}`;
  const leaf = tls.chain[0];
  const legacy = (['TLSv1', 'TLSv1.1'] as const).map((v) => `${v} ${tls.legacy[v] === undefined ? 'unknown' : tls.legacy[v] ? 'accepted' : 'refused'}`);
  return `TLS ${tls.protocol ?? '?'} ${tls.cipher ?? ''} · ${tls.authorized ? 'trusted' : `not trusted (${tls.authorizationError ?? '?'})`}${leaf ? ` · expires in ${leaf.daysToExpiry} days` : ''} · ${legacy.join(', ')}`;
}

export interface PrettyScanOptions {
  color: boolean;
  verbose?: boolean;
}

export function formatScanPretty(results: readonly ScanResult[], options: PrettyScanOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  for (const result of results) {
    out.push(c.bold.underline(result.target));
    for (const finding of result.findings) {
      out.push(`  ${SEVERITY_STYLE[finding.severity](c)(finding.severity.padEnd(8))} ${finding.message}  ${c.dim(finding.rule)}`);
      if (where(finding) !== result.target) out.push(`           ${c.dim(`at ${where(finding)}`)}`);
      if (finding.evidence) out.push(`           ${c.dim(`evidence: ${finding.evidence}`)}`);
      for (const related of finding.related) out.push(`           ${c.dim(`↳ ${'url' in related.location ? related.location.url : related.location.file}: ${related.message}`)}`);
      if (options.verbose) out.push(`           ${c.green(`fix: ${finding.fix.split('\n')[0]}`)}`);
    }
    if (!result.findings.length) out.push(`  ${c.green('no findings')}`);
    const probes = Object.values(result.observations.probes);
    const failed = probes.filter((probe) => probe.error);
    out.push(c.dim(`  ${probes.length} probes, ${failed.length} with errors, ${result.observations.durationMs} ms`));
    for (const probe of failed) out.push(c.dim(`    ${probe.id}: ${probe.error!.code}: ${probe.error!.message}`));
    const tls = tlsSummary(result.observations.tls);
    if (tls) out.push(c.dim(`  ${tls}`));
    for (const error of result.errors) out.push(c.red(`  internal error: ${error}`));
    const { grade } = result;
    for (const d of grade.deductions) out.push(`  ${c.red(`-${d.points}`.padStart(4))}  ${d.rule} (${d.severity})`);
    for (const cap of grade.caps) out.push(`  ${c.red(`cap ${cap.grade}`)}  ${cap.rule}: ${cap.reason}`);
    const counts = countBySeverity(result.findings)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`);
    out.push(`${c.bold(`Grade ${grade.grade}`)} (score ${grade.score}/100) · ${counts.length ? counts.join(', ') : 'no findings'} · ${result.target}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function probeSummary(probe: ProbeResult) {
  const response = probe.response;
  return {
    id: probe.id,
    method: probe.request.method,
    url: probe.request.url,
    ...(response
      ? {
          status: response.status,
          finalUrl: response.url,
          redirects: response.redirects.map((hop) => ({ url: hop.url, status: hop.status, location: hop.location })),
          truncated: response.truncated,
          timing: response.timing,
        }
      : {}),
    ...(probe.error ? { error: probe.error } : {}),
  };
}

/** The worst grade of several (F beats B). */
export function worstGrade(grades: string[]): string {
  return grades.reduce((worst, grade) => (GRADES.indexOf(grade) > GRADES.indexOf(worst) ? grade : worst), 'A+');
}

export function formatScanJson(results: readonly ScanResult[], toolVersion: string): string {
  const findings = results.flatMap((result) => result.findings);
  const report = {
    schemaVersion: SCAN_JSON_SCHEMA_VERSION,
    tool: { name: 'deploycheck', version: toolVersion },
    kind: 'scan',
    summary: {
      sites: results.length,
      findings: findings.length,
      bySeverity: Object.fromEntries(countBySeverity(findings)),
      grade: worstGrade(results.map((result) => result.grade.grade)),
      score: Math.min(...results.map((result) => result.grade.score)),
    },
    sites: results.map((result) => ({
      target: result.target,
      origin: result.observations.origin,
      startedAt: result.observations.startedAt,
      durationMs: result.observations.durationMs,
      grade: result.grade,
      findings: result.findings,
      probes: Object.values(result.observations.probes).map(probeSummary),
      ...(result.observations.tls ? { tls: result.observations.tls } : {}),
      assets: result.observations.assets.map((asset) => ({ ...asset, url: asset.signature ? asset.url.split('?')[0] : asset.url })),
    })),
    errors: results.flatMap((result) => result.errors),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
