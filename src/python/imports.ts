import type { FileLocation } from '../core/location.js';
import type { PyNode as SyntaxNode } from './syntax.js';
import type { ModuleRecord, Interpreter } from './evaluator.js';
import type { Scope } from './scope.js';
import type { PyValue } from './value.js';
import { RaiseSignal } from './signals.js';
import { object, unknown } from './value-ops.js';
import { externalImport } from './optional-imports.js';
import { generatedStarImport } from './generated-import.js';
import { importFromModule } from './relative-imports.js';

/** `import` and `from … import …` of project modules and libraries. */


export function missingModule(interp: Interpreter, dotted: string, where: FileLocation): PyValue {
  return interp.fail('ModuleNotFoundError', `cannot import ${dotted}: no such module in the project`, where, undefined, 'unresolved-import');
}

export function execImport(interp: Interpreter, node: SyntaxNode, scope: Scope): void {
  const where = interp.here(node);
  for (const item of node.childrenForFieldName('name')) {
    if (!item) continue;
    const dottedNode = item.type === 'aliased_import' ? item.childForFieldName('name') : item;
    const alias = item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : undefined;
    const dotted = dottedNode?.text.replace(/\s/g, '') ?? '';
    const top = dotted.split('.')[0]!;
    if (!interp.isProjectTopLevel(top)) {
      externalImport(interp, top, where);
      scope.set(alias ?? top, object(`ext:${alias ? dotted : top}`), where);
      continue;
    }
    const record = interp.importModule(dotted, where);
    if (!record) {
      scope.set(alias ?? top, missingModule(interp, dotted, where), where);
      continue;
    }
    scope.set(alias ?? top, alias ? record.object : interp.modules.get(top)!.object, where);
  }
}

export function execImportFrom(interp: Interpreter, node: SyntaxNode, scope: Scope): void {
  const where = interp.here(node);
  const moduleNode = node.childForFieldName('module_name');
  if (!moduleNode) return;
  let dotted: string | undefined;
  let project: boolean;
  if (moduleNode.type === 'relative_import') {
    dotted = importFromModule(moduleNode, interp.module?.package);
    if (dotted === undefined) {
      interp.problem('unresolved-import', `relative import beyond the top-level package in ${interp.file}`, where);
      return;
    }
    project = true;
  } else {
    dotted = moduleNode.text.replace(/\s/g, '');
    project = interp.isProjectTopLevel(dotted.split('.')[0]!);
  }
  if (dotted === '__future__') return;
  const names = node.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
  const wildcard = node.namedChildren.some((c) => c?.type === 'wildcard_import');
  if (!project) {
    // `try: from local_settings import * except ImportError:` — a star import of a module that is
    // not in the project is almost always optional local settings, so it is treated as absent.
    if (wildcard && interp.tryDepth > 0) throw new RaiseSignal('ModuleNotFoundError', `No module named ${dotted}`, where, 'unresolved-import');
    externalImport(interp, dotted.split('.')[0]!, where);
    for (const item of names) {
      const { name, alias } = importedName(item);
      scope.set(alias, object(`ext:${dotted}.${name}`), where);
    }
    return;
  }
  // `from package import submodule` while the package's __init__ runs is normal; the cycle is
  // reported below only when a name is actually missing from the half-evaluated module.
  const record = dotted === '' ? undefined : interp.importModule(dotted, where, wildcard);
  const generated = !record && wildcard && dotted !== '' ? interp.options.generatedModule?.(interp.modulePath(dotted)) : undefined;
  if (generated) return generatedStarImport(interp, dotted, generated, scope, where);
  if (!record) {
    if (dotted !== '' || !names.length) {
      const failure = missingModule(interp, dotted || '(top level)', where);
      for (const item of names) scope.set(importedName(item).alias, failure, where);
      return;
    }
  }
  if (wildcard && record) return starImport(interp, record, scope);
  for (const item of names) {
    const { name, alias } = importedName(item);
    let value = record?.scope.values.get(name);
    let at = record?.scope.assignedAt.get(name);
    if (!value) {
      const sub = interp.importModule(dotted ? `${dotted}.${name}` : name, where);
      if (sub) {
        value = sub.object;
        at = where;
      }
    }
    if (value) scope.set(alias, value, at ?? where);
    else if (record?.loading) {
      interp.problem('import-cycle', `import cycle: ${name} is imported from ${dotted} while it is still being evaluated`, where);
      scope.set(alias, unknown(`${name} is not defined yet in ${dotted} (import cycle)`, { loc: where }), where);
    } else scope.set(alias, interp.fail('ImportError', `cannot import name ${name} from ${dotted}`, where, undefined, 'unresolved-import'), where);
  }
}

export function starImport(interp: Interpreter, record: ModuleRecord, scope: Scope): void {
  const all = record.scope.values.get('__all__');
  const names =
    all && (all.kind === 'list' || all.kind === 'tuple') && all.items.every((i) => i.kind === 'str')
      ? all.items.map((i) => (i as { value: string }).value)
      : [...record.scope.values.keys()].filter((n) => !n.startsWith('_'));
  for (const name of names) {
    const value = record.scope.values.get(name);
    if (value) scope.set(name, value, record.scope.assignedAt.get(name) ?? interp.statement);
  }
}

export function importedName(item: SyntaxNode): { name: string; alias: string } {
  if (item.type === 'aliased_import') {
    const name = item.childForFieldName('name')?.text ?? '';
    return { name, alias: item.childForFieldName('alias')?.text ?? name };
  }
  return { name: item.text, alias: item.text };
}
