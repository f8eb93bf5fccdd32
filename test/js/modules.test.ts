import { describe, expect, it } from 'vitest';
import { prop } from '../../src/js/values.js';
import { callees, evaluate } from './helpers.js';

describe('project modules', () => {
  it('CommonJS: one config object built in a module and used in another', () => {
    const program = evaluate({
      'app.js': `const session = require('express-session'); const { sessionOptions } = require('./config/session'); session(sessionOptions);`,
      'config/session.js': `const sessionOptions = { secret: 'kc' }; module.exports = { sessionOptions };`,
    });
    expect(prop(program.calls[0]?.args[0], 'secret')).toMatchObject({ value: 'kc', loc: { file: 'config/session.js' } });
    expect(program.files).toEqual(['app.js', 'config/session.js']);
  });

  it('exports.x = … and module.exports = … both export', () => {
    const program = evaluate({ 'a.js': `require('./b'); require('./c');`, 'b.js': `exports.secret = 's';`, 'c.js': `module.exports = 'whole';` });
    expect(program.exportsOf('b.js')?.get('secret')).toMatchObject({ value: 's' });
    expect(program.exportsOf('c.js')?.get('default')).toMatchObject({ value: 'whole' });
  });

  it('ESM: default, named, namespace, re-exports; index files; TS imported as .js', () => {
    const program = evaluate({
      'src/main.ts': `import cfg, { secret } from './config/index.js'; import * as all from './config'; import { helper } from './lib';
import session from 'express-session';
session({ secret, name: cfg.name, other: all.secret, h: helper });`,
      'src/config/index.ts': `export const secret: string = 'ts-secret'; export default { name: 'sid' };`,
      'src/lib/index.ts': `export * from './helper';`,
      'src/lib/helper.ts': `export const helper = 42;`,
    });
    expect(program.problems).toEqual([]);
    const options = program.calls[0]?.args[0];
    expect(prop(options, 'secret')).toMatchObject({ value: 'ts-secret' });
    expect(prop(options, 'name')).toMatchObject({ value: 'sid' });
    expect(prop(options, 'other')).toMatchObject({ value: 'ts-secret' });
    expect(prop(options, 'h')).toMatchObject({ value: 42 });
  });

  it('export forms: renamed, re-exported, namespace re-export, default function and class, enum, live bindings', () => {
    const program = evaluate({
      'main.ts': `import def, { renamed, again, ns, Mode, counter, bump } from './lib'; import Klass from './klass'; bump(); require('x')(renamed, again, ns.inner, Mode.On, counter, typeof def, typeof Klass);`,
      'lib.ts': `const local = 'L'; export { local as renamed }; export { inner as again } from './inner'; export * as ns from './inner';
export enum Mode { Off, On }
export let counter = 1; export function bump() { counter = 2 }
export default function () { return 1 }`,
      'inner.ts': `export const inner = 'I';`,
      'klass.ts': `export default class { }`,
    });
    expect(program.problems).toEqual([]);
    expect(program.calls[0]?.args.map((arg) => (arg.kind === 'string' || arg.kind === 'number' ? arg.value : arg.kind))).toEqual(['L', 'I', 'I', 1, 2, 'function', 'function']);
  });

  it('ESM importing CommonJS and CommonJS requiring ESM', () => {
    const program = evaluate({
      'main.mjs': `import cfg from './cfg.cjs'; import { port } from './cfg.cjs'; import m from 'x'; m(cfg.port, port);`,
      'cfg.cjs': `module.exports = { port: 8080 };`,
    });
    expect(program.calls[0]?.args.map((arg) => (arg.kind === 'number' ? arg.value : arg.kind))).toEqual([8080, 8080]);
    const cjs = evaluate({ 'main.js': `const ns = require('./esm.mjs'); require('x')(ns.default, ns.named);`, 'esm.mjs': `export default 1; export const named = 2;` });
    expect(cjs.calls[0]?.args.map((arg) => (arg.kind === 'number' ? arg.value : arg.kind))).toEqual([1, 2]);
  });

  it('TS import = require and export =', () => {
    const program = evaluate({ 'main.ts': `import cfg = require('./cfg'); import jwt = require('jsonwebtoken'); jwt.sign({}, cfg.secret);`, 'cfg.ts': `export = { secret: 'eq' };` });
    expect(program.calls[0]).toMatchObject({ callee: 'jsonwebtoken.sign', args: [{ kind: 'object' }, { value: 'eq' }] });
  });

  it('JSON modules', () => {
    const program = evaluate({ 'main.js': `const cfg = require('./config.json'); require('x')(cfg.session.secret);`, 'config.json': `{ "session": { "secret": "json-secret" } }` });
    expect(program.calls[0]?.args[0]).toMatchObject({ value: 'json-secret', loc: { file: 'config.json' } });
  });

  it('tsconfig paths and baseUrl aliases', () => {
    const program = evaluate({
      'src/main.ts': `import { secret } from '@/config/secrets'; import { other } from 'config/other'; require('x')(secret, other);`,
      'tsconfig.json': `{ // comment\n "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"], }, } }`,
      'src/config/secrets.ts': `export const secret = 'aliased';`,
      'config/other.ts': `export const other = 'based';`,
    });
    expect(program.calls[0]?.args.map((arg) => (arg.kind === 'string' ? arg.value : arg.kind))).toEqual(['aliased', 'based']);
  });

  it('an import cycle terminates with a problem and partial exports', () => {
    const program = evaluate({ 'a.js': `const b = require('./b'); exports.a = 1; require('x')(b.b);`, 'b.js': `const a = require('./a'); exports.b = a.a === undefined ? 'early' : 'late';` });
    expect(program.problems.map((problem) => problem.kind)).toEqual(['import-cycle']);
    expect(program.calls[0]?.args[0]).toMatchObject({ value: 'early' });
  });

  it('an unresolved relative import is a problem and an unknown value', () => {
    const program = evaluate({ 'a.js': `const c = require('./missing'); require('x')(c.secret);` });
    expect(program.problems).toMatchObject([{ kind: 'unresolved-import', location: { file: 'a.js', line: 1 } }]);
    expect(program.calls[0]?.args[0]?.kind).toBe('unknown');
  });

  it('never reads build output or dependencies as project modules', () => {
    const program = evaluate({ 'a.js': `const d = require('./dist/config'); const n = require('./node_modules/x/index.js'); require('x')(d.secret, n);`, 'dist/config.js': `exports.secret = 'built';`, 'node_modules/x/index.js': `exports.y = 1;` });
    expect(program.files).toEqual(['a.js']);
    expect(program.calls[0]?.args.map((arg) => arg.kind)).toEqual(['unknown', 'unknown']);
  });

  it('require.main === module holds in the entry only', () => {
    const program = evaluate({ 'server.js': `const app = require('./app'); if (require.main === module) app.listen(1);`, 'app.js': `const app = require('express')(); if (require.main === module) app.listen(2); module.exports = app;` });
    expect(program.calls.filter((call) => call.callee === 'express#listen').map((call) => [call.args[0]?.kind === 'number' && call.args[0].value, call.conditional])).toEqual([[1, undefined]]);
  });

  it('a module nothing imports is not evaluated (dead configuration is not protection)', () => {
    const program = evaluate({ 'app.js': `const helmet = require('helmet');`, 'hardened.js': `require('helmet')();` });
    expect(program.files).toEqual(['app.js']);
    expect(program.calls).toEqual([]);
  });
});

describe('canonical callee names', () => {
  it('default, namespace, named imports, destructured and chained require, new', () => {
    const program = evaluate({
      'a.ts': `import helmet from 'helmet'; import * as jwt from 'jsonwebtoken'; import { expressjwt as ej } from 'express-jwt'; import { NestFactory } from '@nestjs/core';
const { Strategy } = require('passport-jwt'); const sign = require('jsonwebtoken').sign; const session = require('express-session');
helmet(); helmet.hsts({}); jwt.verify('t', 'k'); ej({ secret: 's' }); new Strategy({}); sign({}, 'k'); new session.MemoryStore(); require('dotenv').config();
const http = require('node:http'); http.createServer();`,
    });
    expect(callees(program)).toEqual(['helmet', 'helmet.hsts', 'jsonwebtoken.verify', 'express-jwt.expressjwt', 'passport-jwt.Strategy', 'jsonwebtoken.sign', 'express-session.MemoryStore', 'dotenv.config', 'http.createServer']);
    expect(program.calls.filter((call) => call.isNew).map((call) => call.callee)).toEqual(['passport-jwt.Strategy', 'express-session.MemoryStore']);
  });

  it('through local variables, objects and project module exports', () => {
    const program = evaluate({
      'a.js': `const lib = require('./lib'); const tools = { s: lib.session }; const alias = tools.s; alias({ secret: 'x' });`,
      'lib.js': `const session = require('express-session'); module.exports = { session };`,
    });
    expect(program.calls[0]).toMatchObject({ callee: 'express-session', location: { file: 'a.js' } });
  });

  it('a package default export through interop (.default) is the package', () => {
    expect(callees(evaluate({ 'a.js': `const f = require('fastify').default; f();` }))).toEqual(['fastify']);
  });

  it('unknown callees are not recorded', () => {
    expect(callees(evaluate({ 'a.js': `console.log('x'); foo(); Object.keys({});` }))).toEqual([]);
  });
});

describe('specifier forms', () => {
  it('a folder with a trailing slash, the parent folder, a constant specifier', () => {
    const program = evaluate({
      'config/passport/local.js': `const cfg = require('../'); const models = require('../../models/'); const src = './strategy'; const s = require(src); require('x')(cfg.secret, models.name, s.kind);`,
      'config/index.js': `module.exports = { secret: 'dir-secret' };`,
      'models/index.js': `exports.name = 'models';`,
      'config/passport/strategy.js': `exports.kind = 'local';`,
    });
    expect(program.problems).toEqual([]);
    expect(program.calls[0]?.args.map((arg) => (arg.kind === 'string' ? arg.value : arg.kind))).toEqual(['dir-secret', 'models', 'local']);
  });

  it('a path built from __dirname', () => {
    const program = evaluate({ 'src/app.js': `const path = require('path'); const c = require(path.join(__dirname, 'config', 'app.js')); require('x')(c.v);`, 'src/config/app.js': `exports.v = 'rooted';` });
    expect(program.calls.find((call) => call.callee === 'x')?.args[0]).toMatchObject({ value: 'rooted' });
  });

  it('a specifier computed from what is not known is unknown without a problem', () => {
    const program = evaluate({ 'a.js': `const m = require(process.env.MOD); require('x')(m);` }, { MOD: null });
    expect(program.problems).toEqual([]);
    expect(program.calls[0]?.args[0]?.kind).toBe('unknown');
  });
});
