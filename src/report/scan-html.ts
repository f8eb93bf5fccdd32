/**
 * The HTML report of a live scan: `scan --format html` and the download (and the report view) of
 * `deploycheck serve`. Every value from the scan is escaped; the standalone document has no script
 * and one inline stylesheet, whose hash a Content-Security-Policy can allow.
 */
import { createHash } from 'node:crypto';
import type { ScanResult } from '../probe/scan.js';
import { PROBE } from '../probe/types.js';
import type { HeaderList, ProbeResult, ScanObservations, TlsObservation } from '../probe/types.js';
import { PENALTY } from '../engine/grade.js';
import { loadBuiltInScanRules } from '../engine/registry.js';
import { SEVERITIES } from '../core/severity.js';
import type { Severity } from '../core/severity.js';
import type { Finding } from '../engine/types.js';
import type { ScanRuleInfo } from '../probe/rule.js';
import { countBySeverity } from './types.js';

export interface ScanHtmlOptions {
  toolVersion: string;
  /** Rule id → docs (the "why it matters" of each finding; the fix is on the finding itself) and the probes it reads. */
  rules?: ReadonlyMap<string, ScanRuleInfo>;
}

const HEADER_VALUE_LIMIT = 400;
const HEADERS_SHOWN = 60;

/** The docs of every built-in scan rule and the probes it declares, by id. */
export async function scanRuleInfo(): Promise<Map<string, ScanRuleInfo>> {
  return new Map((await loadBuiltInScanRules()).map((rule) => [rule.id, { docs: rule.docs, ...(rule.probes ? { probes: rule.probes } : {}) }]));
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function gradeClass(grade: string): string {
  const letter = grade.charAt(0).toLowerCase();
  return /^[a-f]$/.test(letter) ? `grade-${letter}` : 'grade-f';
}

function findingUrl(finding: Finding): string {
  return 'url' in finding.location ? finding.location.url : finding.location.file;
}

function pointsOf(finding: Finding): number {
  const full = PENALTY[finding.severity];
  return finding.confidence === 'default' ? full / 2 : full;
}

/** Set-Cookie values are secrets: keep the name and attributes, replace the value by its length. */
function displayHeader(name: string, value: string): string {
  if (name === 'set-cookie') {
    const [pair = '', ...attributes] = value.split(';');
    const index = pair.indexOf('=');
    const cookieName = index === -1 ? pair.trim() : pair.slice(0, index).trim();
    const length = index === -1 ? 0 : pair.length - index - 1;
    return [`${cookieName}=<${length} characters>`, ...attributes.map((a) => a.trim())].join('; ');
  }
  return value.length > HEADER_VALUE_LIMIT ? `${value.slice(0, HEADER_VALUE_LIMIT)}…` : value;
}

function headerTable(headers: HeaderList): string {
  const rows = headers
    .slice(0, HEADERS_SHOWN)
    .map(([name, value]) => `<tr><th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(displayHeader(name, value))}</td></tr>`)
    .join('');
  const more = headers.length > HEADERS_SHOWN ? `<p class="muted">${headers.length - HEADERS_SHOWN} more headers not shown</p>` : '';
  return `<table class="headers">${rows}</table>${more}`;
}

/** Rules judged on a probe that sends a header of its own (the others read ordinary requests). */
/**
 * The probes behind a finding: those whose request, final URL or a redirect hop is the finding's
 * URL, the page first; probes with headers of their own only for the rule that reads them, and a
 * response identical to one already shown only once.
 */
function probesBehind(finding: Finding, observations: ScanObservations, own: readonly string[] | undefined): ProbeResult[] {
  const url = findingUrl(finding);
  const matching = Object.values(observations.probes)
    .filter((probe) => probe.request.url === url || probe.response?.url === url || probe.response?.redirects.some((hop) => hop.url === url))
    .filter((probe) => (own?.length ? own.includes(probe.id) : !Object.keys(probe.request.headers).length))
    .sort((a, b) => Number(b.id === PROBE.page) - Number(a.id === PROBE.page));
  const seen = new Set<string>();
  return matching.filter((probe) => {
    const key = JSON.stringify([probe.response?.status, probe.response?.url, probe.response?.headers, probe.error]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function probeObservation(probe: ProbeResult): string {
  const parts = [`<p class="request"><code>${escapeHtml(probe.request.method)} ${escapeHtml(probe.request.url)}</code> <span class="muted">probe ${escapeHtml(probe.id)}</span></p>`];
  const added = Object.entries(probe.request.headers);
  if (added.length) parts.push(`<p class="muted">sent ${added.map(([n, v]) => `<code>${escapeHtml(`${n}: ${v}`)}</code>`).join(', ')}</p>`);
  const response = probe.response;
  if (response) {
    for (const hop of response.redirects) {
      parts.push(`<p><code>${hop.status}</code> ${escapeHtml(hop.url)} → ${escapeHtml(hop.location ?? '')}</p>`);
    }
    parts.push(`<p><code>HTTP ${response.status}</code> ${escapeHtml(response.url)} <span class="muted">${response.timing.totalMs} ms</span></p>`);
    parts.push(headerTable(response.headers));
  }
  if (probe.error) parts.push(`<p class="error">${escapeHtml(probe.error.code)}: ${escapeHtml(probe.error.message)}</p>`);
  return `<div class="probe">${parts.join('')}</div>`;
}

function safeLink(ref: string): string {
  return /^https?:\/\//i.test(ref) ? `<a href="${escapeHtml(ref)}" rel="noopener noreferrer">${escapeHtml(ref)}</a>` : escapeHtml(ref);
}

function renderFinding(finding: Finding, observations: ScanObservations, rule: ScanRuleInfo | undefined): string {
  const docs = rule?.docs;
  const points = pointsOf(finding);
  const deduction = points > 0 ? `−${points}` : '±0';
  const raw: string[] = [`<p><span class="label">Where</span> ${escapeHtml(findingUrl(finding))}</p>`];
  if (finding.evidence) raw.push(`<p><span class="label">Evidence</span> <code>${escapeHtml(finding.evidence)}</code></p>`);
  for (const related of finding.related) raw.push(`<p><span class="label">Related</span> ${escapeHtml(findingUrl({ ...finding, location: related.location }))}: ${escapeHtml(related.message)}</p>`);
  raw.push(...probesBehind(finding, observations, rule?.probes).map(probeObservation));
  const refs = docs?.refs?.length ? `<p class="refs">${docs.refs.map(safeLink).join(' · ')}</p>` : '';
  return (
    `<details class="finding sev-${finding.severity}" data-rule="${escapeHtml(finding.rule)}">` +
    `<summary><span class="pill sev-${finding.severity}">${finding.severity}</span>` +
    `<span class="finding-title"><strong>${escapeHtml(finding.title)}</strong><span class="message">${escapeHtml(finding.message)}</span></span>` +
    `<span class="points" title="points deducted from the score">${deduction}</span></summary>` +
    `<div class="finding-body">` +
    `<p class="rule"><code>${escapeHtml(finding.rule)}</code>${finding.confidence === 'default' ? ' · holds only because a default applies (counts half)' : ''}</p>` +
    (docs ? `<h4>Why it matters</h4><p>${escapeHtml(docs.why)}</p>` : '') +
    `<h4>How to fix it</h4><pre class="fix">${escapeHtml(finding.fix)}</pre>${refs}` +
    `<details class="raw"><summary>Raw observations</summary>${raw.join('')}</details>` +
    `</div></details>`
  );
}

function tlsLine(tls: TlsObservation | undefined): string {
  if (!tls) return '';
  if (tls.error) return `<p>TLS ${escapeHtml(`${tls.host}:${tls.port}`)}: ${escapeHtml(tls.error.code)}: ${escapeHtml(tls.error.message)}</p>`;
  const leaf = tls.chain[0];
  const text = `TLS ${tls.protocol ?? '?'} ${tls.cipher ?? ''} · ${tls.authorized ? 'trusted chain' : `untrusted (${tls.authorizationError ?? 'unknown'})`}${leaf ? ` · certificate expires in ${leaf.daysToExpiry} days` : ''}`;
  return `<p>${escapeHtml(text)}</p>`;
}

function probeTable(observations: ScanObservations): string {
  const rows = Object.values(observations.probes)
    .map((probe) => {
      const outcome = probe.response ? `HTTP ${probe.response.status}` : '';
      const error = probe.error ? ` ${probe.error.code}` : '';
      return `<tr><td><code>${escapeHtml(probe.id)}</code></td><td>${escapeHtml(probe.request.url)}</td><td>${escapeHtml(`${outcome}${error}`.trim())}</td></tr>`;
    })
    .join('');
  return `<table class="probes"><thead><tr><th>Probe</th><th>URL</th><th>Outcome</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const SEVERITY_HEADINGS: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Information' };

/** One scan as an `<article>`: the grade, the findings by severity, the probes. */
export function renderScanReport(result: ScanResult, options: ScanHtmlOptions): string {
  const { grade, findings, observations } = result;
  const counts = countBySeverity(findings)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `<span class="pill sev-${severity}">${n} ${severity}</span>`)
    .join(' ');
  const caps = grade.caps.map((cap) => `<p class="cap">Capped at ${escapeHtml(cap.grade)}: ${escapeHtml(cap.reason)} <code>${escapeHtml(cap.rule)}</code></p>`).join('');
  const groups = SEVERITIES.map((severity) => {
    const group = findings.filter((finding) => finding.severity === severity);
    if (!group.length) return '';
    return `<section class="group"><h3>${SEVERITY_HEADINGS[severity]} <span class="muted">${group.length}</span></h3>${group.map((f) => renderFinding(f, observations, options.rules?.get(f.rule))).join('')}</section>`;
  }).join('');
  const probes = Object.values(observations.probes);
  const failed = probes.filter((probe) => probe.error).length;
  return (
    `<article class="dc-report" data-grade="${escapeHtml(grade.grade)}">` +
    `<header class="summary"><div class="grade ${gradeClass(grade.grade)}" aria-label="grade ${escapeHtml(grade.grade)}">${escapeHtml(grade.grade)}</div>` +
    `<div class="summary-text"><p class="target">${escapeHtml(result.target)}</p>` +
    `<p class="score">Score <strong>${grade.score}</strong>/100 · ${findings.length} finding${findings.length === 1 ? '' : 's'}</p>` +
    `<p class="counts">${counts || '<span class="pill ok">no findings</span>'}</p>` +
    `<p class="muted">${escapeHtml(observations.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))} · ${observations.durationMs} ms · ${probes.length} probes${failed ? `, ${failed} with errors` : ''}</p></div></header>` +
    caps +
    (groups || '<p class="clean">Nothing to fix: every rule passed.</p>') +
    `<details class="all-probes"><summary>All probes (${probes.length})</summary>${tlsLine(observations.tls)}${probeTable(observations)}</details>` +
    result.errors.map((error) => `<p class="error">internal error: ${escapeHtml(error.split('\n')[0] ?? '')}</p>`).join('') +
    `</article>`
  );
}

export const REPORT_CSS = `
.dc-report{--ink:#111827;--muted:#4b5563;--line:#e5e7eb;--soft:#f9fafb;color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.dc-report code,.dc-report pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.875em}
.dc-report .summary{display:flex;gap:1.5rem;align-items:center;margin-bottom:1.5rem}
.dc-report .grade{flex:none;width:7.5rem;height:7.5rem;border-radius:1.25rem;display:grid;place-items:center;color:#fff;font-size:3.75rem;font-weight:800;letter-spacing:-.03em}
.dc-report .grade-a{background:#15803d}.dc-report .grade-b{background:#4d7c0f}.dc-report .grade-c{background:#a16207}
.dc-report .grade-d{background:#c2410c}.dc-report .grade-e,.dc-report .grade-f{background:#b91c1c}
.dc-report .summary-text p{margin:.15rem 0}
.dc-report .target{font-size:1.35rem;font-weight:650;word-break:break-all}
.dc-report .muted{color:var(--muted);font-size:.875rem}
.dc-report .pill{display:inline-block;border-radius:999px;padding:.05rem .6rem;font-size:.75rem;font-weight:650;text-transform:uppercase;letter-spacing:.04em;color:#fff;background:#475569}
.dc-report .pill.sev-critical{background:#7f1d1d}.dc-report .pill.sev-high{background:#b91c1c}.dc-report .pill.sev-medium{background:#a16207}
.dc-report .pill.sev-low{background:#0e7490}.dc-report .pill.sev-info{background:#475569}.dc-report .pill.ok{background:#15803d}
.dc-report .cap{border-left:4px solid #b91c1c;background:#fef2f2;padding:.5rem .75rem;border-radius:.25rem}
.dc-report .cap code{white-space:nowrap}
.dc-report .group h3{font-size:1.05rem;margin:1.5rem 0 .5rem}
.dc-report .finding{border:1px solid var(--line);border-left:4px solid #475569;border-radius:.5rem;margin:.5rem 0;background:#fff}
.dc-report .finding.sev-critical{border-left-color:#7f1d1d}.dc-report .finding.sev-high{border-left-color:#b91c1c}
.dc-report .finding.sev-medium{border-left-color:#a16207}.dc-report .finding.sev-low{border-left-color:#0e7490}
.dc-report .finding>summary{display:flex;gap:.75rem;align-items:baseline;padding:.7rem .9rem;cursor:pointer;list-style:none}
.dc-report .finding>summary::-webkit-details-marker{display:none}
.dc-report .finding>summary:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
.dc-report .finding-title{flex:1;display:flex;flex-direction:column}
.dc-report .finding-title .message{color:var(--muted);font-size:.9rem;word-break:break-word}
.dc-report .points{font-weight:700;color:#b91c1c;font-variant-numeric:tabular-nums}
.dc-report .finding-body{padding:0 .9rem .9rem;border-top:1px solid var(--line)}
.dc-report h4{margin:.9rem 0 .25rem;font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.dc-report .fix{background:var(--soft);border:1px solid var(--line);border-radius:.375rem;padding:.6rem .75rem;white-space:pre-wrap;word-break:break-word;margin:0}
.dc-report .refs{font-size:.85rem;word-break:break-all}
.dc-report a{color:#1d4ed8}
.dc-report .raw{margin-top:.75rem}.dc-report .raw>summary,.dc-report .all-probes>summary{cursor:pointer;color:#1d4ed8;font-weight:600}
.dc-report .label{display:inline-block;min-width:5.5rem;color:var(--muted);font-size:.85rem}
.dc-report .probe{border-top:1px dashed var(--line);margin-top:.5rem;padding-top:.5rem}
.dc-report table{border-collapse:collapse;width:100%;font-size:.8rem}
.dc-report th,.dc-report td{text-align:left;vertical-align:top;padding:.2rem .5rem;border-bottom:1px solid var(--line);word-break:break-all}
.dc-report .headers th{width:14rem;font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:500;color:var(--muted)}
.dc-report .all-probes{margin-top:2rem}
.dc-report .error{color:#b91c1c}
.dc-report .clean{font-size:1.1rem;color:#15803d;font-weight:600}
@media (max-width:600px){.dc-report .summary{flex-direction:column;align-items:flex-start}.dc-report .finding>summary{flex-wrap:wrap}}
`.trim();

const PAGE_CSS = `body{margin:0;background:#f3f4f6}main{max-width:60rem;margin:2rem auto;padding:2rem;background:#fff;border-radius:1rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}footer{max-width:60rem;margin:0 auto 2rem;color:#4b5563;font:14px system-ui,sans-serif;text-align:center}\n${REPORT_CSS}`;

/** The CSP source that allows the standalone report's one inline stylesheet. */
export const REPORT_STYLE_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;

/** A standalone HTML document for one or more scans (no script; styles inline). */
export function renderScanHtml(results: readonly ScanResult[], options: ScanHtmlOptions): string {
  const title = results.length === 1 ? `deploycheck: ${results[0]!.grade.grade} for ${results[0]!.target}` : `deploycheck: ${results.length} sites`;
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${PAGE_CSS}</style></head><body>` +
    results.map((result) => `<main>${renderScanReport(result, options)}</main>`).join('') +
    `<footer>deploycheck ${escapeHtml(options.toolVersion)} · live scan report</footer></body></html>\n`
  );
}
