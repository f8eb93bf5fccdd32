import type { FileLocation } from '../core/location.js';
import type { EvalProblemKind } from './types.js';
import type { EnvRead, PyValue } from './value.js';

/** Control flow of the interpreted code, carried as thrown signals. */

/** Thrown by a Python exception while inside a `try` (or by an explicit `raise`). */
export class RaiseSignal {
  constructor(
    readonly exception: string,
    readonly message: string,
    readonly where: FileLocation,
    readonly kind: EvalProblemKind = 'raises',
    /** The unset variables the exception is about (a required read): what the handler does depends on them. */
    readonly env?: EnvRead[],
  ) {}
}

/** The step budget is exhausted: unwinds to the module's top level. */
export class BudgetSignal {}

export class LoopSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}

/** `return` inside a project function being called. */
export class ReturnSignal {
  constructor(readonly value: PyValue) {}
}

const EXCEPTION_PARENTS: Record<string, string> = {
  ModuleNotFoundError: 'ImportError',
  KeyError: 'LookupError',
  IndexError: 'LookupError',
  UndefinedValueError: 'Exception',
  ImproperlyConfigured: 'Exception',
  ImportError: 'Exception',
  LookupError: 'Exception',
  ValueError: 'Exception',
  TypeError: 'Exception',
  AttributeError: 'Exception',
  OSError: 'Exception',
  FileNotFoundError: 'OSError',
  SyntaxError: 'Exception',
  Exception: 'BaseException',
};

/** Whether an `except handler:` clause catches the exception `raised` (by class name). */
export function exceptionMatches(raised: string, handler: string): boolean {
  for (let name: string | undefined = raised; name; name = EXCEPTION_PARENTS[name]) if (name === handler) return true;
  return !(raised in EXCEPTION_PARENTS) && (handler === 'Exception' || handler === 'BaseException');
}
