/** ESM and TS module syntax: import declarations (live bindings), exports, `import x = require()`, `export =`. */
import type * as t from '@babel/types';
import { setMember } from './assign.js';
import { type Ctx, here } from './context.js';
import { loadDotenvConfig } from './dotenv.js';
import { evalExpr } from './expressions.js';
import { makeClass, makeFunction } from './functions.js';
import { exportValue, loadModule, namespaceOf, requireValue, resolveImport } from './loader.js';
import { readBinding } from './scope.js';
import type { ModuleRecord } from './state.js';
import { declare, evalStatement } from './statements.js';
import type { JsValue } from './types.js';
import { unknown } from './values.js';

/** The project module an import names, loaded; or the package; or undefined (a problem was recorded). */
function importTarget(ctx: Ctx, source: t.StringLiteral): { record: ModuleRecord } | { specifier: string } | undefined {
  const at = here(ctx, source);
  const resolution = resolveImport(ctx, source.value, at);
  if (resolution.kind === 'external') {
    if (resolution.specifier === 'dotenv/config') loadDotenvConfig(ctx, [], at);
    return { specifier: resolution.specifier };
  }
  if (resolution.kind !== 'project') return undefined;
  const record = loadModule(ctx.it, resolution.file, false, at);
  return record ? { record } : undefined;
}

function bindLive(ctx: Ctx, name: string, read: () => JsValue): void {
  ctx.scope.declare(name, unknown('import'), 0, { live: { read } });
}

/** `import … from '…'` (run before the module's other statements, as ESM does). */
export function hoistImport(ctx: Ctx, node: t.ImportDeclaration): void {
  ctx.mod.esm = true;
  if (node.importKind === 'type' || node.importKind === 'typeof') return;
  const target = importTarget(ctx, node.source);
  for (const specifier of node.specifiers) {
    if (specifier.type === 'ImportSpecifier' && specifier.importKind === 'type') continue;
    const local = specifier.local.name;
    const loc = here(ctx, specifier);
    if (!target) {
      ctx.scope.declare(local, unknown(`import from ${node.source.value} not resolved`, { loc }), 0);
      continue;
    }
    const imported = specifier.type === 'ImportDefaultSpecifier' ? 'default' : specifier.type === 'ImportNamespaceSpecifier' ? '*' : importedName(specifier.imported);
    if ('specifier' in target) {
      const path = imported === '*' || imported === 'default' ? [] : [imported];
      ctx.scope.declare(local, { kind: 'module', specifier: target.specifier, path, loc }, 0);
    } else {
      const { record } = target;
      bindLive(ctx, local, imported === '*' ? () => namespaceOf(record) : () => exportValue(record, imported));
    }
  }
}

function importedName(node: t.Identifier | t.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

function exportLocal(ctx: Ctx, exported: string, local: string): void {
  const scope = ctx.scope;
  ctx.mod.named.set(exported, () => {
    const binding = scope.lookup(local);
    return binding ? readBinding(binding) : unknown(`${local} read before it is initialized`);
  });
}

function declaredNames(pattern: t.Node, out: string[] = []): string[] {
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const property of pattern.properties) declaredNames(property.type === 'RestElement' ? property.argument : property.value, out);
      break;
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element) declaredNames(element, out);
      break;
    case 'AssignmentPattern':
      declaredNames(pattern.left, out);
      break;
    case 'RestElement':
      declaredNames(pattern.argument, out);
      break;
  }
  return out;
}

export function evalExport(ctx: Ctx, node: t.ExportNamedDeclaration | t.ExportDefaultDeclaration | t.ExportAllDeclaration | t.TSExportAssignment): void {
  if (node.type === 'TSExportAssignment') {
    // `export =` is TypeScript's CommonJS export.
    ctx.mod.esm = false;
    setMember(ctx, ctx.mod.moduleObject, 'exports', evalExpr(ctx, node.expression), here(ctx, node));
    return;
  }
  ctx.mod.esm = true;
  if (node.type === 'ExportAllDeclaration') {
    if (node.exportKind === 'type') return;
    const target = importTarget(ctx, node.source);
    if (target && 'record' in target) ctx.mod.starFrom.push(target.record);
    return;
  }
  if (node.type === 'ExportDefaultDeclaration') {
    const declaration = node.declaration;
    let value: JsValue;
    if (declaration.type === 'FunctionDeclaration' || declaration.type === 'TSDeclareFunction') {
      value = declaration.id ? (ctx.scope.lookup(declaration.id.name)?.value ?? unknown('function')) : declaration.type === 'FunctionDeclaration' ? makeFunction(ctx, declaration) : unknown('declared function');
    } else if (declaration.type === 'ClassDeclaration') {
      value = makeClass(ctx, declaration);
      if (declaration.id) ctx.scope.declare(declaration.id.name, value, ctx.it.conditional);
    } else {
      value = evalExpr(ctx, declaration);
    }
    ctx.mod.named.set('default', () => value);
    return;
  }
  if (node.exportKind === 'type') return;
  const declaration = node.declaration;
  if (declaration) {
    if (declaration.type === 'VariableDeclaration') {
      declare(ctx, declaration);
      for (const declarator of declaration.declarations) for (const name of declaredNames(declarator.id)) exportLocal(ctx, name, name);
    } else if (declaration.type === 'FunctionDeclaration' && declaration.id) {
      exportLocal(ctx, declaration.id.name, declaration.id.name);
    } else if (declaration.type === 'ClassDeclaration' && declaration.id) {
      ctx.scope.declare(declaration.id.name, makeClass(ctx, declaration), ctx.it.conditional);
      exportLocal(ctx, declaration.id.name, declaration.id.name);
    } else if (declaration.type === 'TSEnumDeclaration') {
      evalStatement(ctx, declaration);
      exportLocal(ctx, declaration.id.name, declaration.id.name);
    }
    return;
  }
  const target = node.source ? importTarget(ctx, node.source) : undefined;
  for (const specifier of node.specifiers) {
    if (specifier.type === 'ExportSpecifier' && specifier.exportKind === 'type') continue;
    const exported = importedName(specifier.exported);
    if (!node.source) {
      if (specifier.type === 'ExportSpecifier') exportLocal(ctx, exported, specifier.local.name);
      continue;
    }
    if (!target) {
      ctx.mod.named.set(exported, () => unknown(`export from ${node.source!.value} not resolved`));
    } else if ('specifier' in target) {
      const path = specifier.type === 'ExportSpecifier' && specifier.local.name !== 'default' ? [specifier.local.name] : [];
      const value: JsValue = { kind: 'module', specifier: target.specifier, path };
      ctx.mod.named.set(exported, () => value);
    } else {
      const { record } = target;
      if (specifier.type === 'ExportNamespaceSpecifier') ctx.mod.named.set(exported, () => namespaceOf(record));
      else if (specifier.type === 'ExportSpecifier') {
        const local = specifier.local.name;
        ctx.mod.named.set(exported, () => exportValue(record, local));
      }
    }
  }
}

/** TS `import x = require('y')` / `import x = A.B`. */
export function evalImportEquals(ctx: Ctx, node: t.TSImportEqualsDeclaration): void {
  if (node.importKind === 'type') return;
  const reference = node.moduleReference;
  const loc = here(ctx, node);
  let value: JsValue;
  if (reference.type === 'TSExternalModuleReference') value = requireValue(ctx, reference.expression.value, loc, false);
  else value = unknown('namespace alias', { loc });
  ctx.scope.declare(node.id.name, value, ctx.it.conditional);
  if (node.isExport) exportLocal(ctx, node.id.name, node.id.name);
}
