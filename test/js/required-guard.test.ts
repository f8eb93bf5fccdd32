import { describe, expect, it } from 'vitest';
import type { JsValue } from '../../src/js/types.js';
import { confidenceOf } from '../../src/js/values.js';
import { evaluate, type TestEnv } from './helpers.js';

function valueOf(code: string, env: TestEnv = {}): JsValue {
  const program = evaluate({ 'config.mjs': code }, env);
  return program.exportsOf('config.mjs')!.get('value')!;
}

describe('a guard that exits when a variable is unset', () => {
  it('makes the variable required: later reads are set with the value unknown, not the fallback', () => {
    for (const exit of ['process.exit(1);', "throw new Error('SECRET is required');"]) {
      const value = valueOf(`if (!process.env.SECRET) {\n  console.error('missing');\n  ${exit}\n}\nexport const value = process.env.SECRET || 'dev-secret';`);
      expect(value.kind).toBe('unknown');
      expect(value.env?.[0]).toMatchObject({ name: 'SECRET', set: true, sourceLabel: 'the platform (required by the code, not set in the repository)' });
      // The fallback cannot be reached: no fails-open default text.
      expect(value.env?.[0]?.defaultText).toBeUndefined();
    }
  });

  it('inside a decided production branch too; the guard of a set variable and a warning guard change nothing', () => {
    const nested = `if (process.env.NODE_ENV === 'production') { if (!process.env.SECRET) process.exit(1); }\nexport const value = process.env.SECRET || 'dev';`;
    expect(valueOf(nested, { NODE_ENV: 'production' }).kind).toBe('unknown');
    const warnOnly = valueOf(`if (!process.env.SECRET) console.warn('SECRET not set');\nexport const value = process.env.SECRET || 'dev';`);
    expect(value(warnOnly)).toBe('dev');
    expect(confidenceOf(warnOnly)).toBe('default');
    expect(value(valueOf(`if (!process.env.SECRET) process.exit(1);\nexport const value = process.env.SECRET || 'dev';`, { SECRET: 'real' }))).toBe('real');
    // A set variable without a guard keeps its fallback as the text a deploy missing it would run with.
    expect(valueOf(`export const value = process.env.SECRET || 'dev';`, { SECRET: null }).env?.[0]?.defaultText).toBe("'dev'");
    // A guard with a fallback of its own does not fire: the fallback stays.
    expect(value(valueOf(`if (!(process.env.SECRET || 'x')) process.exit(1);\nexport const value = process.env.SECRET || 'dev';`))).toBe('dev');
  });

  it('a set variable of unknown value behind the guard never falls back; a test that is not a missing-value check is no guard', () => {
    const guarded = valueOf(`if (!process.env.SECRET) { process.exit(1); }\nexport const value = process.env.SECRET || 'dev';`, { SECRET: null });
    expect(guarded.kind).toBe('unknown');
    expect(guarded.env?.[0]?.defaultText).toBeUndefined();
    const other = valueOf(`if (process.env.MODE === 'x') { process.exit(1); }\nexport const value = process.env.SECRET || 'dev';`, { SECRET: null, MODE: null });
    expect(other.env?.find((read) => read.name === 'SECRET')?.defaultText).toBe("'dev'");
    // An unset variable compared to a value is not a missing-value guard: the exit is taken, the module ends.
    const program = evaluate({ 'a.js': `const h = require('helmet');\nif (process.env.MODE !== 'ok') process.exit(1);\nh();` });
    expect(program.calls).toEqual([]);
  });

  it('process.exit() in an undecided branch ends that branch as a throw does', () => {
    const program = evaluate({ 'main.mjs': `import express from 'express';\nconst app = express();\nif (process.env.MODE === 'x') { process.exit(0); }\napp.disable('x-powered-by');\napp.listen(3000);` }, { MODE: null });
    expect(program.calls.find((call) => call.callee === 'express#disable')?.conditional).toBeUndefined();
  });
});

function value(v: JsValue): string | undefined {
  return v.kind === 'string' ? v.value : undefined;
}
