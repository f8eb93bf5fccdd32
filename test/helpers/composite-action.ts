/**
 * Runs a composite action's steps the way a GitHub runner does, as far as a runner's work can be
 * done here: `${{ inputs.* }}` and `${{ steps.*.outputs.* }}` substituted, `if:` conditions
 * evaluated, each `run:` step under `bash --noprofile --norc -eo pipefail` with the runner's
 * variables (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE, GITHUB_ACTION_PATH, RUNNER_TEMP,
 * INPUT_*), outputs read back from GITHUB_OUTPUT. `uses:` steps cannot run without GitHub: they are
 * returned with their resolved `with:` for the caller to check.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface ActionStep {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface ActionFile {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface StepResult {
  name: string;
  id?: string;
  /** `skipped` when its `if:` was false; `not-run` for a `uses:` step (its resolved `with:` is kept). */
  outcome: 'success' | 'failure' | 'skipped' | 'not-run';
  exitCode?: number;
  stdout: string;
  stderr: string;
  uses?: string;
  with?: Record<string, string>;
}

export interface ActionRun {
  steps: StepResult[];
  outputs: Record<string, string>;
  summary: string;
  /** Whether the job would fail: a step that ran failed. */
  failed: boolean;
}

/** Reads `name=value` lines and `name<<DELIMITER` blocks, as the runner reads GITHUB_OUTPUT. */
function readOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== heredoc[2]) value.push(lines[i]!);
      outputs[heredoc[1]!] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

interface Context {
  inputs: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string> }>;
  failed: boolean;
}

function lookup(path: string, context: Context): string {
  const [scope, ...rest] = path.split('.');
  if (scope === 'inputs') return context.inputs[rest.join('.')] ?? '';
  if (scope === 'steps' && rest[1] === 'outputs') return context.steps[rest[0]!]?.outputs[rest.slice(2).join('.')] ?? '';
  throw new Error(`expression context not supported here: ${path}`);
}

/**
 * The subset of GitHub's expression language action.yml uses: context paths, string literals,
 * `==`, `!=`, `&&`, `||`, `!`, parentheses, `always()`, `success()`, `failure()`.
 */
function evaluate(expression: string, context: Context): string | boolean {
  const tokens = expression.match(/'(?:[^']|'')*'|[A-Za-z_][\w.-]*\(\)|[A-Za-z_][\w.-]*|==|!=|&&|\|\||!|\(|\)/g) ?? [];
  let pos = 0;
  const value = (): string | boolean => {
    const token = tokens[pos++];
    if (token === undefined) throw new Error(`unexpected end of expression: ${expression}`);
    if (token === '(') {
      const inner = or();
      pos++;
      return inner;
    }
    if (token === '!') return !truthy(value());
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (token === 'always()') return true;
    if (token === 'success()') return !context.failed;
    if (token === 'failure()') return context.failed;
    if (token === 'true' || token === 'false') return token === 'true';
    return lookup(token, context);
  };
  const truthy = (v: string | boolean) => (typeof v === 'boolean' ? v : v !== '');
  const comparison = (): string | boolean => {
    const left = value();
    const op = tokens[pos];
    if (op !== '==' && op !== '!=') return left;
    pos++;
    const right = value();
    // GitHub compares strings case-insensitively.
    const equal = String(left).toLowerCase() === String(right).toLowerCase();
    return op === '==' ? equal : !equal;
  };
  /** Operands joined by `op`, left to right; the result is the left side while `keepsLeft` says so, else the right. */
  const chain = (op: string, operand: () => string | boolean, keepsLeft: (left: string | boolean) => boolean) => (): string | boolean => {
    let left = operand();
    while (tokens[pos] === op) {
      pos++;
      const right = operand();
      left = keepsLeft(left) ? left : right;
    }
    return left;
  };
  const and = chain('&&', comparison, (left) => !truthy(left));
  const or = chain('||', and, truthy);
  const result = or();
  if (pos !== tokens.length) throw new Error(`could not read expression: ${expression}`);
  return result;
}

function substitute(text: string, context: Context): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => String(evaluate(expression, context)));
}

function condition(step: ActionStep, context: Context): boolean {
  if (!step.if) return !context.failed;
  const text = step.if.replace(/^\$\{\{\s*|\s*\}\}$/g, '');
  const usesStatus = /\b(?:always|success|failure|cancelled)\(\)/.test(text);
  const result = evaluate(text, context);
  const passed = typeof result === 'boolean' ? result : result !== '';
  return usesStatus ? passed : passed && !context.failed;
}

export interface RunActionOptions {
  actionPath: string;
  workspace: string;
  inputs: Record<string, string>;
}

export function runCompositeAction({ actionPath, workspace, inputs }: RunActionOptions): ActionRun {
  const action = parse(readFileSync(join(actionPath, 'action.yml'), 'utf8')) as ActionFile;
  if (action.runs.using !== 'composite') throw new Error(`not a composite action: ${action.runs.using}`);
  const runnerTemp = mkdtempSync(join(workspace, '..', 'runner-temp-'));
  const summaryFile = join(runnerTemp, 'step-summary.md');
  writeFileSync(summaryFile, '');
  const resolvedInputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) resolvedInputs[name] = inputs[name] ?? input.default ?? '';
  const context: Context = { inputs: resolvedInputs, steps: {}, failed: false };
  const inputVariables = Object.fromEntries(Object.entries(resolvedInputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]));

  const results: StepResult[] = [];
  action.runs.steps.forEach((step, index) => {
    const name = step.name ?? step.uses ?? step.id ?? `step ${index + 1}`;
    if (!condition(step, context)) {
      results.push({ name, ...(step.id ? { id: step.id } : {}), outcome: 'skipped', stdout: '', stderr: '' });
      return;
    }
    if (step.uses) {
      const resolvedWith = Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, substitute(String(value), context)]));
      results.push({ name, ...(step.id ? { id: step.id } : {}), outcome: 'not-run', uses: step.uses, with: resolvedWith, stdout: '', stderr: '' });
      return;
    }
    if (step.shell !== 'bash') throw new Error(`${name}: only bash steps are run here (shell: ${step.shell})`);
    const script = join(runnerTemp, `step-${index}.sh`);
    const outputFile = join(runnerTemp, `output-${index}`);
    writeFileSync(script, substitute(step.run ?? '', context));
    writeFileSync(outputFile, '');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, substitute(String(value), context)]));
    const ran = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: workspace,
      encoding: 'utf8',
      env: {
        ...process.env,
        ...inputVariables,
        ...stepEnv,
        GITHUB_ACTIONS: 'true',
        CI: 'true',
        GITHUB_ACTION_PATH: actionPath,
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        RUNNER_TEMP: runnerTemp,
      },
    });
    const outcome = ran.status === 0 ? 'success' : 'failure';
    if (outcome === 'failure') context.failed = true;
    if (step.id) context.steps[step.id] = { outputs: readOutputFile(readFileSync(outputFile, 'utf8')) };
    results.push({ name, ...(step.id ? { id: step.id } : {}), outcome, exitCode: ran.status ?? -1, stdout: ran.stdout, stderr: ran.stderr });
  });

  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([name, output]) => [name, substitute(output.value, context)]));
  return { steps: results, outputs, summary: readFileSync(summaryFile, 'utf8'), failed: context.failed };
}
