/**
 * Evaluating a Node program: its entry modules and the project modules they import, in order, under the
 * production environment; then the functions nothing called (handlers, callbacks) as conditional code.
 * Never throws: what it cannot follow is unknown, what it cannot read is a problem.
 */
import type { Workspace } from '../workspace/types.js';
import { markExportedApp, markMountedApps, runEntryPlugin } from './apps.js';
import type { Ctx } from './context.js';
import { runUncalled } from './functions.js';
import { exportsMap, exportValue, loadModule } from './loader.js';
import { BudgetExceeded, Interp } from './state.js';
import type { EvaluateOptions, JsProgram, JsValue } from './types.js';

export type { EvaluateOptions } from './types.js';

const fileSets = new WeakMap<Workspace, ReadonlySet<string>>();

function filesOf(workspace: Workspace): ReadonlySet<string> {
  let files = fileSets.get(workspace);
  if (!files) fileSets.set(workspace, (files = new Set(workspace.files)));
  return files;
}

function run(it: Interp, step: () => void): void {
  try {
    step();
  } catch (error) {
    if (error instanceof BudgetExceeded) return;
    const location = { file: it.evaluated[it.evaluated.length - 1] ?? '', line: 1, column: 1 };
    const message = error instanceof RangeError ? 'code nested too deeply to follow' : `evaluator failed: ${error instanceof Error ? error.message : String(error)}`;
    it.problems.push({ kind: 'evaluation-error', message, location });
  }
}

export function evaluateProgram(workspace: Workspace, entries: string[], options: EvaluateOptions): JsProgram {
  const it = new Interp(workspace, options, options.cwd ?? '', filesOf(workspace));
  for (const entry of entries) {
    run(it, () => {
      const record = loadModule(it, entry, true);
      if (!record) return;
      const ctx: Ctx = { it, scope: record.scope, mod: record };
      const exported = exportValue(record, 'default');
      if (options.entryPlugin) runEntryPlugin(ctx, options.entryPlugin, exported);
      markExportedApp(ctx, exported);
    });
  }
  run(it, () => runUncalled(it));
  run(it, () => markMountedApps(it));
  const exportsCache = new Map<string, Map<string, JsValue>>();
  return {
    entries: [...entries],
    files: [...it.evaluated],
    calls: it.calls,
    apps: it.apps,
    dotenv: it.dotenv,
    problems: it.problems,
    skippedCalls: it.skippedCalls,
    steps: it.steps,
    exportsOf(file) {
      const record = it.modules.get(file);
      if (!record) return undefined;
      let exported = exportsCache.get(file);
      if (!exported) exportsCache.set(file, (exported = exportsMap(record)));
      return exported;
    },
  };
}

/** Evaluates one configuration module (next.config.mjs, ecosystem.config.js) and returns its exports. */
export function evaluateConfigModule(workspace: Workspace, file: string, options: EvaluateOptions): { exports: Map<string, JsValue>; program: JsProgram } {
  const program = evaluateProgram(workspace, [file], options);
  return { exports: program.exportsOf(file) ?? new Map(), program };
}
