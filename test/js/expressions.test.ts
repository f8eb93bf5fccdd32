import { describe, expect, it } from 'vitest';
import type { JsValue } from '../../src/js/types.js';
import { confidenceOf, prop } from '../../src/js/values.js';
import { evaluate, type TestEnv } from './helpers.js';

/** The value of `export const value = …` (after the other statements of `code`). */
function valueOf(code: string, env: TestEnv = {}, file = 'config.mjs'): JsValue {
  const program = evaluate({ [file]: code }, env);
  expect(program.problems).toEqual([]);
  return program.exportsOf(file)!.get('value')!;
}

describe('literals and structures', () => {
  it('reads literals, objects, arrays and nested members', () => {
    const value = valueOf(`const base = { a: 1, b: 'x', c: [true, null, /re/g] }; export const value = { ...base, d: base.c[0], e: undefined };`);
    expect(prop(value, 'a')).toMatchObject({ kind: 'number', value: 1 });
    expect(prop(value, 'b')).toMatchObject({ kind: 'string', value: 'x' });
    expect(prop(value, 'd')).toMatchObject({ kind: 'boolean', value: true });
    expect(prop(value, 'e')).toMatchObject({ kind: 'undefined' });
    const c = prop(value, 'c');
    expect(c?.kind === 'array' && c.items.map((item) => item.kind)).toEqual(['boolean', 'null', 'regexp']);
  });

  it('a spread of an unknown value makes what precedes it unknown, not what follows', () => {
    const value = valueOf(`export const value = { a: 1, ...process.env.OPTS, b: 2 };`, { OPTS: null });
    expect(value).toMatchObject({ kind: 'object', partial: true });
    expect(prop(value, 'a')?.kind).toBe('unknown');
    expect(prop(value, 'b')).toMatchObject({ value: 2 });
    expect(prop(value, 'zzz')).toBeUndefined();
  });

  it('template literals: known parts give a string, unknown parts an unknown', () => {
    expect(valueOf('const host = "h"; export const value = `https://${host}:${443}/`;')).toMatchObject({ kind: 'string', value: 'https://h:443/' });
    expect(valueOf('export const value = `x${process.env.HOST}`;', { HOST: null }).kind).toBe('unknown');
  });

  it('a template of a variable nothing sets is not the text "undefined": production sets it', () => {
    const unset = valueOf('export const value = `${process.env.JWT_PRIVATE_KEY}`;');
    expect(unset.kind).toBe('unknown');
    expect(unset.env).toMatchObject([{ name: 'JWT_PRIVATE_KEY', set: false }]);
    // A variable read through a known value is still text: `${undefined}` of a plain undefined is.
    expect(valueOf('const x = undefined; export const value = `${x}`;')).toMatchObject({ kind: 'string', value: 'undefined' });
  });

  it('array spread and push', () => {
    const value = valueOf(`const a = [1]; a.push(2); export const value = [...a, 3];`);
    expect(value.kind === 'array' && value.items.map((item) => (item.kind === 'number' ? item.value : '?'))).toEqual([1, 2, 3]);
    expect(valueOf(`export const value = [...globalThing];`)).toMatchObject({ kind: 'array', partial: true });
  });

  it('operators on known values are decided', () => {
    expect(valueOf(`export const value = 60 * 60 * 24 * 1000;`)).toMatchObject({ value: 86400000 });
    expect(valueOf(`export const value = 'a' + 1;`)).toMatchObject({ value: 'a1' });
    expect(valueOf(`export const value = !0 && typeof 'x' === 'string';`)).toMatchObject({ value: true });
    expect(valueOf(`export const value = null == undefined;`)).toMatchObject({ value: true });
    expect(valueOf(`export const value = x === 1;`).kind).toBe('unknown');
    expect(valueOf(`import config from 'config'; export const value = config.get('env') === 'production';`).kind).toBe('unknown');
    expect(valueOf(`import config from 'config'; export const value = config.get('secret') || 'fallback';`).kind).toBe('unknown');
    expect(valueOf(`export const value = require.main === module;`, {}, 'config.js')).toMatchObject({ value: true });
  });

  it('TS syntax is stripped', () => {
    const value = valueOf(
      `interface O { secure: boolean }
type T = string;
enum Mode { A, B = 'b' }
const secret = 'x' as string;
const o = { secure: true } satisfies O;
export const value = { secret: secret!, secure: (o as O).secure, mode: Mode.B, first: Mode.A, n: <number>(2) };`,
      {},
      'config.ts',
    );
    expect(prop(value, 'secret')).toMatchObject({ value: 'x' });
    expect(prop(value, 'secure')).toMatchObject({ value: true });
    expect(prop(value, 'mode')).toMatchObject({ value: 'b' });
    expect(prop(value, 'first')).toMatchObject({ value: 0 });
  });

  it('string methods and built-ins used on configuration', () => {
    const value = valueOf(`export const value = { list: 'a, b'.split(',').map(s => s.trim()), ok: ['a', 'b'].includes('b'), port: parseInt('8080', 10), n: Number('3'), merged: Object.assign({}, { a: 1 }, { b: 2 }) };`);
    expect(prop(value, 'ok')).toMatchObject({ value: true });
    expect(prop(value, 'port')).toMatchObject({ value: 8080 });
    expect(prop(value, 'n')).toMatchObject({ value: 3 });
    expect(prop(value, 'merged', 'b')).toMatchObject({ value: 2 });
    const list = prop(value, 'list');
    expect(list?.kind === 'array' && list.items.map((item) => (item.kind === 'string' ? item.value : item.kind))).toEqual(['a', 'b']);
  });

  it('map and filter with project callbacks over known arrays; others stay unknown', () => {
    const value = valueOf(`const origins = process.env.ORIGINS.split(',').map((o) => o.trim()).filter(Boolean); export const value = { origins, long: origins.filter((o) => o.length > 1), other: origins.map(require('x')) };`, { ORIGINS: 'https://a.example, ,b' });
    const texts = (v: ReturnType<typeof prop>) => (v?.kind === 'array' ? v.items.map((item) => (item.kind === 'string' ? item.value : item.kind)) : v?.kind);
    expect(texts(prop(value, 'origins'))).toEqual(['https://a.example', 'b']);
    expect(texts(prop(value, 'long'))).toEqual(['https://a.example']);
    expect(prop(value, 'other')?.kind).toBe('unknown');
    const origins = prop(value, 'origins');
    expect(origins?.kind === 'array' && origins.items[0]?.env).toMatchObject([{ name: 'ORIGINS' }]);
  });
});

describe('environment reads', () => {
  it('a set variable with a known value', () => {
    const value = valueOf(`export const value = process.env.SECRET;`, { SECRET: 's3' });
    expect(value).toMatchObject({ kind: 'string', value: 's3', env: [{ name: 'SECRET', reader: 'process.env', set: true }] });
    expect(confidenceOf(value)).toBe('certain');
  });

  it('a set variable with an unknown value is unknown, with the read', () => {
    const value = valueOf(`export const value = process.env['SECRET'] || 'fallback';`, { SECRET: null });
    expect(value).toMatchObject({ kind: 'unknown', env: [{ name: 'SECRET', set: true }] });
    expect(confidenceOf(value)).toBeUndefined();
  });

  it('an unset variable with a literal fallback gives the fallback at default confidence', () => {
    for (const code of [`export const value = process.env.SECRET || 'keyboard cat';`, `export const value = process.env.SECRET ?? 'keyboard cat';`, `const { SECRET = 'keyboard cat' } = process.env; export const value = SECRET;`]) {
      const value = valueOf(code);
      expect(value, code).toMatchObject({ kind: 'string', value: 'keyboard cat', env: [{ name: 'SECRET', set: false, defaultText: "'keyboard cat'" }] });
      expect(confidenceOf(value)).toBe('default');
    }
  });

  it('a set variable wins over its fallback', () => {
    expect(valueOf(`export const value = process.env.SECRET || 'keyboard cat';`, { SECRET: 'real' })).toMatchObject({ value: 'real' });
  });

  it('an unset variable without fallback is undefined with the read', () => {
    expect(valueOf(`export const value = process.env.SECRET;`)).toMatchObject({ kind: 'undefined', env: [{ name: 'SECRET', set: false }] });
  });

  it('the code may set process.env itself', () => {
    expect(valueOf(`process.env.NODE_ENV = 'production'; export const value = process.env.NODE_ENV;`)).toMatchObject({ value: 'production' });
  });

  it('NODE_ENV comparisons decide ternaries; undecided ones are unknown', () => {
    const code = `export const value = process.env.NODE_ENV === 'production' ? true : false;`;
    expect(valueOf(code, { NODE_ENV: 'production' })).toMatchObject({ kind: 'boolean', value: true });
    const unset = valueOf(code);
    expect(unset).toMatchObject({ kind: 'boolean', value: false });
    expect(confidenceOf(unset)).toBe('default');
    expect(valueOf(code, { NODE_ENV: null }).kind).toBe('unknown');
  });
});

describe('branches', () => {
  it('a decided if runs one branch; an undecided one makes its writes unknown', () => {
    const code = `const cookie = { secure: false }; if (process.env.NODE_ENV === 'production') { cookie.secure = true } export const value = cookie;`;
    expect(prop(valueOf(code, { NODE_ENV: 'production' }), 'secure')).toMatchObject({ value: true });
    expect(prop(valueOf(code, {}), 'secure')).toMatchObject({ value: false });
    expect(prop(valueOf(code, { NODE_ENV: null }), 'secure')?.kind).toBe('unknown');
  });

  it('a write in an undecided branch of the value already there keeps it known', () => {
    expect(valueOf(`let x = 2; if (process.env.A) { x = 2 } export const value = x;`, { A: null })).toMatchObject({ value: 2 });
    expect(valueOf(`let x = 1; if (process.env.A) { x = 2 } export const value = x;`, { A: null }).kind).toBe('unknown');
  });

  it('code after an undecided early return runs as conditional', () => {
    const code = `const h = require('helmet'); function setup() { if (process.env.X) { return } h(); } setup();`;
    expect(evaluate({ 'a.js': code }, { X: null }).calls[0]).toMatchObject({ callee: 'helmet', conditional: true });
    expect(evaluate({ 'a.js': code }, {}).calls[0]?.conditional).toBeUndefined();
  });

  it('code after an undecided throw is what production runs, if it runs at all', () => {
    const program = evaluate({ 'a.js': `const h = require('helmet'); if (!process.env.X) { throw new Error('X missing') } module.exports = { secret: 'after-guard' }; h();` }, { X: null });
    expect(program.calls[0]?.conditional).toBeUndefined();
    expect(program.exportsOf('a.js')?.get('secret')).toMatchObject({ value: 'after-guard' });
  });

  it('a decided throw ends the module; one decided only by an unset variable makes it required instead (see required-guard.test.ts)', () => {
    const program = evaluate({ 'a.js': `const h = require('helmet'); if (process.env.MODE === 'x') throw new Error('unsupported'); h();` }, { MODE: 'x' });
    expect(program.calls).toEqual([]);
    const guarded = evaluate({ 'a.js': `const h = require('helmet'); if (!process.env.X) throw new Error('X missing'); h();` });
    expect(guarded.calls.map((call) => call.callee)).toEqual(['helmet']);
  });

  it('switch on a known value runs the matching case', () => {
    const code = `let v = 'none'; switch (process.env.NODE_ENV) { case 'production': v = 'prod'; break; default: v = 'dev' } export const value = v;`;
    expect(valueOf(code, { NODE_ENV: 'production' })).toMatchObject({ value: 'prod' });
    expect(valueOf(code, {})).toMatchObject({ value: 'dev' });
    expect(valueOf(code, { NODE_ENV: null }).kind).toBe('unknown');
  });

  it('for-of over a known array is unrolled', () => {
    const program = evaluate({ 'a.js': `const m = require('m'); for (const name of ['a', 'b']) m[name]();` });
    expect(program.calls.map((call) => [call.callee, call.conditional])).toEqual([
      ['m.a', undefined],
      ['m.b', undefined],
    ]);
  });
});

describe('a branch chosen because a variable is unset is an assumption (confidence default)', () => {
  const cfg = `function config() {
  if (process.env.NODE_ENV === 'production') return { client: 'pg' };
  return { client: 'sqlite3' };
}
require('knex')(config());`;

  it('a function returning early under an unset test: the skipped return does not count', () => {
    const [call] = evaluate({ 'a.js': cfg }).calls;
    expect(prop(call!.args[0], 'client')).toMatchObject({ value: 'sqlite3' });
    expect(evaluate({ 'a.js': cfg }, { NODE_ENV: 'production' }).calls[0]!.args[0]).toMatchObject({ props: new Map([['client', { kind: 'string', value: 'pg' }]]) });
  });

  it('calls in the taken branch are assumed; package calls in the skipped one are noted, not run', () => {
    const program = evaluate({ 'a.js': `const m = require('m');\nif (process.env.NODE_ENV === 'production') { m.prod(); require('./prod'); } else { m.dev(); }`, 'prod.js': `require('m').loaded();` });
    expect(program.calls.map((call) => [call.callee, call.assumed])).toEqual([['m.dev', true]]);
    expect(program.skippedCalls?.map((call) => call.callee)).toEqual(['m.prod']);
    expect(program.files).toEqual(['a.js']);
    const production = evaluate({ 'a.js': `const m = require('m');\nif (process.env.NODE_ENV === 'production') { m.prod(); } else { m.dev(); }` }, { NODE_ENV: 'production' });
    expect(production.calls.map((call) => [call.callee, call.assumed])).toEqual([['m.prod', undefined]]);
    expect(production.skippedCalls).toEqual([]);
  });

  it('ternaries and && / || decided by an unset variable: the same assumption', () => {
    const program = evaluate({ 'a.js': `const m = require('m');\nprocess.env.REDIS_URL ? m.redis() : m.memory();\nprocess.env.SENTRY_DSN && m.sentry();\nprocess.env.PORT || m.port();` });
    expect(program.calls.map((call) => [call.callee, call.assumed])).toEqual([['m.memory', true], ['m.port', true]]);
    expect(program.skippedCalls?.map((call) => call.callee)).toEqual(['m.redis', 'm.sentry']);
  });

  it('a skipped branch reports no unresolved import and keeps its var undefined', () => {
    const program = evaluate({ 'a.js': `if (process.env.NODE_ENV === 'production') { var mod = require('./missing'); var n = 1; }\nrequire('m')(mod, n);` });
    expect(program.problems).toEqual([]);
    expect(program.calls[0]!.args.map((arg) => arg.kind)).toEqual(['undefined', 'undefined']);
    expect(confidenceOf(program.calls[0]!.args[1])).toBe('default');
  });

  it('writes: skipped ones leave the old value with the read; taken ones carry it', () => {
    const code = `let store = 'memory';\nconst opts = { secure: true };\nif (process.env.REDIS_URL) { store = 'redis'; opts.extra = 1; }\nif (!process.env.HTTPS) opts.secure = false;\nrequire('m')(store, opts);`;
    const [call] = evaluate({ 'a.js': code }).calls;
    expect(call!.args[0]).toMatchObject({ value: 'memory' });
    expect(confidenceOf(call!.args[0])).toBe('default');
    expect(prop(call!.args[1], 'extra')).toMatchObject({ kind: 'undefined' });
    expect(confidenceOf(prop(call!.args[1], 'secure'))).toBe('default');
    const [set] = evaluate({ 'a.js': code }, { REDIS_URL: 'redis://r', HTTPS: '1' }).calls;
    expect(set!.args[0]).toMatchObject({ value: 'redis' });
    expect(confidenceOf(set!.args[0])).toBe('certain');
    expect(confidenceOf(prop(set!.args[1], 'secure'))).toBe('certain');
  });

  it('a value picked by an unset variable as key or ternary test', () => {
    const code = `const all = { development: { client: 'sqlite3' }, production: { client: 'pg' } };\nrequire('m')(all[process.env.DB_ENV || 'development'], process.env.REDIS_URL ? { redis: true } : undefined);`;
    const [call] = evaluate({ 'a.js': code }).calls;
    expect(confidenceOf(call!.args[0])).toBe('default');
    expect(confidenceOf(call!.args[1])).toBe('default');
    const [set] = evaluate({ 'a.js': code }, { DB_ENV: 'production', REDIS_URL: 'redis://r' }).calls;
    expect(prop(set!.args[0], 'client')).toMatchObject({ value: 'pg' });
    expect(confidenceOf(set!.args[0])).toBe('certain');
  });
});
