/**
 * A branch or value chosen only because a variable is unset is an assumption: production may set it (no deploy
 * file, or a Dockerfile that sets no NODE_ENV, says nothing either way), so the findings it leads to are
 * `default` confidence. The same projects on Heroku (a Procfile: NODE_ENV=production) give nothing or `certain`.
 */
import { ruleTester, type Files } from '../../helpers/rule-tester.js';
import { expressServer, nodeFiles } from './node-files.js';

/** The same project deployed by a Dockerfile that sets no NODE_ENV. */
function inDocker(files: Files): Files {
  const { Procfile: _procfile, ...rest } = files;
  return { ...rest, Dockerfile: 'FROM node:20\nCOPY . .\nCMD ["node", "server.js"]\n' };
}

/** The same project with no deploy file at all. */
function bare(files: Files): Files {
  const { Procfile: _procfile, ...rest } = files;
  return rest;
}

const SESSION = "const session = require('express-session');\nconst RedisStore = require('connect-redis');\n";

/** express-session's README: Secure and 'trust proxy' only when app.get('env') is production. */
const README = expressServer(
  `${SESSION}const sess = { secret: process.env.S, name: 'shop.sid', store: new RedisStore({}), cookie: { sameSite: 'lax' } };
if (app.get('env') === 'production') {
  app.set('trust proxy', 1);
  sess.cookie.secure = true;
}
app.use(session(sess));`,
  ['express-session'],
);

ruleTester('node/session-cookie-insecure', {
  valid: [{ name: 'README pattern on Heroku (NODE_ENV=production)', files: README }],
  invalid: [
    { name: 'README pattern in a Dockerfile without NODE_ENV', files: inDocker(README), findings: [{ confidence: 'default', message: '`cookie.secure` is not set' }] },
    { name: 'README pattern with no deploy file', files: bare(README), findings: [{ confidence: 'default' }] },
    {
      name: 'secure: false written in a branch taken because NODE_ENV is unset',
      files: inDocker(expressServer(`${SESSION}const sess = { secret: process.env.S, cookie: { secure: true } };\nif (process.env.NODE_ENV !== 'production') sess.cookie.secure = false;\napp.use(session(sess));`, ['express-session'])),
      findings: [{ confidence: 'default', message: '`cookie.secure` is false' }],
    },
    {
      name: 'no secure anywhere is certain, whatever the deploy',
      files: inDocker(expressServer(`${SESSION}app.use(session({ secret: process.env.S, store: new RedisStore({}) }));`, ['express-session'])),
      findings: [{ confidence: 'certain' }],
    },
  ],
});

ruleTester('node/x-powered-by', {
  valid: [{ name: 'helmet only in production, on Heroku', files: expressServer("const helmet = require('helmet');\nif (process.env.NODE_ENV === 'production') {\n  app.use(helmet());\n}", ['helmet']) }],
  invalid: [
    {
      name: 'helmet only in production, NODE_ENV unset',
      files: inDocker(expressServer("const helmet = require('helmet');\nif (process.env.NODE_ENV === 'production') {\n  app.use(helmet());\n}", ['helmet'])),
      findings: [{ confidence: 'default' }],
    },
    { name: 'no helmet anywhere', files: inDocker(expressServer('')), findings: [{ confidence: 'certain' }] },
  ],
});

const HELMET_IN_PRODUCTION = expressServer("const helmet = require('helmet');\nif (process.env.NODE_ENV === 'production') {\n  app.use(helmet());\n}", ['helmet']);

ruleTester('node/security-headers-missing', {
  valid: [{ name: 'helmet only in production, on Heroku', files: HELMET_IN_PRODUCTION }],
  invalid: [
    { name: 'helmet only in production, NODE_ENV unset', files: inDocker(HELMET_IN_PRODUCTION), findings: [{ confidence: 'default' }] },
    { name: 'no helmet anywhere', files: inDocker(expressServer('')), findings: [{ confidence: 'certain' }] },
  ],
});

function knex(selector: string): Files {
  return {
    ...nodeFiles(`const config = require('./knexfile')${selector};\nconst db = require('knex')(config);\nconst express = require('express');\nconst app = express();\napp.listen(3000);\n`, ['express', 'knex']),
    'knexfile.js': "module.exports = {\n  development: { client: 'sqlite3', connection: { filename: './dev.sqlite3' } },\n  production: { client: 'pg', connection: process.env.DATABASE_URL },\n};\n",
  };
}

ruleTester('node/sqlite-in-production', {
  valid: [{ name: 'knexfile keyed by a variable production sets', files: knex("[process.env.DB_ENV || 'development']"), set: { DB_ENV: 'production' } }],
  invalid: [
    { name: 'knexfile keyed by an unset variable', files: knex("[process.env.DB_ENV || 'development']"), findings: [{ confidence: 'default', at: 'knexfile.js:2' }] },
    { name: 'knexfile development written in the code', files: knex('.development'), findings: [{ confidence: 'certain' }] },
    { name: 'knexfile falling back to development when an unset variable names none', files: knex("[process.env.DB_ENV] || require('./knexfile').development"), findings: [{ confidence: 'default' }] },
  ],
});

function store(value: string): Files {
  return expressServer(`${SESSION}app.set('trust proxy', 1);\napp.use(session({ secret: process.env.S, name: 'x.sid', store: ${value}, cookie: { secure: true, sameSite: 'lax' } }));`, ['express-session']);
}

ruleTester('node/session-memory-store', {
  valid: [{ name: 'a Redis store when REDIS_URL is set', files: store('process.env.REDIS_URL ? new RedisStore({}) : undefined'), set: { REDIS_URL: 'redis://cache:6379' } }],
  invalid: [
    { name: 'a Redis store only when REDIS_URL is set, and it is not', files: store('process.env.REDIS_URL ? new RedisStore({}) : undefined'), findings: [{ confidence: 'default', message: 'REDIS_URL is unset' }] },
    { name: 'store: undefined written', files: store('undefined'), findings: [{ confidence: 'certain' }] },
  ],
});

function named(value: string): Files {
  return expressServer(`${SESSION}app.use(session({ secret: process.env.S, name: ${value}, store: new RedisStore({}) }));`, ['express-session']);
}

ruleTester('node/session-cookie-default-name', {
  valid: [{ name: 'the name from a variable production sets', files: named('process.env.SESSION_NAME'), set: { SESSION_NAME: 'shop.sid' } }],
  invalid: [
    { name: 'the name from an unset variable: express-session falls back to connect.sid', files: named('process.env.SESSION_NAME'), findings: [{ confidence: 'default' }] },
    { name: 'no name', files: named('undefined'), findings: [{ confidence: 'certain' }] },
  ],
});

/** An Express app that is created but never listens (nor exported): what it registers may not be production's. */
function neverListens(body: string): Files {
  return nodeFiles(`const express = require('express');\nconst app = express();\n${body}\n`, ['express']);
}

const LOGIN = "app.post('/login', (req, res) => {\n  res.cookie('token', req.body.token);\n  res.end();\n});";
const LEAK = "app.use((err, req, res, next) => {\n  res.status(500).json({ stack: err.stack });\n});";

ruleTester('node/session-cookie-insecure', {
  valid: [],
  invalid: [
    { name: 'a handler cookie of a listening app is certain', files: expressServer(LOGIN), findings: [{ confidence: 'certain', message: 'The token cookie' }] },
    { name: 'a handler cookie of an app that never listens is default', files: neverListens(LOGIN), findings: [{ confidence: 'default', message: 'The token cookie' }] },
  ],
});

ruleTester('node/error-details-leaked', {
  valid: [],
  invalid: [
    { name: 'an error handler on a listening app is certain', files: expressServer(LEAK), findings: [{ confidence: 'certain' }] },
    { name: 'an error handler on an app that never listens is default', files: neverListens(LEAK), findings: [{ confidence: 'default' }] },
    {
      name: 'an error handler registered only because NODE_ENV is unset is default',
      files: inDocker(expressServer(`if (process.env.NODE_ENV !== 'production') {\n  ${LEAK}\n}`)),
      findings: [{ confidence: 'default' }],
    },
  ],
});
