import { Chalk } from 'chalk';
import type { ChalkInstance } from 'chalk';
import type { CheckResult } from '../engine/check.js';
import type { Severity } from '../core/severity.js';
import type { Finding } from '../engine/types.js';
import { SEVERITIES } from '../core/severity.js';
import { explainLines } from './explain.js';
import { isDjangoSummary } from '../django/project-summary.js';
import { isNodeSummary } from '../node/project-summary.js';
import type { NodeProjectSummary } from '../node/project-summary.js';

export const SEVERITY_STYLE: Record<Severity, (c: ChalkInstance) => ChalkInstance> = {
  critical: (c) => c.bgRed.white.bold,
  high: (c) => c.red.bold,
  medium: (c) => c.yellow,
  low: (c) => c.cyan,
  info: (c) => c.gray,
};

function where(finding: Finding): string {
  return 'file' in finding.location ? finding.location.file : finding.location.url;
}

function position(finding: Finding): string {
  return 'file' in finding.location ? `${finding.location.line}:${finding.location.column}` : '';
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim())?.trim() ?? '';
}

export interface PrettyOptions {
  color: boolean;
  verbose?: boolean;
  /** Print the whole production model of each project (`--explain`). */
  explain?: boolean;
}

/**
 * Before the findings, each project's production in one line (how it was inferred and which flag
 * changes it), and what was not read: a report never grades an unread project in silence.
 */
function projectHeader(result: CheckResult, c: ChalkInstance, explain: boolean): string[] {
  const out: string[] = [];
  const several = result.projects.length > 1;
  for (const project of result.projects) {
    if (isNodeSummary(project)) {
      out.push(...nodeHeader(project, several, c, explain));
      continue;
    }
    const production = isDjangoSummary(project) ? project.production : undefined;
    if (!production) continue;
    const name = several ? `${project.root || '.'}: ` : '';
    if (!production.checked) {
      out.push(c.dim(`not deployed: ${project.root || '.'}: ${production.deployment.reason}; not checked`));
      continue;
    }
    out.push(`${c.bold('production:')} ${name}${production.line}  ${c.dim(`(${production.hint})`)}`);
    if (production.complete === false) {
      out.push(c.yellow(`incomplete: ${production.missing!.join('; ')}; ${production.hint}`));
    }
    if (explain) out.push(...explainLines(production, c));
  }
  if (out.length) out.push('');
  return out;
}

/** A Node project's production line (start command, entry, NODE_ENV, platform), what was not read, and with --explain its assumptions. */
function nodeHeader(project: NodeProjectSummary, several: boolean, c: ChalkInstance, explain: boolean): string[] {
  const { production } = project;
  const name = several ? `${project.root || '.'}: ` : '';
  const out = [`${c.bold('production:')} ${name}${production.line}  ${c.dim(`(${project.frameworks.join(', ')})`)}`];
  if (!production.complete) out.push(c.yellow(`incomplete: ${production.missing!.join('; ')}; ${production.hint}`));
  if (explain) {
    for (const entry of production.entries) out.push(c.dim(`  entry ${entry.file}: ${entry.how}`));
    for (const assumption of production.assumptions) out.push(c.dim(`  assumed: ${assumption}`));
  } else if (production.assumptions.length > 0) {
    out.push(c.dim(`  ${production.assumptions.length} assumption${production.assumptions.length === 1 ? '' : 's'} (--explain)`));
  }
  return out;
}

/** Findings grouped by file, `line:col severity message rule`, then the grade with every deduction. */
export function formatPretty(result: CheckResult, options: PrettyOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = projectHeader(result, c, options.explain ?? false);
  const groups = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = groups.get(where(finding)) ?? [];
    list.push(finding);
    groups.set(where(finding), list);
  }
  for (const [file, findings] of groups) {
    out.push(c.underline(file));
    const width = Math.max(...findings.map((f) => position(f).length));
    for (const finding of findings) {
      const django = finding.django ? c.dim(` ${finding.django}`) : '';
      const origin = finding.origin ? c.dim(` [${finding.origin}]`) : '';
      out.push(
        `  ${c.dim(position(finding).padEnd(width))}  ${SEVERITY_STYLE[finding.severity](c)(finding.severity.padEnd(8))} ${finding.message}  ${c.dim(finding.rule)}${django}${origin}`,
      );
      if (finding.evidence) out.push(`  ${' '.repeat(width)}  ${' '.repeat(9)}${c.dim(`evidence: ${finding.evidence}`)}`);
      for (const related of finding.related) {
        const at = 'file' in related.location ? `${related.location.file}:${related.location.line}` : related.location.url;
        out.push(`  ${' '.repeat(width)}  ${' '.repeat(9)}${c.dim(`↳ ${at}: ${related.message}`)}`);
      }
      if (options.verbose) out.push(`  ${' '.repeat(width)}  ${' '.repeat(9)}${c.green(`fix: ${firstLine(finding.fix)}`)}`);
    }
    out.push('');
  }
  for (const error of result.errors) out.push(c.red(`internal error: ${error}`));
  for (const scan of result.live ?? []) {
    out.push(`${c.bold('live:')} ${scan.target}  ${c.dim(`(scan alone: grade ${scan.grade})`)}`);
    if (scan.probeErrors.length) out.push(c.yellow(`  ${scan.probeErrors.length} probe(s) not answered (nothing is reconciled from them):`));
    for (const error of scan.probeErrors) out.push(c.yellow(`    ${error}`));
    for (const note of scan.notes) out.push(c.yellow(`  ${note}`));
  }

  if (result.projects.length === 0) {
    out.push(c.yellow(`No Django or Node project found under ${result.root} (looked for manage.py, wsgi.py, asgi.py, and a package.json depending on express, next, @nestjs/core, fastify or koa).`));
  }
  const { grade } = result;
  if (grade.deductions.length || grade.caps.length) {
    out.push(c.bold('Score'));
    for (const d of grade.deductions) {
      const half = d.confidence === 'default' ? ' (half: only when unset)' : '';
      out.push(`  ${c.red(`-${d.points}`.padStart(4))}  ${d.rule} (${d.severity}${half}) at ${d.where}`);
    }
    for (const cap of grade.caps) out.push(`  ${c.red(`cap ${cap.grade}`)}  ${cap.rule}: ${cap.reason}`);
  }
  const counts = SEVERITIES.map((s) => [s, result.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const projects = result.projects
    .filter((p) => !isDjangoSummary(p) || p.production?.checked !== false)
    .map((p) => (isDjangoSummary(p) ? p.settingsModule : isNodeSummary(p) ? p.name : undefined) ?? p.root)
    .join(', ');
  out.push(
    `${c.bold(`Grade ${grade.grade}`)} (score ${grade.score}/100) · ${counts.length ? counts.join(', ') : 'no findings'} · ${result.environment}${projects ? ` · ${projects}` : ''}`,
  );
  return `${out.join('\n')}\n`;
}
