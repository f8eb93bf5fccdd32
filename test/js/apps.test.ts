import { describe, expect, it } from 'vitest';
import { appOf, callsTo, confidenceOf, prop } from '../../src/js/values.js';
import { evaluateProgram } from '../../src/js/program.js';
import { workspaceOf } from '../helpers/workspace.js';
import { callees, envOf, evaluate } from './helpers.js';

describe('app instances', () => {
  it('express(): methods are # calls on the app; listen marks it listening', () => {
    const program = evaluate({ 'server.js': `const express = require('express'); const app = express(); app.disable('x-powered-by'); app.use(require('helmet')()); app.listen(3000);` });
    expect(program.apps).toMatchObject([{ of: 'express', listens: true, createdAt: { file: 'server.js', line: 1 } }]);
    expect(callees(program)).toEqual(['express', 'express#disable', 'helmet', 'express#use', 'express#listen']);
    const helmet = callsTo(program, 'helmet')[0]!;
    expect(appOf(program, helmet)?.id).toBe(program.apps[0]!.id);
    expect(program.calls[1]).toMatchObject({ app: program.apps[0]!.id, args: [{ value: 'x-powered-by' }] });
  });

  it('an app that nothing starts does not listen', () => {
    const program = evaluate({ 'server.js': `const app = require('express')(); app.use(require('helmet')());` });
    expect(program.apps[0]?.listens).toBe(false);
  });

  it('http.createServer(app).listen() and https.createServer(opts, app) listen', () => {
    const http = evaluate({ 'bin/www.js': `const app = require('../app'); const http = require('http'); const server = http.createServer(app); server.listen(80);`, 'app.js': `const express = require('express'); module.exports = express();` });
    expect(http.apps[0]?.listens).toBe(true);
    const https = evaluate({ 'main.mjs': `import express from 'express'; import https from 'node:https'; const app = express(); https.createServer({ key: 'k' }, app).listen(443);` });
    expect(https.apps[0]?.listens).toBe(true);
    const koa = evaluate({ 'main.js': `const Koa = require('koa'); const app = new Koa(); require('http').createServer(app.callback()).listen(3000);` });
    expect(koa.apps).toMatchObject([{ of: 'koa', listens: true }]);
  });

  it('an entry that exports its app listens; a non-entry module that exports one does not by itself', () => {
    expect(evaluate({ 'app.js': `const app = require('express')(); module.exports = app;` }).apps[0]?.listens).toBe(true);
    expect(evaluate({ 'app.mjs': `import express from 'express'; const app = express(); export default app;` }).apps[0]?.listens).toBe(true);
    expect(evaluate({ 'test.js': `require('./app');`, 'app.js': `module.exports = require('express')();` }).apps[0]?.listens).toBe(false);
  });

  it('an app mounted on a listening app is served; mounted on one that does not listen, it is not', () => {
    const program = evaluate({ 'a.js': `const express = require('express'); const app = express(); const admin = express(); const Koa = require('koa'); const k = new Koa(); const sub = new Koa(); k.use(require('koa-mount')('/admin', sub)); app.use('/admin', admin); app.listen(); k.listen();` });
    expect(program.apps.map((app) => [app.of, app.listens])).toEqual([['express', true], ['express', true], ['koa', true], ['koa', true]]);
    const idle = evaluate({ 'a.js': `const express = require('express'); const app = express(); const admin = express(); app.use('/admin', admin);` });
    expect(idle.apps.map((app) => app.listens)).toEqual([false, false]);
  });

  it('express.Router() is not an app', () => {
    const program = evaluate({ 'a.js': `const express = require('express'); const router = express.Router(); router.use(require('cors')()); const { Router } = require('express'); Router();` });
    expect(program.apps).toEqual([]);
    expect(callees(program)).toEqual(['express.Router', 'cors', 'express.Router#use', 'express.Router']);
  });

  it('Koa: new Koa(), app.keys and app.proxy are app props; app.env is NODE_ENV or development', () => {
    const program = evaluate({ 'a.js': `const Koa = require('koa'); const app = new Koa(); app.keys = ['k1']; app.proxy = true; if (app.env === 'development') app.use(require('x')()); app.listen(1);` });
    expect(program.apps).toMatchObject([{ of: 'koa', listens: true }]);
    expect(program.apps[0]!.props.get('keys')).toMatchObject({ kind: 'array', items: [{ value: 'k1' }] });
    expect(program.apps[0]!.props.get('proxy')).toMatchObject({ value: true });
    expect(callees(program)).toContain('x');
    const production = evaluate({ 'a.js': `const Koa = require('koa'); const app = new Koa(); if (app.env === 'development') app.use(require('x')());` }, { NODE_ENV: 'production' });
    expect(callees(production)).not.toContain('x');
  });

  it('Fastify: Fastify() and { fastify }, register runs plugins with the instance (fastify-plugin passes through)', () => {
    const program = evaluate({
      'server.ts': `import Fastify from 'fastify'; import fp from 'fastify-plugin'; import plugin from './plugin';
const app = Fastify({ logger: true }); app.register(plugin, { a: 1 }); await app.listen({ port: 3000 });`,
      'plugin.ts': `import fp from 'fastify-plugin'; export default fp(async (fastify, opts) => { fastify.register(require('@fastify/cookie'), { secret: 'cookie-secret' }); });`,
    });
    expect(program.problems).toEqual([]);
    expect(program.apps).toMatchObject([{ of: 'fastify', listens: true }]);
    const inner = program.calls.find((call) => call.callee === 'fastify#register' && call.args[0]?.kind === 'module');
    expect(inner).toMatchObject({ args: [{ specifier: '@fastify/cookie' }, { kind: 'object' }] });
    expect(inner?.conditional).toBeUndefined();
    expect(prop(inner?.args[1], 'secret')).toMatchObject({ value: 'cookie-secret' });
    expect(evaluate({ 'a.mjs': `import { fastify } from 'fastify'; fastify().listen();` }).apps).toMatchObject([{ of: 'fastify', listens: true }]);
  });

  it('NestJS: await NestFactory.create in bootstrap(); the platform; module decorators', () => {
    const program = evaluate({
      'src/main.ts': `import { NestFactory } from '@nestjs/core'; import helmet from 'helmet'; import { AppModule } from './app.module';
async function bootstrap() { const app = await NestFactory.create(AppModule); app.use(helmet()); app.enableCors({ origin: true }); await app.listen(3000); }
bootstrap();`,
      'src/app.module.ts': `import { Module } from '@nestjs/common'; import { JwtModule } from '@nestjs/jwt'; import { jwtConstants } from './constants';
@Module({ imports: [JwtModule.register({ secret: jwtConstants.secret, signOptions: { expiresIn: '60s' } })] })
export class AppModule {}`,
      'src/constants.ts': `export const jwtConstants = { secret: 'nest-secret' };`,
    });
    expect(program.problems).toEqual([]);
    expect(program.apps).toMatchObject([{ of: 'nestjs', listens: true, platform: 'express' }]);
    expect(callees(program)).toEqual(['@nestjs/jwt.JwtModule.register', '@nestjs/common.Module', '@nestjs/core.NestFactory.create', 'helmet', 'nestjs#use', 'nestjs#enableCors', 'nestjs#listen']);
    expect(prop(callsTo(program, '@nestjs/jwt.JwtModule.register')[0]?.args[0], 'secret')).toMatchObject({ value: 'nest-secret', loc: { file: 'src/constants.ts' } });
    expect(program.calls.every((call) => !call.conditional)).toBe(true);
    const fastify = evaluate({ 'main.ts': `import { NestFactory } from '@nestjs/core'; import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter()).then((app) => app.listen(3000));` });
    expect(fastify.apps).toMatchObject([{ of: 'nestjs', platform: 'fastify', listens: true }]);
  });

  it('the express-session README pattern: app.get("env") is NODE_ENV with default development', () => {
    const files = {
      'app.js': `const express = require('express'); const session = require('express-session'); const app = express();
const sess = { secret: 'keyboard cat', cookie: {} };
if (app.get('env') === 'production') { app.set('trust proxy', 1); sess.cookie.secure = true; }
app.use(session(sess)); app.listen(3000);`,
    };
    const production = evaluate(files, { NODE_ENV: 'production' });
    expect(prop(callsTo(production, 'express-session')[0]?.args[0], 'cookie', 'secure')).toMatchObject({ value: true });
    expect(callsTo(production, 'express#set')[0]).toMatchObject({ args: [{ value: 'trust proxy' }, { value: 1 }] });
    const unset = evaluate(files, {});
    // Left unwritten only because NODE_ENV is unset: undefined, with the unset read (confidence `default`).
    const secure = prop(callsTo(unset, 'express-session')[0]?.args[0], 'cookie', 'secure');
    expect(secure).toMatchObject({ kind: 'undefined', env: [{ name: 'NODE_ENV', set: false }] });
    expect(confidenceOf(secure)).toBe('default');
    expect(callsTo(unset, 'express#set')).toEqual([]);
    const unknownEnv = evaluate(files, { NODE_ENV: null });
    expect(prop(callsTo(unknownEnv, 'express-session')[0]?.args[0], 'cookie', 'secure')?.kind).toBe('unknown');
    expect(callsTo(unknownEnv, 'express#set')[0]?.conditional).toBe(true);
  });

  it('callsTo ranks the listening app first', () => {
    const program = evaluate({ 'a.js': `const express = require('express'); const unused = express(); unused.use(require('helmet')()); const app = express(); app.use(require('helmet')({ hsts: false })); app.listen();` });
    const [first, second] = callsTo(program, 'helmet');
    expect(first?.args[0]?.kind).toBe('object');
    expect(second?.args).toEqual([]);
  });
});

describe('functions', () => {
  it('a module that exports a function taking the app is run with it', () => {
    const program = evaluate({ 'server.js': `const app = require('express')(); require('./routes')(app); app.listen();`, 'routes.js': `module.exports = function (app) { app.use(require('cors')({ origin: '*' })); };` });
    expect(callees(program)).toEqual(['express', 'cors', 'express#use', 'express#listen']);
    expect(program.calls.every((call) => !call.conditional)).toBe(true);
  });

  it('functions nothing calls run as conditional code; their callback value is known when constant', () => {
    const program = evaluate({
      'a.js': `const cors = require('cors'); const jwt = require('jsonwebtoken');
const app = require('express')();
app.use(cors({ origin: (origin, callback) => callback(null, true), credentials: true }));
app.post('/login', (req, res) => { res.json({ token: jwt.sign({ id: req.body.id }, 'login-secret') }); });
module.exports = { reflect: (origin, cb) => cb(null, origin), check: (origin, cb) => { if (origin === 'a') cb(null, true); else cb(new Error('no')); }, make: () => ({ a: 1 }) };`,
    });
    const sign = callsTo(program, 'jsonwebtoken.sign')[0];
    expect(sign).toMatchObject({ conditional: true, args: [{ kind: 'object' }, { value: 'login-secret' }] });
    const origin = prop(callsTo(program, 'cors')[0]?.args[0], 'origin');
    expect(origin?.kind === 'function' && origin.fn.returns).toMatchObject({ kind: 'boolean', value: true });
    const exported = program.exportsOf('a.js')!;
    const returnsOf = (name: string) => {
      const value = exported.get(name);
      return value?.kind === 'function' ? value.fn.returns : 'not a function';
    };
    expect(returnsOf('reflect')).toMatchObject({ kind: 'unknown', reason: 'parameter origin' });
    expect(returnsOf('check')).toBeUndefined();
    expect(returnsOf('make')).toMatchObject({ kind: 'object' });
  });

  it('recursion and long call chains are bounded', () => {
    const program = evaluate({ 'a.js': `function f(n) { return f(n + 1) } const v = f(0); require('x')(v);` });
    expect(program.calls[0]?.args[0]?.kind).toBe('unknown');
  });
});

describe('project classes', () => {
  it('new App() runs the constructor with this; methods called on the instance run', () => {
    const program = evaluate({
      'src/server.ts': `import App from './app'; const server = new App(3000); server.listen();`,
      'src/app.ts': `import express from 'express'; import helmet from 'helmet';
class Base { protected secure() { this.app.use(helmet()); } }
export default class App extends Base {
  public app: express.Application;
  private readonly name = 'api';
  constructor(private port: number) { super(); this.app = express(); this.middlewares(); }
  private middlewares(): void { this.secure(); this.app.set('name', this.name); }
  public listen(): void { this.app.listen(this.port); }
}`,
    });
    expect(program.problems).toEqual([]);
    expect(program.apps).toMatchObject([{ of: 'express', listens: true }]);
    expect(callees(program)).toEqual(['express', 'helmet', 'express#use', 'express#set', 'express#listen']);
    expect(program.calls.every((call) => !call.conditional)).toBe(true);
    expect(callsTo(program, 'express#set')[0]?.args[1]).toMatchObject({ value: 'api' });
  });

  it('a class nothing constructs: its methods run as conditional code', () => {
    const program = evaluate({ 'a.ts': `import * as jwt from 'jsonwebtoken'; export class AuthService { login(user) { return jwt.sign({ sub: user.id }, 'svc-secret'); } }` });
    expect(program.calls).toMatchObject([{ callee: 'jsonwebtoken.sign', conditional: true, args: [{}, { value: 'svc-secret' }] }]);
  });
});

describe('appOf', () => {
  it('follows a router mounted on the app', () => {
    const program = evaluate({ 'a.js': `const express = require('express'); const app = express(); const router = express.Router(); router.use(require('express-session')({ secret: 's' })); app.use('/api', router); app.listen();` });
    expect(appOf(program, callsTo(program, 'express-session')[0]!)?.of).toBe('express');
  });

  it('a middleware on a router that no app mounts belongs to no app', () => {
    const program = evaluate({ 'a.js': `const express = require('express'); const app = express(); const router = express.Router(); router.use(require('express-session')({ secret: 's' })); app.listen();` });
    expect(appOf(program, callsTo(program, 'express-session')[0]!)).toBeUndefined();
  });
});

describe('platform runners', () => {
  it('fastify-cli runs the exported plugin with an app it starts (entryPlugin)', () => {
    const files = { 'app.mjs': `export default async function (app, opts) { app.register(import('@fastify/cookie'), { secret: 'plugin-secret' }); }` };
    const withRunner = evaluateProgram(workspaceOf(files), ['app.mjs'], { env: envOf({}), entryPlugin: 'fastify' });
    expect(withRunner.apps).toMatchObject([{ of: 'fastify', listens: true }]);
    expect(withRunner.calls).toMatchObject([{ callee: 'fastify#register', args: [{}, { kind: 'object' }] }]);
    expect(withRunner.calls[0]?.conditional).toBeUndefined();
    const without = evaluate(files);
    expect(without.apps).toEqual([]);
  });

  it('http.Server(app) and serverless wrappers serve the app', () => {
    expect(evaluate({ 'a.js': `const app = require('express')(); const server = require('http').Server(app); server.listen(3000);` }).apps[0]?.listens).toBe(true);
    expect(evaluate({ 'a.js': `const serverless = require('serverless-http'); const app = require('express')(); module.exports.handler = serverless(app);` }).apps[0]?.listens).toBe(true);
    expect(evaluate({ 'a.js': `const wrap = require('other-wrapper'); const app = require('express')(); module.exports.handler = wrap(app);` }).apps[0]?.listens).toBe(false);
  });
});
