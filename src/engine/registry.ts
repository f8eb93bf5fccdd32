import { pathToFileURL } from 'node:url';
import { GRADES } from './grade.js';
import { importFile } from './import-file.js';
import { RULE_MODULES } from './rule-index.js';
import type { AnyRule, CheckRule, PolicyRuleDefinition, ReconcileRuleDefinition, RuleModule, ScanRuleDefinition } from './types.js';
import { SEVERITIES } from '../core/severity.js';
import { isProjectRule, isPolicyRule, isReconcileRule, isScanRule, isWorkspaceRule } from './types.js';

/** Check a rule's shape so a broken rule file fails loudly at load, not silently at run. */
export function validateRule(rule: AnyRule, expectedId?: string): void {
  const problems: string[] = [];
  if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(rule.id ?? '')) problems.push(`id '${rule.id}' is not group/slug`);
  if (expectedId && rule.id !== expectedId) problems.push(`id '${rule.id}' does not match its file (${expectedId})`);
  if (!SEVERITIES.includes(rule.severity)) problems.push(`severity '${rule.severity}' is not one of ${SEVERITIES.join(', ')}`);
  if (!rule.title) problems.push('title is empty');
  if (!rule.docs?.why || !rule.docs?.fix) problems.push('docs.why and docs.fix are required');
  if (!isPolicyRule(rule) && typeof rule.check !== 'function') problems.push('check is not a function');
  if (rule.cap && (!GRADES.includes(rule.cap.grade) || !rule.cap.reason)) problems.push(`cap needs a grade (${GRADES.join(' ')}) and a reason`);
  if (problems.length) throw new Error(`invalid rule ${expectedId ?? rule.id}: ${problems.join('; ')}`);
}

async function importRule(name: string, load: () => Promise<RuleModule>, expectedId?: string): Promise<AnyRule> {
  const module = await load();
  if (!module.default) throw new Error(`rule file ${name} has no default export`);
  validateRule(module.default, expectedId);
  return module.default;
}

/** Live-scan rules live in rules/web/ and nowhere else, so `check` never loads them (nor undici) and `scan` loads only them. */
const SCAN_GROUP = 'web';

const imported = new Map<string, Promise<AnyRule>>();

function importBuiltIn(id: string): Promise<AnyRule> {
  let rule = imported.get(id);
  if (!rule) {
    rule = importRule(`rules/${id}`, RULE_MODULES[id]!, id).then((loaded) => {
      // Users' rule files may leave the kind out (they run on every project); a built-in rule says which projects it checks.
      if (typeof loaded.kind !== 'string') throw new Error(`invalid rule ${id}: no kind (define it with its kind's define*Rule)`);
      if (isScanRule(loaded) !== id.startsWith(`${SCAN_GROUP}/`)) {
        throw new Error(`invalid rule ${id}: live-scan rules belong in rules/${SCAN_GROUP}/ and only there`);
      }
      if (isReconcileRule(loaded) !== isReconcileId(id)) {
        throw new Error(`invalid rule ${id}: reconciliation rules belong in rules/${RECONCILE_GROUP}/ and only there`);
      }
      return loaded;
    });
    imported.set(id, rule);
  }
  return rule;
}

function loadWhere(include: (id: string) => boolean): Promise<AnyRule[]> {
  return Promise.all(builtInRuleIds().filter(include).map(importBuiltIn));
}

const isScanId = (id: string) => id.startsWith(`${SCAN_GROUP}/`);

/** Reconciliation rules (rules/reconcile/) read live observations too: only `check --url` loads them. */
const RECONCILE_GROUP = 'reconcile';
const isReconcileId = (id: string) => id.startsWith(`${RECONCILE_GROUP}/`);
/** What a plain `check` loads: neither the live-scan nor the reconciliation rules. */
const isCheckId = (id: string) => !isScanId(id) && !isReconcileId(id);

/** The ids of every built-in rule, from the file names alone (nothing is imported), sorted. */
export function builtInRuleIds(): string[] {
  return Object.keys(RULE_MODULES);
}

/** Every built-in rule (rules/**): static, live-scan and policy, sorted by id. */
export function loadAllRules(): Promise<AnyRule[]> {
  return loadWhere(() => true);
}

/** The built-in rules `deploycheck check` runs: per-project and workspace-wide. */
export async function loadBuiltInRules(): Promise<CheckRule[]> {
  return (await loadWhere(isCheckId)).filter((rule): rule is CheckRule => isProjectRule(rule) || isWorkspaceRule(rule));
}

/** The meta/* rules whose findings the policy step creates. */
export async function loadPolicyRules(): Promise<PolicyRuleDefinition[]> {
  return (await loadWhere(isCheckId)).filter(isPolicyRule);
}

/** The built-in rules `deploycheck scan` runs. */
export async function loadBuiltInScanRules(): Promise<ScanRuleDefinition[]> {
  return (await loadWhere(isScanId)).filter(isScanRule);
}

/** Users' own rule files (same defineRule API), by absolute path. */
export function loadRuleFiles(files: string[]): Promise<AnyRule[]> {
  return Promise.all(files.map((file) => importRule(file, () => importFile(pathToFileURL(file).href) as Promise<RuleModule>)));
}

/** The rules `check --url` runs over a project and a live scan together (rules/reconcile/). */
export async function loadBuiltInReconcileRules(): Promise<ReconcileRuleDefinition[]> {
  return (await loadWhere(isReconcileId)).filter(isReconcileRule);
}
