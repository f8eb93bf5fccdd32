/** security-headers-missing, helmet-weakened and x-powered-by on Express, Koa, Fastify. */
import { ruleTester } from '../../helpers/rule-tester.js';
import { expressServer, nodeFiles } from './node-files.js';

const HELMET = "const helmet = require('helmet');\n";
const koa = (body: string, deps: string[] = []): ReturnType<typeof nodeFiles> =>
  nodeFiles(`const Koa = require('koa');\nconst app = new Koa();\n${body}\napp.listen(3000);\n`, ['koa', ...deps]);
const fastify = (body: string, deps: string[] = []): ReturnType<typeof nodeFiles> =>
  nodeFiles(`const app = require('fastify')();\n${body}\napp.listen({ port: 3000 });\n`, ['fastify', ...deps]);

ruleTester('node/security-headers-missing', {
  valid: [
    { name: 'helmet()', files: expressServer(`${HELMET}app.use(helmet());`, ['helmet']) },
    { name: 'only helmet.hsts() (partial use counts)', files: expressServer(`${HELMET}app.use(helmet.hsts({ maxAge: 31536000 }));`, ['helmet']) },
    {
      name: 'headers set by its own middleware',
      files: expressServer("app.use((req, res, next) => {\n  res.setHeader('Strict-Transport-Security', 'max-age=31536000');\n  next();\n});"),
    },
    {
      name: 'the nginx in front adds HSTS',
      files: expressServer("app.get('/', (req, res) => res.send('hi'));", [], {
        'nginx/app.conf': 'server {\n  listen 443 ssl;\n  add_header Strict-Transport-Security "max-age=31536000" always;\n  location / { proxy_pass http://127.0.0.1:3000; }\n}\n',
      }),
    },
    { name: 'koa-helmet', files: koa("const helmet = require('koa-helmet');\napp.use(helmet());", ['koa-helmet']) },
    { name: '@fastify/helmet', files: fastify("app.register(require('@fastify/helmet'));", ['@fastify/helmet']) },
    {
      name: 'a file that does not parse may hide helmet: no finding',
      files: expressServer("require('./security');", [], { 'security.js': 'module.exports = function (app) {\n  app.use(helmet(\n' }),
    },
  ],
  invalid: [
    { name: 'Express without helmet', files: expressServer("app.get('/', (req, res) => res.send('hi'));"), findings: [{ at: 'server.js:2', severity: 'medium', confidence: 'certain', message: 'no helmet' }] },
    { name: 'Koa without koa-helmet', files: koa("app.use((ctx) => { ctx.body = 'hi'; });"), findings: [{ at: 'server.js:2', message: 'no koa-helmet' }] },
    { name: 'Fastify without @fastify/helmet', files: fastify("app.get('/', async () => 'hi');"), findings: [{ at: 'server.js:1', message: 'no @fastify/helmet' }] },
  ],
});

ruleTester('node/helmet-weakened', {
  valid: [
    { name: 'helmet() defaults', files: expressServer(`${HELMET}app.use(helmet());`, ['helmet']) },
    { name: 'a year of HSTS', files: expressServer(`${HELMET}app.use(helmet({ hsts: { maxAge: 31536000, includeSubDomains: true } }));`, ['helmet']) },
    { name: 'an unknown maxAge', files: expressServer(`${HELMET}app.use(helmet({ hsts: { maxAge: require('ms')('1y') / 1000 } }));`, ['helmet']) },
  ],
  invalid: [
    {
      name: 'CSP off (low) and HSTS off (medium), each where it is written',
      files: expressServer(`${HELMET}app.use(helmet({\n  contentSecurityPolicy: false,\n  hsts: false,\n}));`, ['helmet']),
      findings: [
        { at: 'server.js:5', severity: 'low', message: 'contentSecurityPolicy: false' },
        { at: 'server.js:6', severity: 'medium', message: 'not to send Strict-Transport-Security' },
      ],
    },
    {
      name: 'a short HSTS through strictTransportSecurity',
      files: expressServer(`${HELMET}app.use(helmet({ strictTransportSecurity: { maxAge: 86400 } }));`, ['helmet']),
      findings: [{ at: 'server.js:4', message: 'maxAge is 86400 s, under 180 days' }],
    },
    {
      name: 'a maxAge from a variable production sets short',
      files: expressServer(`${HELMET}app.use(helmet({ hsts: { maxAge: Number(process.env.HSTS_SECONDS) } }));`, ['helmet']),
      set: { HSTS_SECONDS: '60' },
      findings: [{ at: 'server.js:4', confidence: 'certain', message: 'maxAge is 60 s' }],
    },
    {
      name: 'helmet.hsts() with a short maxAge',
      files: expressServer(`${HELMET}app.use(helmet.hsts({ maxAge: 3600 }));`, ['helmet']),
      findings: [{ message: 'helmet.hsts()' }],
    },
    {
      name: 'koa-helmet with CSP off',
      files: koa("const helmet = require('koa-helmet');\napp.use(helmet({ contentSecurityPolicy: false }));", ['koa-helmet']),
      findings: [{ at: 'server.js:4', message: 'koa-helmet' }],
    },
  ],
});

ruleTester('node/x-powered-by', {
  valid: [
    { name: "app.disable('x-powered-by')", files: expressServer("app.disable('x-powered-by');") },
    { name: "app.set('x-powered-by', false)", files: expressServer("app.set('x-powered-by', false);") },
    { name: 'helmet() removes it', files: expressServer(`${HELMET}app.use(helmet());`, ['helmet']) },
    { name: 'Koa sends none', files: koa("app.use((ctx) => { ctx.body = 'hi'; });") },
    { name: 'Fastify sends none', files: fastify("app.get('/', async () => 'hi');") },
    {
      name: 'Next.js with poweredByHeader: false',
      files: nodeFiles("const next = require('next');\n", ['next', 'react'], { 'next.config.js': 'module.exports = { poweredByHeader: false };\n' }),
    },
  ],
  invalid: [
    { name: 'Express as is', files: expressServer("app.get('/', (req, res) => res.send('hi'));"), findings: [{ at: 'server.js:2', severity: 'low', confidence: 'certain', message: 'X-Powered-By: Express' }] },
    {
      name: 'helmet told to keep it',
      files: expressServer(`${HELMET}app.use(helmet({ xPoweredBy: false }));`, ['helmet']),
      findings: [{ at: 'server.js:2' }],
    },
    {
      name: 'Next.js config without poweredByHeader',
      files: nodeFiles("const next = require('next');\n", ['next', 'react'], { 'next.config.js': "module.exports = { reactStrictMode: true };\n" }),
      findings: [{ at: 'next.config.js:1', message: 'does not set poweredByHeader: false' }],
    },
  ],
});
