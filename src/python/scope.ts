import type { FileLocation } from '../engine/types.js';
import type { PyValue } from './value.js';

interface Change {
  name: string;
  had: boolean;
  prev: PyValue | undefined;
  prevAt: FileLocation | undefined;
}

/**
 * A Python namespace (module globals or a class body). Every write is journaled so that an
 * undecidable `if` can run both branches, undo one and merge what each assigned.
 */
export class Scope {
  readonly values = new Map<string, PyValue>();
  readonly assignedAt = new Map<string, FileLocation>();
  private readonly journal: Change[] = [];

  /** `kind`: whose namespace this is; a function's locals shadow, never mutate, the enclosing scopes. */
  constructor(
    readonly parent?: Scope,
    readonly kind: 'module' | 'class' | 'function' | 'comprehension' = 'module',
  ) {}

  get(name: string): PyValue | undefined {
    return this.values.get(name) ?? this.parent?.get(name);
  }

  /** Bind (or with `undefined`, delete) a name; `at` is the statement that did it. */
  set(name: string, value: PyValue | undefined, at?: FileLocation): void {
    this.journal.push({ name, had: this.values.has(name), prev: this.values.get(name), prevAt: this.assignedAt.get(name) });
    if (value === undefined) {
      this.values.delete(name);
      this.assignedAt.delete(name);
      return;
    }
    this.values.set(name, value);
    if (at) this.assignedAt.set(name, at);
  }

  /** Replace a binding's value without journaling (used to attach control dependencies). */
  replace(name: string, value: PyValue): void {
    if (this.values.has(name)) this.values.set(name, value);
  }

  mark(): number {
    return this.journal.length;
  }

  /** The names written since `mark`, each with the binding it had before the first write. */
  changesSince(mark: number): Map<string, { had: boolean; prev: PyValue | undefined; prevAt: FileLocation | undefined }> {
    const out = new Map<string, { had: boolean; prev: PyValue | undefined; prevAt: FileLocation | undefined }>();
    for (let i = mark; i < this.journal.length; i++) {
      const change = this.journal[i]!;
      if (!out.has(change.name)) out.set(change.name, change);
    }
    return out;
  }

  /** Roll back every write since `mark`. */
  undo(mark: number): void {
    while (this.journal.length > mark) {
      const change = this.journal.pop()!;
      if (change.had && change.prev) this.values.set(change.name, change.prev);
      else this.values.delete(change.name);
      if (change.prevAt) this.assignedAt.set(change.name, change.prevAt);
      else this.assignedAt.delete(change.name);
    }
  }
}
