/** The four session-cookie rules, on express-session, cookie-session, koa-session and @fastify/session. */
import { ruleTester, type Files } from '../../helpers/rule-tester.js';
import { expressServer, nodeFiles } from './node-files.js';

const SESSION = "const session = require('express-session');\nconst RedisStore = require('connect-redis');\n";
const HARDENED = "{ name: 'shop.sid', secret: process.env.S, store: new RedisStore({}), cookie: { secure: true, httpOnly: true, sameSite: 'lax' } }";

/** The same project deployed by a Dockerfile that sets no NODE_ENV (a Procfile means Heroku, which sets production). */
function inDocker(files: Files): Files {
  const { Procfile: _procfile, ...rest } = files;
  return { ...rest, Dockerfile: 'FROM node:20\nCOPY . .\nCMD ["node", "server.js"]\n' };
}

function express(options: string, before = ''): ReturnType<typeof expressServer> {
  return expressServer(`${SESSION}${before}app.use(session(${options}));`, ['express-session']);
}

ruleTester('node/session-cookie-insecure', {
  valid: [
    { name: 'secure: true', files: express(HARDENED) },
    { name: "'auto' with trust proxy set", files: express("{ secret: process.env.S, cookie: { secure: 'auto' } }", "app.set('trust proxy', 1);\n") },
    { name: "'auto' with the session's own proxy: true", files: express("{ secret: process.env.S, proxy: true, cookie: { secure: 'auto' } }") },
    { name: 'secure decided by NODE_ENV, which production sets', files: express("{ secret: process.env.S, cookie: { secure: process.env.NODE_ENV === 'production' } }"), set: { NODE_ENV: 'production' } },
    { name: 'an unknown value gives nothing', files: express("{ secret: process.env.S, cookie: { secure: process.env.COOKIE_SECURE } }"), set: { COOKIE_SECURE: 'true' } },
    {
      name: 'cookie-session without secure behind a trusted proxy (Secure follows the forwarded protocol)',
      files: nodeFiles("const express = require('express');\nconst cs = require('cookie-session');\nconst app = express();\napp.set('trust proxy', 1);\napp.use(cs({ secret: process.env.S }));\napp.listen(3000);\n", ['express', 'cookie-session']),
    },
    {
      name: 'koa-session without secure on a Koa app with app.proxy = true',
      files: nodeFiles("const Koa = require('koa');\nconst session = require('koa-session');\nconst app = new Koa();\napp.proxy = true;\napp.use(session(app));\napp.listen(3000);\n", ['koa', 'koa-session']),
    },
    {
      name: 'a session call registered only on an app that never listens, next to the listening one',
      files: expressServer(`${SESSION}const admin = express();\nadmin.use(session({ secret: process.env.S, cookie: { secure: false } }));`, ['express-session']),
    },
  ],
  invalid: [
    { name: 'no cookie options at all (default false)', files: express('{ secret: process.env.S }'), findings: [{ at: 'server.js:5', severity: 'high', confidence: 'certain', message: "express-session's default is false" }] },
    { name: 'secure: false written', files: express('{ secret: process.env.S,\n  cookie: { secure: false } }'), findings: [{ at: 'server.js:6', message: '`cookie.secure` is false' }] },
    { name: "'auto' without trust proxy", files: express("{ secret: process.env.S, cookie: { secure: 'auto' } }"), findings: [{ message: "does not set 'trust proxy'" }] },
    {
      name: 'secure from NODE_ENV when production leaves it unset is default confidence',
      files: inDocker(express("{ secret: process.env.S, cookie: { secure: process.env.NODE_ENV === 'production' } }")),
      findings: [{ confidence: 'default' }],
    },
    {
      name: 'a session call in a branch the evaluator cannot decide is default confidence',
      files: expressServer(`${SESSION}if (process.argv.includes('--sessions')) {\n  app.use(session({ secret: process.env.S }));\n}`, ['express-session']),
      findings: [{ confidence: 'default' }],
    },
    {
      name: 'cookie-session without secure and without trust proxy',
      files: nodeFiles("const express = require('express');\nconst cs = require('cookie-session');\nconst app = express();\napp.use(cs({ secret: process.env.S }));\napp.listen(3000);\n", ['express', 'cookie-session']),
      findings: [{ at: 'server.js:4', message: 'does not trust its proxy' }],
    },
    {
      name: 'koa-session given only the app (every default), without app.proxy',
      files: nodeFiles("const Koa = require('koa');\nconst session = require('koa-session');\nconst app = new Koa();\napp.use(session(app));\napp.listen(3000);\n", ['koa', 'koa-session']),
      findings: [{ at: 'server.js:4', message: 'koa-session sees every request' }],
    },
    {
      name: '@fastify/session with secure: false',
      files: nodeFiles(
        "const app = require('fastify')();\napp.register(require('@fastify/cookie'));\napp.register(require('@fastify/session'), { secret: process.env.S, store: {}, cookie: { secure: false } });\napp.listen({ port: 3000 });\n",
        ['fastify', '@fastify/cookie', '@fastify/session'],
      ),
      findings: [{ at: 'server.js:3', message: '@fastify/session' }],
    },
  ],
});

ruleTester('node/session-cookie-httponly-off', {
  valid: [
    { name: 'httpOnly left to its default', files: express('{ secret: process.env.S }') },
    { name: 'httpOnly: true', files: express(HARDENED) },
  ],
  invalid: [
    { name: 'express-session httpOnly: false', files: express('{ secret: process.env.S,\n  cookie: { httpOnly: false } }'), findings: [{ at: 'server.js:6', severity: 'medium', message: '`cookie.httpOnly` is false' }] },
    {
      name: 'koa-session httpOnly: false',
      files: nodeFiles("const Koa = require('koa');\nconst session = require('koa-session');\nconst app = new Koa();\napp.use(session({ httpOnly: false }, app));\napp.listen(3000);\n", ['koa', 'koa-session']),
      findings: [{ at: 'server.js:4', message: '`httpOnly` is false' }],
    },
  ],
});

ruleTester('node/session-cookie-samesite-missing', {
  valid: [
    { name: "sameSite: 'lax'", files: express(HARDENED) },
    {
      name: '@fastify/session is not judged on sameSite',
      files: nodeFiles("const app = require('fastify')();\napp.register(require('@fastify/session'), { secret: process.env.S, store: {} });\napp.listen({ port: 3000 });\n", ['fastify', '@fastify/session']),
    },
  ],
  invalid: [
    { name: 'express-session without sameSite', files: express('{ secret: process.env.S }'), findings: [{ at: 'server.js:5', severity: 'low', message: 'sends no SameSite attribute' }] },
    {
      name: 'cookie-session sameSite: false',
      files: nodeFiles("const express = require('express');\nconst cs = require('cookie-session');\nconst app = express();\napp.use(cs({ secret: process.env.S,\n  sameSite: false }));\napp.listen(3000);\n", ['express', 'cookie-session']),
      findings: [{ at: 'server.js:5', message: '`sameSite` is false' }],
    },
  ],
});

ruleTester('node/session-cookie-default-name', {
  valid: [
    { name: 'a name of its own', files: express(HARDENED) },
    {
      name: 'cookie-session keeps its name (not judged)',
      files: nodeFiles("const express = require('express');\nconst cs = require('cookie-session');\nconst app = express();\napp.use(cs({ secret: process.env.S }));\napp.listen(3000);\n", ['express', 'cookie-session']),
    },
  ],
  invalid: [
    { name: 'no name', files: express('{ secret: process.env.S }'), findings: [{ at: 'server.js:5', severity: 'low', message: 'connect.sid' }] },
    { name: "name: 'connect.sid' written", files: express("{ secret: process.env.S,\n  name: 'connect.sid' }"), findings: [{ at: 'server.js:6', message: "is 'connect.sid', the default" }] },
  ],
});

ruleTester('node/session-memory-store', {
  valid: [
    { name: 'a store', files: express(HARDENED) },
    {
      name: 'koa-session keeps the session in the cookie',
      files: nodeFiles("const Koa = require('koa');\nconst session = require('koa-session');\nconst app = new Koa();\napp.use(session({}, app));\napp.listen(3000);\n", ['koa', 'koa-session']),
    },
  ],
  invalid: [
    { name: 'express-session without store', files: express('{ secret: process.env.S }'), findings: [{ at: 'server.js:5', severity: 'medium', message: 'has no `store`' }] },
    {
      name: '@fastify/session without store (ESM)',
      files: nodeFiles(
        "import Fastify from 'fastify';\nimport session from '@fastify/session';\nconst app = Fastify();\nawait app.register(session, { secret: process.env.S });\nawait app.listen({ port: 3000 });\n",
        ['fastify', '@fastify/session'],
        { 'package.json': JSON.stringify({ name: 'f', type: 'module', scripts: { start: 'node server.js' }, dependencies: { fastify: '*', '@fastify/session': '*' } }) },
      ),
      findings: [{ at: 'server.js:4', message: '@fastify/session has no `store`' }],
    },
  ],
});

/** Auth cookies set by handlers, judged by the same three rules. */
const login = (options: string): Files => expressServer(`app.post('/login', (req, res) => {\n  res.cookie('token', req.body.token${options});\n  res.end();\n});`);

ruleTester('node/session-cookie-insecure', {
  valid: [
    { name: 'res.cookie with secure: true', files: login(", { secure: true, httpOnly: true, sameSite: 'lax' }") },
    { name: 'a cookie whose name is not a credential', files: expressServer("app.get('/', (req, res) => {\n  res.cookie('theme', 'dark');\n  res.end();\n});") },
    { name: 'options held in a variable (not read)', files: login(', COOKIE_OPTIONS') },
    { name: 'a receiver that is not a parameter (a module-level client)', files: expressServer("const res = require('./client');\nres.cookie('token', 'x');") },
  ],
  invalid: [
    { name: 'res.cookie without options', files: login(''), findings: [{ at: 'server.js:4', severity: 'high', message: 'The token cookie set by res.cookie()' }] },
    {
      name: 'a helper in another file that is handed res',
      files: expressServer("const { sendToken } = require('./auth');\napp.post('/login', (req, res) => sendToken(res, req.body.token));", [], {
        'auth.js': "exports.sendToken = function (res, token) {\n  res.cookie('access_token', token, { httpOnly: true });\n  res.end();\n};\n",
      }),
      findings: [{ at: 'auth.js:2', message: 'access_token' }],
    },
  ],
});

const koaLogin = (proxy: string): Files =>
  nodeFiles(`const Koa = require('koa');\nconst app = new Koa();\n${proxy}app.use(async (ctx) => {\n  ctx.cookies.set('auth', 'x', { sameSite: 'lax' });\n});\napp.listen(3000);\n`, ['koa']);

ruleTester('node/session-cookie-insecure', {
  valid: [
    { name: 'Koa ctx.cookies.set without secure, app.proxy = true', files: koaLogin('app.proxy = true;\n') },
    // Koa checks app.proxy for truthiness, as the koa-session judgement does.
    { name: 'Koa ctx.cookies.set without secure, app.proxy = 1', files: koaLogin('app.proxy = 1;\n') },
  ],
  invalid: [{ name: 'Koa ctx.cookies.set without secure or app.proxy', files: koaLogin(''), findings: [{ at: 'server.js:4', message: 'does not set app.proxy' }] }],
});

ruleTester('node/session-cookie-httponly-off', {
  valid: [{ name: 'res.cookie with httpOnly: true', files: login(', { httpOnly: true }') }],
  invalid: [
    {
      name: "Fastify reply.setCookie without httpOnly (@fastify/cookie's default is off)",
      files: nodeFiles(
        "const app = require('fastify')();\napp.register(require('@fastify/cookie'));\napp.post('/login', async (request, reply) => {\n  reply.setCookie('sessionId', request.body.id, { path: '/' });\n  return {};\n});\napp.listen({ port: 3000 });\n",
        ['fastify', '@fastify/cookie'],
      ),
      findings: [{ at: 'server.js:4', message: '`httpOnly` is not set (reply.setCookie then sends none)' }],
    },
  ],
});

ruleTester('node/session-cookie-samesite-missing', {
  valid: [{ name: "res.cookie with sameSite: 'strict'", files: login(", { sameSite: 'strict' }") }],
  invalid: [
    {
      name: 'Koa ctx.cookies.set without sameSite',
      files: nodeFiles("const Koa = require('koa');\nconst app = new Koa();\napp.use(async (ctx) => {\n  ctx.cookies.set('auth', 'x', { httpOnly: true });\n});\napp.listen(3000);\n", ['koa']),
      findings: [{ at: 'server.js:4', message: 'ctx.cookies.set' }],
    },
  ],
});
