import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/js/parser.js';
import { MAX_STEPS } from '../../src/js/state.js';
import { appOf, callsTo, envReadsOf, prop } from '../../src/js/values.js';
import { secretsInCode } from '../../src/node/secrets-in-code.js';
import { callees, evaluate } from './helpers.js';

describe('input the evaluator cannot read is a problem, never a crash', () => {
  it('a syntax error', () => {
    const program = evaluate({ 'a.js': `const x = ;` });
    expect(program.problems).toMatchObject([{ kind: 'syntax-error', location: { file: 'a.js', line: 1, column: 11 } }]);
    expect(program.files).toEqual([]);
  });

  it('a syntax error in an imported module leaves the importer evaluated', () => {
    const program = evaluate({ 'a.js': `const b = require('./b'); require('helmet')(b.x);`, 'b.js': `export default {` });
    expect(program.problems.map((problem) => problem.kind)).toEqual(['syntax-error']);
    expect(program.calls[0]).toMatchObject({ callee: 'helmet', args: [{ kind: 'unknown' }] });
  });

  it('JSX in a .js file parses; TSX too', () => {
    expect(evaluate({ 'a.js': `const h = require('helmet'); const el = <div className="x">{1}</div>; h();` }).calls).toHaveLength(1);
    expect(evaluate({ 'a.tsx': `import h from 'helmet'; const el = <div>{(1 as number)}</div>; h();` }).calls).toHaveLength(1);
  });

  it('a TS generic arrow in a .ts file is not read as JSX', () => {
    expect(evaluate({ 'a.ts': `import h from 'helmet'; const id = <T,>(x: T): T => x; const n = <number>id(1); h(n);` }).calls[0]?.args[0]).toMatchObject({ value: 1 });
  });

  it('a Flow-typed file is a problem', () => {
    const program = evaluate({ 'a.js': `// @flow\nfunction f(x: string): number { return 1 }` });
    expect(program.problems).toMatchObject([{ kind: 'syntax-error', message: expect.stringContaining('Flow') }]);
  });

  it('a 5 MB minified bundle is refused as too large; a long line as minified', () => {
    const big = `var a=${JSON.stringify('x'.repeat(5_000_000))};`;
    expect(evaluate({ 'bundle.js': big }).problems).toMatchObject([{ kind: 'too-large' }]);
    const minified = `var a=1;${'a=a+1;'.repeat(2000)}`;
    expect(evaluate({ 'min.js': minified }).problems).toMatchObject([{ kind: 'minified', location: { line: 1 } }]);
  });

  it('10,000 nested arrays: no stack overflow', () => {
    const deep = `const x = ${'[\n'.repeat(10_000)}${']\n'.repeat(10_000)}; require('helmet')(x);`;
    const program = evaluate({ 'deep.js': deep });
    expect(program.problems.length).toBe(1);
    expect(['too-large', 'evaluation-error']).toContain(program.problems[0]!.kind);
  });

  it('nesting the parser accepts but the evaluator does not follow becomes unknown', () => {
    const deep = `const x = ${'[\n'.repeat(400)}1${']\n'.repeat(400)}; require('helmet')(x, 2);`;
    const program = evaluate({ 'deep.js': deep });
    expect(callees(program)).toEqual(['helmet']);
    expect(program.calls[0]?.args[1]).toMatchObject({ value: 2 });
  });

  it('deeply nested calls and member chains are bounded too', () => {
    const chain = `const h = require('helmet');\nh${'\n.a'.repeat(400)}();\n${'f(\n'.repeat(400)}1${')\n'.repeat(400)};\nh();`;
    const program = evaluate({ 'chain.js': chain });
    // What lies past the depth bound is unknown, and said once (rules that need the whole program know).
    expect(program.problems).toMatchObject([{ kind: 'step-budget', message: expect.stringContaining('nested more than 300 levels') }]);
    expect(callees(program)).toEqual(['helmet']);
  });

  it('a step budget stops runaway evaluation with a problem', () => {
    const items = `[${Array.from({ length: 60 }, (_, i) => i).join(',')}]`;
    const code = `const xs = ${items}; let n = 0; for (const a of xs) for (const b of xs) for (const c of xs) for (const d of xs) { n = n + 1 }`;
    const program = evaluate({ 'loop.js': code });
    expect(program.problems).toMatchObject([{ kind: 'step-budget' }]);
    expect(program.steps).toBeGreaterThan(MAX_STEPS);
  });

  it('helpers calling helpers many times do not blow up (per-function run cap, recursion cut)', () => {
    const levels = Array.from({ length: 10 }, (_, i) => `function f${i}(x) { ${i < 9 ? `f${i + 1}(x); f${i + 1}(x); f${i + 1}(x); f${i + 1}(x);` : `require('m').leaf(x);`} return x; }`).join('\n');
    const program = evaluate({ 'fan.js': `${levels}\nf0(1);\nfunction r(n) { return n ? r(n - 1) + r(n - 2) : 0 }\nr(30);` });
    expect(program.problems).toEqual([]);
    expect(program.calls.length).toBeGreaterThan(0);
    // 4^9 leaf calls without the cap; the per-function run cap and the recursion cut keep it small.
    expect(program.calls.length).toBeLessThan(5000);
    expect(program.steps).toBeLessThan(MAX_STEPS / 4);
  });

  it('values that contain themselves: every helper over them ends', () => {
    const program = evaluate({
      'server.js': `const express = require('express'); const session = require('express-session'); const app = express();
const mws = []; mws.push(mws); app.use(mws);
const keys = ['a-secret-key-value']; keys.push(keys);
const opts = { secret: keys }; opts.self = opts;
app.use(session(opts)); app.listen(3000);`,
    });
    expect(program.problems).toEqual([]);
    const [use] = callsTo(program, 'express-session');
    expect(appOf(program, use!)?.listens).toBe(true);
    const secret = prop(use!.args[0], 'secret')!;
    expect(secret.kind).toBe('array');
    expect(secretsInCode(secret, use!.location).map((found) => found.secret)).toEqual(['a-secret-key-value']);
    expect(envReadsOf(use!.args[0]!)).toEqual([]);
  });

  it('decorators (legacy form) parse in TS and JS', () => {
    expect(parseSource('a.ts', `@Injectable() export class A { constructor(@Inject('x') private readonly x: string) {} @Get() f() {} }`).ok).toBe(true);
    expect(parseSource('a.js', `@dec class A {}`).ok).toBe(true);
  });
});

describe('syntax the evaluator does not model is skipped, not a problem', () => {
  it('a TS kitchen sink', () => {
    const program = evaluate({
      'main.ts': `import type { Request } from 'express';
import express, { type Response } from 'express';
declare module 'express-session' { interface SessionData { user: string } }
declare global { var cache: Map<string, string> }
namespace Util { export const x = 1 }
export abstract class Base<T> { abstract run(): T; static make() { return 1 } #secret = 's'; get value() { return this.#secret } }
export type Handler = (req: Request, res: Response) => void;
function* gen() { yield 1 }
let options: { secure?: boolean } | undefined;
options ??= { secure: true };
options.secure ||= false;
const maybe = (globalThis as any)?.missing?.call?.();
const big = 10n;
label: for (const i of [1, 2]) { if (i) continue label; }
const app = express();
app?.use?.(require('helmet')(options));
export default app;`,
    });
    expect(program.problems).toEqual([]);
    expect(program.calls.map((call) => [call.callee, call.conditional])).toEqual([
      ['express', undefined],
      ['helmet', undefined],
      ['express#use', undefined],
    ]);
    expect(program.calls[1]?.args[0]).toMatchObject({ kind: 'object', props: new Map([['secure', expect.objectContaining({ value: true })]]) });
  });
});
