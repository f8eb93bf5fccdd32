import { ruleTester } from '../../helpers/rule-tester.js';
import { expressServer, nodeFiles } from './node-files.js';

const CORS = "const cors = require('cors');\n";
const express = (options: string, before = ''): ReturnType<typeof expressServer> => expressServer(`${CORS}${before}app.use(cors(${options}));`, ['cors']);
const koa = (options: string): ReturnType<typeof nodeFiles> =>
  nodeFiles(`const Koa = require('koa');\nconst cors = require('@koa/cors');\nconst app = new Koa();\napp.use(cors(${options}));\napp.listen(3000);\n`, ['koa', '@koa/cors']);

ruleTester('node/cors-any-origin', {
  valid: [
    { name: 'an allowlist with credentials', files: express("{ origin: ['https://shop.example.com'], credentials: true }") },
    { name: "'*' inside an array is literal", files: express("{ origin: ['*'], credentials: true }") },
    { name: 'a RegExp for one domain', files: express('{ origin: /\\.example\\.com$/, credentials: true }') },
    { name: 'cors() on an app without sessions (a public API)', files: express('') },
    { name: 'origin: true without credentials or sessions', files: express('{ origin: true }') },
    { name: '@koa/cors with an origin of its own', files: koa("{ origin: 'https://shop.example.com', credentials: true }") },
    { name: 'an origin function that checks a list', files: express('{ origin: (origin, cb) => cb(null, ALLOWED.includes(origin)), credentials: true }', 'const ALLOWED = [];\n') },
  ],
  invalid: [
    {
      name: 'origin: true with credentials',
      files: express('{\n  origin: true,\n  credentials: true,\n}'),
      findings: [{ at: 'server.js:5', severity: 'high', confidence: 'certain', message: "with the user's cookies" }],
    },
    { name: 'an origin callback that always allows', files: express('{ origin: (origin, callback) => callback(null, true), credentials: true }'), findings: [{ severity: 'high', message: 'allows every origin' }] },
    { name: 'a RegExp that matches any site', files: express('{ origin: /.*/, credentials: true }'), findings: [{ severity: 'high', message: 'matches any site' }] },
    { name: "'*' with credentials is medium", files: express("{ origin: '*', credentials: true }"), findings: [{ severity: 'medium', message: 'browsers refuse that pair' }] },
    {
      name: 'cors() on an app with cookie sessions is low',
      files: expressServer(`${CORS}const session = require('express-session');\napp.use(session({ secret: process.env.S }));\napp.use(cors());`, ['cors', 'express-session']),
      findings: [{ at: 'server.js:6', severity: 'low', message: 'cookie sessions' }],
    },
    { name: '@koa/cors with credentials and no origin reflects', files: koa('{ credentials: true }'), findings: [{ severity: 'high', message: "answers with the request's Origin" }] },
    {
      name: '@fastify/cors origin: true with credentials',
      files: nodeFiles("const app = require('fastify')();\napp.register(require('@fastify/cors'), { origin: true, credentials: true });\napp.listen({ port: 3000 });\n", ['fastify', '@fastify/cors']),
      findings: [{ at: 'server.js:2', severity: 'high' }],
    },
  ],
});

ruleTester('node/trust-proxy-all', {
  valid: [
    { name: 'a hop count', files: expressServer("app.set('trust proxy', 1);") },
    { name: "'loopback'", files: expressServer("app.set('trust proxy', 'loopback');") },
    { name: 'a subnet list', files: expressServer("app.set('trust proxy', ['10.0.0.0/8', '172.16.0.0/12']);") },
    { name: "Koa's app.proxy = true", files: nodeFiles("const Koa = require('koa');\nconst app = new Koa();\napp.proxy = true;\napp.listen(3000);\n", ['koa']) },
    { name: 'Fastify trustProxy with a hop count', files: nodeFiles("const app = require('fastify')({ trustProxy: 1 });\napp.listen({ port: 3000 });\n", ['fastify']) },
  ],
  invalid: [
    { name: "app.set('trust proxy', true)", files: expressServer("app.set('trust proxy', true);"), findings: [{ at: 'server.js:3', severity: 'medium', confidence: 'certain', message: "app.set('trust proxy', true)" }] },
    { name: "app.enable('trust proxy')", files: expressServer("app.enable('trust proxy');"), findings: [{ at: 'server.js:3', message: "app.enable('trust proxy')" }] },
    { name: 'Fastify trustProxy: true', files: nodeFiles("const app = require('fastify')({ trustProxy: true });\napp.listen({ port: 3000 });\n", ['fastify']), findings: [{ at: 'server.js:1', message: 'trustProxy: true' }] },
  ],
});
