/** `deploycheck check --explain`: the whole production model of a project, as the pretty report prints it. */
import type { ChalkInstance } from 'chalk';
import type { Location } from '../core/location.js';
import type { ProductionSummary } from '../production/summary.js';

function at(location: Location | undefined): string {
  if (!location) return '';
  return 'file' in location ? ` ${location.file}:${location.line}` : ` ${location.url}`;
}

/** Steps, settings candidates (chosen and why, the others and why not), variables with their sources, assumptions. */
export function explainLines(production: ProductionSummary, c: ChalkInstance): string[] {
  const out: string[] = [];
  const indent = '    ';
  out.push(`  ${c.bold('deployment')}: ${production.deployment.status} (${production.deployment.reason})`);
  out.push(`  ${c.bold('steps')}:`);
  for (const step of production.steps) out.push(`${indent}${step.kind}: ${step.value} (${step.how})${c.dim(at(step.location))}`);
  if (production.steps.length === 0) out.push(`${indent}none: no deploy file, entry point or settings module says what production runs`);
  out.push(`  ${c.bold('settings module candidates')} (best first):`);
  for (const candidate of production.candidates) {
    const mark = candidate.chosen ? c.green('chosen') : c.dim(candidate.rejected ? `passed over: ${candidate.rejected}` : 'passed over');
    const missing = candidate.exists ? '' : ', not in the repository';
    out.push(`${indent}${candidate.module} (${candidate.how}${missing}) ${mark}`);
  }
  if (production.candidates.length === 0) out.push(`${indent}none: pass --settings`);
  out.push(`  ${c.bold('variables')} (set / unknown: set where the repository does not show the value / unset):`);
  for (const variable of production.variables) {
    const value = variable.value !== undefined ? `=${variable.value}` : '';
    const source = variable.source ? ` from ${variable.source}` : '';
    out.push(`${indent}${variable.name}${value}: ${variable.state}${source}`);
  }
  if (production.variables.length === 0) out.push(`${indent}none read`);
  out.push(`  ${c.bold('assumptions')}:`);
  for (const assumption of production.assumptions) out.push(`${indent}${assumption.text}${c.dim(at(assumption.location))}`);
  if (production.assumptions.length === 0) out.push(`${indent}none`);
  if (production.complete === false) out.push(`  ${c.bold('incomplete')}: ${production.missing!.join('; ')}`);
  out.push(`  ${c.dim(production.hint)}`);
  return out;
}
