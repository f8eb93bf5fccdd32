import { evaluateSettings } from '../../src/python/settings.js';
import type { EvaluateOptions } from '../../src/python/settings.js';
import type { EnvVar } from '../../src/env/types.js';
import { environment, memoryWorkspace } from './workspace-stub.js';

/** Evaluate `settings.py` (or `module`) of an in-memory project. */
export function evaluate(
  files: Record<string, string>,
  vars: Record<string, string | undefined> = {},
  extra: Partial<EvaluateOptions> & { ignored?: string[]; envFiles?: Record<string, Record<string, string>> } = {},
) {
  const { ignored, envFiles, ...rest } = extra;
  const loadEnvFile = (path: string): EnvVar[] | undefined => {
    const vars = envFiles?.[path];
    return vars ? Object.entries(vars).map(([name, value], i) => ({ name, value, source: { kind: 'env-file', location: { file: path, line: i + 1, column: 1 }, label: `${path}:${i + 1}` } })) : undefined;
  };
  return evaluateSettings({
    workspace: memoryWorkspace(files, ignored),
    root: '',
    module: 'settings',
    environment: environment(vars),
    djangoVersion: '5.2',
    loadEnvFile,
    ...rest,
  });
}
