/** The state of one evaluation run: what it found so far, its budgets, the modules it loaded. */
import type * as t from '@babel/types';
import type { EnvRead } from '../core/env-read.js';
import type { FileLocation } from '../core/location.js';
import type { Workspace } from '../workspace/types.js';
import type { Scope } from './scope.js';
import type { EvaluateOptions, JsApp, JsCall, JsFunction, JsProblem, JsValue } from './types.js';

/** Statements and expressions evaluated per program; beyond it the rest is unknown (a `step-budget` problem). */
export const MAX_STEPS = 400_000;
/** Nesting of expressions, statements and calls together: keeps the evaluator's own stack bounded. */
export const MAX_DEPTH = 300;
/** Functions the evaluator runs without a call it saw (handlers, callbacks), per program. */
export const MAX_UNCALLED_RUNS = 4000;

export interface ModuleRecord {
  file: string;
  /** The module's source text. */
  text: string;
  state: 'evaluating' | 'done';
  isEntry: boolean;
  scope: Scope;
  /** The CommonJS `module` object; `module.exports` starts as `exportsObject`. */
  moduleObject: Extract<JsValue, { kind: 'object' }>;
  /** ESM exports by name, read when used (live). */
  named: Map<string, () => JsValue>;
  /** `export * from` sources. */
  starFrom: ModuleRecord[];
  /** The module uses import/export syntax. */
  esm: boolean;
}

/** A function value with what running it needs. */
export interface Closure {
  fn: JsFunction;
  node: t.Function | t.Class;
  scope: Scope;
  module: ModuleRecord;
  ran: boolean;
  /** Times it ran (bounded per program). */
  runs: number;
}

/** A project class: its methods (found on its instances) and what `new` runs. */
export interface ClassInfo {
  methods: Map<string, JsValue>;
  init?: Closure;
  /** Instance fields, initialized by `new` with `this` bound. */
  fields: { key: string; node: t.Expression }[];
  superClass?: JsValue;
  scope: Scope;
}

/** What a running function collects: its return values and what it passes to its callback parameter. */
export interface Frame {
  closure: Closure;
  returns: JsValue[];
  callbacks: JsValue[];
  /** The body may end without a return. */
  fallsThrough: boolean;
}

/** Where a variable comes from that the code exits without and the repository does not set. */
export const REQUIRED_SOURCE = 'the platform (required by the code, not set in the repository)';

export class BudgetExceeded extends Error {}

export class Interp {
  steps = 0;
  depth = 0;
  /** Depth of undecided branches and of functions run without a known call: calls there are `conditional`. */
  conditional = 0;
  /**
   * Unset variables whose absence chose the branches around the current code (`if (NODE_ENV === 'production')`
   * with NODE_ENV unset): what runs there, or is left unwritten, holds only while production leaves them unset.
   */
  assumed: EnvRead[] = [];
  /** Depth of branches skipped only because a variable is unset: see `skippedCalls`, assign.ts. */
  skipped = 0;
  /** Package calls written in those skipped branches (not run, not in `calls`). */
  readonly skippedCalls: JsCall[] = [];
  readonly calls: JsCall[] = [];
  readonly apps: JsApp[] = [];
  readonly dotenv: { path: string; location: FileLocation }[] = [];
  readonly problems: JsProblem[] = [];
  readonly modules = new Map<string, ModuleRecord>();
  /** Workspace files evaluated, in order. */
  readonly evaluated: string[] = [];
  readonly closures = new WeakMap<JsFunction, Closure>();
  readonly uncalled: Closure[] = [];
  readonly classes = new WeakMap<Closure, ClassInfo>();
  /** Objects made by `new` of a project class → the class. */
  readonly instanceOf = new WeakMap<object, ClassInfo>();
  /** Properties assigned on instances (an app's are its JsApp.props). */
  readonly instanceProps = new Map<number, Map<string, JsValue>>();
  /** Server instances (http.createServer(app), app.listen()) → the apps they serve. */
  readonly servers = new Map<number, number[]>();
  /** Objects and arrays created inside an undecided branch, with its depth. */
  readonly createdAt = new WeakMap<object, number>();
  frames: Frame[] = [];
  private nextId = 1;
  private budgetReported = false;

  constructor(
    readonly workspace: Workspace,
    readonly options: EvaluateOptions,
    /** The folder production starts the program in (workspace-relative). */
    readonly cwd: string,
    /** Workspace files the evaluator may read as project modules. */
    readonly files: ReadonlySet<string>,
  ) {}

  id(): number {
    return this.nextId++;
  }

  /** Count one step; past the budget, abort the program's evaluation (once reported). */
  step(location: () => FileLocation): void {
    if (++this.steps <= MAX_STEPS) return;
    if (!this.budgetReported) {
      this.budgetReported = true;
      this.problems.push({ kind: 'step-budget', message: `evaluation stopped after ${MAX_STEPS} steps: the rest is unknown`, location: location() });
    }
    throw new BudgetExceeded();
  }

  problem(problem: JsProblem): void {
    if (!this.problems.some((seen) => seen.kind === problem.kind && seen.message === problem.message)) this.problems.push(problem);
  }

  /** process.env assignments the code made (`process.env.NODE_ENV = 'production'`). */
  readonly envWrites = new Map<string, JsValue>();

  /** Variables the code refuses to start without (`if (!process.env.X) process.exit(1)`): production provides them. */
  readonly envRequired = new Set<string>();

  envRead(name: string): { read: EnvRead; value?: string } {
    if (this.envRequired.has(name) && !this.options.env(name).set) {
      return { read: { name, reader: 'process.env', set: true, sourceLabel: REQUIRED_SOURCE } };
    }
    const lookup = this.options.env(name);
    const read: EnvRead = { name, reader: 'process.env', set: lookup.set };
    if (lookup.source) read.source = lookup.source;
    if (lookup.sourceLabel) read.sourceLabel = lookup.sourceLabel;
    return lookup.value === undefined ? { read } : { read, value: lookup.value };
  }
}
