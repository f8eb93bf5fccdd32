import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { loadAllRules } from '../engine/registry.js';
import type { AnyRule } from '../engine/types.js';

function djangoIds(rule: AnyRule): string {
  if (!rule.django) return '';
  return Array.isArray(rule.django) ? rule.django.join(',') : rule.django;
}

export function formatRuleList(rules: AnyRule[]): string {
  const rows = rules.map((rule) => [rule.id, rule.severity, djangoIds(rule) || '-', rule.title]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  return `${rows.map((row) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ')).join('\n')}\n`;
}

export function formatExplanation(rule: AnyRule): string {
  const lines = [
    `${rule.id}: ${rule.title}`,
    `severity: ${rule.severity}${rule.django ? `   django: ${djangoIds(rule)}` : ''}`,
    '',
    'Why',
    rule.docs.why.trim(),
    '',
    'Fix',
    rule.docs.fix.trim(),
  ];
  if (rule.docs.refs?.length) lines.push('', 'References', ...rule.docs.refs.map((ref) => `- ${ref}`));
  return `${lines.join('\n')}\n`;
}

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list the rules: id, severity, Django check id, title')
    .action(async () => {
      process.stdout.write(formatRuleList(await loadAllRules()));
    });
  program
    .command('explain')
    .description("print a rule's documentation: why it matters and how to fix it")
    .argument('<id>', 'rule id, e.g. django/debug, or a Django check id such as security.W018')
    .action(async (id: string) => {
      const rules = await loadAllRules();
      const rule =
        rules.find((r) => r.id === id) ??
        rules.find((r) => (Array.isArray(r.django) ? r.django : [r.django]).includes(id));
      if (!rule) throw new UsageError(`no rule '${id}' (see \`deploycheck rules\`)`);
      process.stdout.write(formatExplanation(rule));
    });
}
