import type { PyNode } from './syntax.js';

/** Relative module names, resolved the way importlib does (`importlib._bootstrap._resolve_name`). */

/**
 * `rest` after `dots` leading dots, relative to the package `packageName`; undefined when there is
 * no parent package or the dots climb beyond its top (Python raises ImportError there).
 */
export function resolveRelativeModule(packageName: string | undefined, dots: number, rest?: string): string | undefined {
  if (dots === 0) return rest;
  if (!packageName) return undefined;
  const parts = packageName.split('.');
  if (dots > parts.length) return undefined;
  const base = parts.slice(0, parts.length - (dots - 1));
  if (rest) base.push(rest);
  return base.join('.');
}

/** The module a `from <module_name> import …` names, its relative form resolved against `packageName`. */
export function importFromModule(moduleNode: PyNode, packageName: string | undefined): string | undefined {
  if (moduleNode.type !== 'relative_import') return moduleNode.text.replace(/\s/g, '');
  const dots = moduleNode.namedChildren.find((child) => child.type === 'import_prefix')?.text.length ?? 1;
  return resolveRelativeModule(packageName, dots, moduleNode.namedChildren.find((child) => child.type === 'dotted_name')?.text);
}
