import { evaluateProgram } from '../../src/js/program.js';
import type { EvaluateOptions, JsProgram } from '../../src/js/types.js';
import type { Files } from '../helpers/project.js';
import { workspaceOf } from '../helpers/workspace.js';

/** Production env for tests: name → value (a string), `null` for set with the value not known; absent = unset. */
export type TestEnv = Record<string, string | null>;

export function envOf(env: TestEnv): EvaluateOptions['env'] {
  return (name) => {
    if (!(name in env)) return { set: false };
    const value = env[name];
    return value === null || value === undefined ? { set: true, sourceLabel: 'test' } : { set: true, value, sourceLabel: 'test' };
  };
}

/** Evaluate `entries` (default: the first file) of a throwaway project. */
export function evaluate(files: Files, env: TestEnv = {}, entries = [Object.keys(files)[0]!], cwd?: string): JsProgram {
  return evaluateProgram(workspaceOf(files), entries, { env: envOf(env), ...(cwd !== undefined ? { cwd } : {}) });
}

export function callees(program: JsProgram): string[] {
  return program.calls.map((call) => call.callee);
}
