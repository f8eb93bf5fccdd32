import type { FileLocation } from '../core/location.js';
import type { GeneratedModuleInfo, Interpreter } from './evaluator.js';
import type { Scope } from './scope.js';
import { unknown } from './value-ops.js';

/**
 * `from .local_settings import *` of a module the repository does not hold but production's start
 * script writes (a copy of a committed template with a generated key, or text the script prints):
 * it may set any setting, so each setting assigned before it that the module may set becomes
 * unknown, with the assumption in its reason. When the module is a copy of a committed template,
 * only the names the template assigns count, and a name whose template line has the same text as
 * the settings' own (and that the script's substitutions leave alone) keeps its value.
 */

const SETTING_NAME = /^[A-Z][A-Z0-9_]*$/;
const ASSIGNMENT = /^([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*$/;

/** Top-level `NAME = text` lines of a file: the text of each name's last one-line assignment. */
function assignments(interp: Interpreter, file: string): Map<string, string> | undefined {
  const read = interp.options.workspace.readText(file);
  if (!read.ok) return undefined;
  const found = new Map<string, string>();
  for (const line of read.text.split('\n')) {
    const match = ASSIGNMENT.exec(line);
    if (match) found.set(match[1]!, match[2]!);
  }
  return found;
}

/** The right-hand side of the one-line assignment at `at`, if it is one. */
function assignedText(interp: Interpreter, name: string, at: FileLocation | undefined): string | undefined {
  if (!at) return undefined;
  const read = interp.options.workspace.readText(at.file);
  const line = read.ok ? read.text.split('\n')[at.line - 1] : undefined;
  const match = line === undefined ? undefined : ASSIGNMENT.exec(line.trim());
  return match?.[1] === name ? match[2] : undefined;
}

const normalised = (text: string): string => text.replace(/\s+/g, '').replace(/"/g, "'");

/** Whether a one-line right-hand side is complete (`{` opening a dict over several lines is not). */
function complete(text: string): boolean {
  let depth = 0;
  for (const char of text.replace(/(['"])(?:\\.|(?!\1).)*\1/g, '')) {
    if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
  }
  return depth === 0 && !text.endsWith('\\');
}

/** Whether the generated module leaves `name` as the settings assign it. */
function keeps(interp: Interpreter, module: GeneratedModuleInfo, template: Map<string, string> | undefined, name: string, at: FileLocation | undefined): boolean {
  if (!template) return false;
  const theirs = template.get(name);
  if (theirs === undefined) return true;
  if (module.edits.some((edit) => edit !== '' && theirs.includes(edit))) return false;
  const ours = assignedText(interp, name, at);
  return ours !== undefined && complete(theirs) && normalised(ours) === normalised(theirs);
}

/** Apply the star import of `dotted`, written by production as `module` says. */
export function generatedStarImport(interp: Interpreter, dotted: string, module: GeneratedModuleInfo, scope: Scope, where: FileLocation): void {
  const template = module.template === undefined ? undefined : assignments(interp, module.template);
  const how = `${module.label}${module.template ? `, a copy of ${module.template}` : ''}`;
  for (const name of [...scope.values.keys()]) {
    if (!SETTING_NAME.test(name) || keeps(interp, module, template, name, scope.assignedAt.get(name))) continue;
    const reason = `assumed ${dotted} sets ${name}: production writes that module when it starts (${how}), and its star import may replace the value`;
    scope.set(name, unknown(reason, { loc: where }), where);
  }
}
