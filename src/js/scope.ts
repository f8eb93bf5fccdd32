/** Lexical scopes of the JS evaluator: bindings that hold values, or that read a module's export on use (ESM imports are live). */
import type { JsValue } from './types.js';

export interface ModuleExportRef {
  read(): JsValue;
}

export interface Binding {
  value: JsValue;
  /** The undecided-branch depth the binding was declared at: a write from deeper may not happen. */
  depth: number;
  /** An ESM import: the exporting module's current value. */
  live?: ModuleExportRef;
  /** A parameter of a function run with unknown arguments (calls to it are its callbacks). */
  parameterOf?: object;
}

export class Scope {
  private readonly vars = new Map<string, Binding>();

  /** `functionScope`: a module or function body (where `var` declares). */
  constructor(
    readonly parent?: Scope,
    readonly functionScope = false,
  ) {}

  /** The nearest module or function scope. */
  varScope(): Scope {
    if (this.functionScope || !this.parent) return this;
    return this.parent.varScope();
  }

  lookup(name: string): Binding | undefined {
    const own = this.vars.get(name);
    if (own) return own;
    for (let scope = this.parent; scope; scope = scope.parent) {
      const binding = scope.vars.get(name);
      if (binding) return binding;
    }
    return undefined;
  }

  declare(name: string, value: JsValue, depth: number, extra: Partial<Binding> = {}): Binding {
    const binding: Binding = { value, depth, ...extra };
    this.vars.set(name, binding);
    return binding;
  }
}

export function readBinding(binding: Binding): JsValue {
  return binding.live ? binding.live.read() : binding.value;
}
