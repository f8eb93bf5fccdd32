import type { FileLocation } from '../core/location.js';
import type { PyValue } from './value.js';
import { unknown } from './value-ops.js';
import { MAX_VALUE_DEPTH, valueDepth } from './value-depth.js';

interface Change {
  scope: Scope;
  name: string;
  had: boolean;
  prev: PyValue | undefined;
  prevAt: FileLocation | undefined;
}

/** The binding a name had before the first write since a mark. */
export type PriorBinding = Pick<Change, 'had' | 'prev' | 'prevAt'>;

/**
 * Every write of every scope of one evaluation, in order. One journal for all scopes, so that a
 * branch that writes module names from inside a function (`global`) is rolled back and joined too.
 */
export class Journal {
  readonly changes: Change[] = [];
  /** Ticks at every scope creation and every mark: a scope born after a mark is new to that branch. */
  clock = 0;
}

/** A point in the journal: the writes after it, to scopes that existed then, can be joined or undone. */
export interface Mark {
  readonly position: number;
  readonly time: number;
}

/**
 * A Python namespace (module globals, a class body, a function's locals). Every write is journaled
 * so that an undecidable `if` can run both branches, undo one and merge what each assigned.
 */
export class Scope {
  readonly values = new Map<string, PyValue>();
  readonly assignedAt = new Map<string, FileLocation>();
  private readonly journal: Journal;
  private readonly born: number;
  /** Names a function declares `global` or `nonlocal`: read and written in that other scope. */
  private readonly redirects = new Map<string, Scope>();

  /**
   * `kind`: whose namespace this is; a function's locals shadow, never mutate, the enclosing scopes.
   * A scope shares its parent's journal; a module's gets the interpreter's.
   */
  constructor(
    readonly parent?: Scope,
    readonly kind: 'module' | 'class' | 'function' | 'comprehension' = 'module',
    journal?: Journal,
  ) {
    this.journal = journal ?? parent?.journal ?? new Journal();
    this.born = this.journal.clock++;
  }

  get(name: string): PyValue | undefined {
    const target = this.redirects.get(name);
    if (target) return target.get(name);
    return this.values.get(name) ?? this.parent?.get(name);
  }

  /** The scope `name` is bound in as seen from here (following `global`/`nonlocal`), if any. */
  owner(name: string): Scope | undefined {
    const target = this.redirects.get(name);
    if (target) return target.owner(name);
    return this.values.has(name) ? this : this.parent?.owner(name);
  }

  /** The scope a write of `name` from here lands in: this one, or where `global`/`nonlocal` sends it. */
  binder(name: string): Scope {
    return this.redirects.get(name)?.binder(name) ?? this;
  }

  /** The module namespace this scope's code runs in (what `global` and `globals()` refer to). */
  moduleScope(): Scope {
    return this.kind === 'module' || !this.parent ? this : this.parent.moduleScope();
  }

  /** `global name` in a function body. */
  declareGlobal(name: string): void {
    const module = this.moduleScope();
    if (module !== this) this.redirects.set(name, module);
  }

  /** `nonlocal name`: the nearest enclosing function that binds it; false when none does (a SyntaxError). */
  declareNonlocal(name: string): boolean {
    for (let scope = this.parent; scope; scope = scope.parent) {
      if (scope.kind === 'function' && (scope.values.has(name) || scope.redirects.has(name))) {
        this.redirects.set(name, scope);
        return true;
      }
    }
    return false;
  }

  /** Bind (or with `undefined`, delete) a name; `at` is the statement that did it. */
  set(name: string, value: PyValue | undefined, at?: FileLocation): void {
    const target = this.redirects.get(name);
    if (target) return target.set(name, value, at);
    this.journal.changes.push({ scope: this, name, had: this.values.has(name), prev: this.values.get(name), prevAt: this.assignedAt.get(name) });
    if (value === undefined) {
      this.values.delete(name);
      this.assignedAt.delete(name);
      return;
    }
    // The one place every name is bound: a value nested past the limit is unknown from here on.
    const bound = valueDepth(value) > MAX_VALUE_DEPTH ? unknown(`value nested more than ${MAX_VALUE_DEPTH} levels deep`, { loc: value.loc, env: value.env }) : value;
    this.values.set(name, bound);
    if (at) this.assignedAt.set(name, at);
  }

  mark(): Mark {
    return { position: this.journal.changes.length, time: this.journal.clock++ };
  }

  /**
   * Every scope that existed at `mark` and was written since, with its changed names (first write
   * each). Scopes created since (a call's locals, a module imported in the branch) are not included.
   */
  allChangesSince(mark: Mark): Map<Scope, Map<string, PriorBinding>> {
    const out = new Map<Scope, Map<string, PriorBinding>>();
    for (let i = mark.position; i < this.journal.changes.length; i++) {
      const change = this.journal.changes[i]!;
      if (change.scope.born > mark.time) continue;
      let names = out.get(change.scope);
      if (!names) out.set(change.scope, (names = new Map()));
      if (!names.has(change.name)) names.set(change.name, change);
    }
    return out;
  }

  /** Roll back every write since `mark` to the scopes that existed then. */
  undo(mark: Mark): void {
    const changes = this.journal.changes;
    while (changes.length > mark.position) {
      const change = changes.pop()!;
      if (change.scope.born > mark.time) continue;
      const { scope } = change;
      if (change.had && change.prev) scope.values.set(change.name, change.prev);
      else scope.values.delete(change.name);
      if (change.prevAt) scope.assignedAt.set(change.name, change.prevAt);
      else scope.assignedAt.delete(change.name);
    }
  }
}
