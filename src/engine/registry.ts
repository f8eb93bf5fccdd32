import { readdirSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnyRule, CheckRule, PolicyRuleDefinition, ScanRuleDefinition } from './types.js';
import { SEVERITIES, isCheckRule, isPolicyRule, isScanRule, isWorkspaceRule } from './types.js';

/** rules/ beside src/: the .ts sources under vitest, the compiled .js files under dist/. */
const rulesDir = fileURLToPath(new URL('../../rules/', import.meta.url));
const extension = extname(fileURLToPath(import.meta.url));

function listRuleFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listRuleFiles(path));
    else if (entry.name.endsWith(extension) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** Check a rule's shape so a broken rule file fails loudly at load, not silently at run. */
export function validateRule(rule: AnyRule, expectedId?: string): void {
  const problems: string[] = [];
  if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(rule.id ?? '')) problems.push(`id '${rule.id}' is not group/slug`);
  if (expectedId && rule.id !== expectedId) problems.push(`id '${rule.id}' does not match its file (${expectedId})`);
  if (!SEVERITIES.includes(rule.severity)) problems.push(`severity '${rule.severity}' is not one of ${SEVERITIES.join(', ')}`);
  if (!rule.title) problems.push('title is empty');
  if (!rule.docs?.why || !rule.docs?.fix) problems.push('docs.why and docs.fix are required');
  if (!isPolicyRule(rule) && typeof rule.check !== 'function') problems.push('check is not a function');
  if (problems.length) throw new Error(`invalid rule ${expectedId ?? rule.id}: ${problems.join('; ')}`);
}

async function importRule(file: string, expectedId?: string): Promise<AnyRule> {
  const module = (await import(pathToFileURL(file).href)) as { default?: AnyRule };
  if (!module.default) throw new Error(`rule file ${file} has no default export`);
  validateRule(module.default, expectedId);
  return module.default;
}

/** Live-scan rules live in rules/web/ and nowhere else, so `check` never loads them (nor undici) and `scan` loads only them. */
const SCAN_GROUP = 'web';

interface RuleFile {
  id: string;
  file: string;
}

let listing: RuleFile[] | undefined;
const imported = new Map<string, Promise<AnyRule>>();

function builtInFiles(): RuleFile[] {
  listing ??= listRuleFiles(rulesDir)
    .map((file) => ({ file, id: relative(rulesDir, file).slice(0, -extension.length).split(sep).join('/') }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return listing;
}

function importBuiltIn({ file, id }: RuleFile): Promise<AnyRule> {
  let rule = imported.get(id);
  if (!rule) {
    rule = importRule(file, id).then((loaded) => {
      if (isScanRule(loaded) !== id.startsWith(`${SCAN_GROUP}/`)) {
        throw new Error(`invalid rule ${id}: live-scan rules belong in rules/${SCAN_GROUP}/ and only there`);
      }
      return loaded;
    });
    imported.set(id, rule);
  }
  return rule;
}

function loadWhere(include: (id: string) => boolean): Promise<AnyRule[]> {
  return Promise.all(builtInFiles().filter(({ id }) => include(id)).map(importBuiltIn));
}

const isScanId = (id: string) => id.startsWith(`${SCAN_GROUP}/`);

/** The ids of every built-in rule, from the file names alone (nothing is imported). */
export function builtInRuleIds(): string[] {
  return builtInFiles().map(({ id }) => id);
}

/** Every built-in rule (rules/**): static, live-scan and policy, sorted by id. */
export function loadAllRules(): Promise<AnyRule[]> {
  return loadWhere(() => true);
}

/** The built-in rules `deploycheck check` runs: per-project and workspace-wide. */
export async function loadBuiltInRules(): Promise<CheckRule[]> {
  return (await loadWhere((id) => !isScanId(id))).filter((rule): rule is CheckRule => isCheckRule(rule) || isWorkspaceRule(rule));
}

/** The meta/* rules whose findings the policy step creates. */
export async function loadPolicyRules(): Promise<PolicyRuleDefinition[]> {
  return (await loadWhere((id) => !isScanId(id))).filter(isPolicyRule);
}

/** The built-in rules `deploycheck scan` runs. */
export async function loadBuiltInScanRules(): Promise<ScanRuleDefinition[]> {
  return (await loadWhere(isScanId)).filter(isScanRule);
}

/** Users' own rule files (same defineRule API), by absolute path. */
export function loadRuleFiles(files: string[]): Promise<AnyRule[]> {
  return Promise.all(files.map((file) => importRule(file)));
}
