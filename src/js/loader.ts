/** Loading project modules: parse, evaluate once per run (cycles see partial exports), and read their exports. */
import type { FileLocation } from '../core/location.js';
import { type Ctx } from './context.js';
import { jsonValue } from './json.js';
import { type Resolution, resolveSpecifier } from './modules.js';
import { MAX_SOURCE_BYTES, parseFile } from './parser.js';
import { Scope } from './scope.js';
import type { Interp, ModuleRecord } from './state.js';
import { evalModuleBody } from './statements.js';
import type { JsValue } from './types.js';
import { unknown } from './values.js';

function newRecord(file: string, text: string, isEntry: boolean): ModuleRecord {
  const exportsObject: JsValue = { kind: 'object', props: new Map() };
  return {
    file,
    text,
    state: 'evaluating',
    isEntry,
    scope: new Scope(undefined, true),
    moduleObject: { kind: 'object', props: new Map([['exports', exportsObject]]) },
    named: new Map(),
    starFrom: [],
    esm: false,
  };
}

function loadJson(it: Interp, file: string): ModuleRecord | undefined {
  const read = it.workspace.readText(file);
  if (!read.ok || read.text.length > MAX_SOURCE_BYTES) {
    it.problem({ kind: read.ok ? 'too-large' : 'unreadable-file', message: read.ok ? `${file} is over 1 MB: not read` : read.message, location: { file, line: 1, column: 1 } });
    return undefined;
  }
  const record = newRecord(file, read.text, false);
  record.moduleObject.props.set('exports', jsonValue(read.text, file));
  record.state = 'done';
  it.modules.set(file, record);
  it.evaluated.push(file);
  return record;
}

/** Evaluate a project module once; undefined when it cannot be read or parsed (a problem says why). */
export function loadModule(it: Interp, file: string, isEntry: boolean, importedAt?: FileLocation): ModuleRecord | undefined {
  const existing = it.modules.get(file);
  if (existing) {
    if (existing.state === 'evaluating' && importedAt) {
      it.problem({ kind: 'import-cycle', message: `${file} is imported while it is still being evaluated (an import cycle): its exports are partial there`, location: importedAt });
    }
    return existing;
  }
  if (file.endsWith('.json')) return loadJson(it, file);
  const parsed = parseFile(it.workspace, file);
  if (!parsed.ok) {
    it.problem(parsed.problem);
    return undefined;
  }
  const record = newRecord(file, parsed.text, isEntry);
  it.modules.set(file, record);
  it.evaluated.push(file);
  record.esm = parsed.ast.program.sourceType === 'module';
  try {
    evalModuleBody({ it, scope: record.scope, mod: record }, parsed.ast.program.body);
  } finally {
    record.state = 'done';
  }
  return record;
}

/** The value a module exports under a name ('default' included), read now (ESM bindings are live). */
export function exportValue(record: ModuleRecord, name: string, depth = 0): JsValue {
  const named = record.named.get(name);
  if (named) return named();
  if (name !== 'default' && depth < 8) {
    for (const source of record.starFrom) {
      const value = exportValue(source, name, depth + 1);
      if (value.kind !== 'undefined') return value;
    }
  }
  const exported = record.moduleObject.props.get('exports');
  if (!exported) return { kind: 'undefined' };
  if (name === 'default') return record.esm ? { kind: 'undefined' } : exported;
  if (exported.kind === 'object') return exported.props.get(name) ?? { kind: 'undefined' };
  return exported.kind === 'unknown' ? exported : { kind: 'undefined' };
}

/** Every export of a module by name (module.exports / export default as 'default'). */
export function exportsMap(record: ModuleRecord, depth = 0): Map<string, JsValue> {
  const out = new Map<string, JsValue>();
  if (depth < 8) for (const source of record.starFrom) for (const [name, value] of exportsMap(source, depth + 1)) if (name !== 'default') out.set(name, value);
  const exported = record.moduleObject.props.get('exports');
  if (!record.esm && exported) {
    if (exported.kind === 'object') for (const [name, value] of exported.props) out.set(name, value);
    out.set('default', exported);
  }
  for (const [name, read] of record.named) out.set(name, read());
  return out;
}

/** The namespace object of `import * as ns` / `require()` of an ES module / `await import()`. */
export function namespaceOf(record: ModuleRecord): JsValue {
  if (!record.esm) return record.moduleObject.props.get('exports') ?? unknown('exports');
  return { kind: 'object', props: exportsMap(record) };
}

/** What an import/require of `specifier` from the current module names. */
export function resolveImport(ctx: Ctx, specifier: string, at: FileLocation): Resolution {
  const resolution = resolveSpecifier(ctx.it.workspace, ctx.it.files, ctx.mod.file, specifier);
  if (resolution.kind === 'unresolved') ctx.it.problem({ kind: 'unresolved-import', message: resolution.reason, location: at });
  return resolution;
}

/** `require(specifier)`: a project module's exports, a package binding, or unknown. */
export function requireValue(ctx: Ctx, specifier: string, at: FileLocation, namespace: boolean): JsValue {
  const resolution = resolveImport(ctx, specifier, at);
  if (resolution.kind === 'external') return { kind: 'module', specifier: resolution.specifier, path: [], loc: at };
  if (resolution.kind !== 'project') return unknown(resolution.reason, { loc: at });
  const record = loadModule(ctx.it, resolution.file, false, at);
  if (!record) return unknown(`${resolution.file} could not be read`, { loc: at });
  return namespace ? namespaceOf(record) : record.esm ? namespaceOf(record) : (record.moduleObject.props.get('exports') ?? unknown('exports', { loc: at }));
}
