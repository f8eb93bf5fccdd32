import type { EnvVar } from '../env/types.js';
import type { Args, ModuleRecord } from './evaluator.js';
import type { PyNode as SyntaxNode } from './syntax.js';
import type { CsvSpec } from './env-casts.js';
import type { Scope } from './scope.js';
import type { PyValue } from './value.js';

/** What the evaluator knows about an object value beyond its PyValue form (kept off the public type). */
export type Internal =
  | { tag: 'module'; module: ModuleRecord }
  | { tag: 'class'; name: string; bases: PyValue[]; scope: Scope; file: string }
  | { tag: 'function'; name: string; property: boolean; definition?: FunctionDefinition }
  | { tag: 'bound'; self: PyValue; name: string }
  | { tag: 'parents'; paths: string[] }
  | { tag: 'environ.Env'; scheme: Map<string, SchemeEntry>; prefix: string; smartCast: boolean }
  | { tag: 'decouple.Config'; repository: EnvVar[] | 'auto' | undefined; label: string }
  | { tag: 'decouple.Repository'; vars: EnvVar[] | undefined; label: string }
  | { tag: 'decouple.Csv'; spec: CsvSpec; text: string }
  | { tag: 'decouple.Choices'; choices: PyValue[]; cast?: string; text: string }
  | { tag: 'configurations.Value'; valueType: string; args: Args; defaultText?: string };

/** A `def` or `lambda` of the project that calls can run (absent when a decorator hides what it does). */
export interface FunctionDefinition {
  /** The `function_definition` or `lambda` node. */
  node: SyntaxNode;
  /** The scope free names resolve in: the defining module, or the enclosing function's locals. */
  closure: Scope;
  module: ModuleRecord | undefined;
  file: string;
  /** Parameter defaults, evaluated once when the `def` ran (as Python does). */
  defaults: Map<string, PyValue>;
}

export interface SchemeEntry {
  cast?: PyValue;
  default?: PyValue;
  defaultText?: string;
}

const table = new WeakMap<object, Internal>();

export function internalOf(value: PyValue | undefined): Internal | undefined {
  return value ? table.get(value) : undefined;
}

export function setInternal(value: PyValue, internal: Internal): void {
  table.set(value, internal);
}

/** Method resolution order of a project class (depth-first, a class after all its subclasses). */
export function classLinearization(cls: PyValue): PyValue[] {
  const order: PyValue[] = [];
  const visit = (c: PyValue, depth: number): void => {
    if (depth > 50) return;
    order.push(c);
    const internal = internalOf(c);
    if (internal?.tag === 'class') for (const base of internal.bases) visit(base, depth + 1);
  };
  visit(cls, 0);
  return order.filter((c, i) => order.lastIndexOf(c) === i);
}
