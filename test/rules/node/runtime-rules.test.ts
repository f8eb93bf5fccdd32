/** rules/node for what production runs: NODE_ENV, development servers, SQLite, error handlers, committed build output. */
import buildOutputCommitted from '../../../rules/node/build-output-committed.js';
import devServerInProduction from '../../../rules/node/dev-server-in-production.js';
import errorDetailsLeaked from '../../../rules/node/error-details-leaked.js';
import nodeEnvNotProduction from '../../../rules/node/node-env-not-production.js';
import sqliteInProduction from '../../../rules/node/sqlite-in-production.js';
import { ruleTester, type Files } from '../../helpers/rule-tester.js';

function packageJson(dependencies: string[], scripts: Record<string, string> = { start: 'node server.js' }): string {
  return `${JSON.stringify({ name: 'shop', private: true, scripts, dependencies: Object.fromEntries(dependencies.map((name) => [name, '*'])) }, null, 2)}\n`;
}

/** An Express server in a Docker image: `body` between `const app = express();` (line 2) and listen. */
function expressInDocker(body: string, dockerEnv = 'ENV NODE_ENV=production\n', extra: Files = {}): Files {
  return {
    'package.json': packageJson(['express', 'sequelize', 'knex']),
    Dockerfile: `FROM node:20-slim\nWORKDIR /app\nCOPY . .\n${dockerEnv}USER node\nCMD ["node", "server.js"]\n`,
    'server.js': `const express = require('express');\nconst app = express();\n${body}\napp.listen(3000);\n`,
    ...extra,
  };
}

ruleTester(nodeEnvNotProduction, {
  valid: [
    { name: 'ENV NODE_ENV=production in the image', files: expressInDocker('') },
    { name: 'no deploy file: the platform may set it', files: { 'package.json': packageJson(['express']), 'server.js': "require('express')().listen(3000);\n" } },
    { name: 'Heroku sets it', files: { 'package.json': packageJson(['express']), Procfile: 'web: node server.js\n', 'server.js': "require('express')().listen(3000);\n" } },
    {
      name: 'next start sets it',
      files: { 'package.json': packageJson(['next', 'react'], { build: 'next build', start: 'next start' }), Dockerfile: 'FROM node:20\nCOPY . .\nCMD ["npm", "start"]\n' },
    },
  ],
  invalid: [
    {
      name: 'ENV NODE_ENV=development in the image',
      files: expressInDocker('', 'ENV NODE_ENV=development\n'),
      findings: [{ at: 'Dockerfile:4', severity: 'high', confidence: 'certain', message: "NODE_ENV is 'development' in production" }],
    },
    {
      name: 'never set for Express in a Docker image',
      files: expressInDocker('', ''),
      findings: [{ at: 'Dockerfile:5', severity: 'medium', message: ['nothing sets NODE_ENV', 'node server.js'] }],
    },
  ],
});

ruleTester(devServerInProduction, {
  valid: [
    { name: 'node server.js', files: expressInDocker('') },
    { name: 'scripts.dev is not production', files: { 'package.json': packageJson(['express'], { dev: 'nodemon server.js', start: 'node server.js' }), Procfile: 'web: npm start\n', 'server.js': '' } },
  ],
  invalid: [
    {
      name: 'a Procfile running npm run dev → nodemon',
      files: { 'package.json': packageJson(['express'], { dev: 'nodemon server.js', start: 'node server.js' }), Procfile: 'web: npm run dev\n', 'server.js': '' },
      findings: [{ at: 'Procfile:1', severity: 'high', message: ['production starts nodemon (', 'scripts.dev'] }],
    },
    {
      name: 'pm2 watching files, from the ecosystem file the Dockerfile starts',
      files: {
        'package.json': packageJson(['express']),
        Dockerfile: 'FROM node:20\nCOPY . .\nENV NODE_ENV=production\nCMD ["pm2-runtime", "ecosystem.config.js"]\n',
        'ecosystem.config.js': "module.exports = {\n  apps: [{ script: 'server.js', watch: true, exec_mode: 'cluster' }],\n};\n",
        'server.js': "require('express')().listen(3000);\n",
      },
      findings: [{ at: 'ecosystem.config.js:2', severity: 'medium', message: 'pm2 watches files in production (watch: true in ecosystem.config.js' }],
    },
    {
      name: 'a Dockerfile CMD running next dev',
      files: { 'package.json': packageJson(['next', 'react'], { dev: 'next dev' }), Dockerfile: 'FROM node:20\nCOPY . .\nCMD ["npx", "next", "dev"]\n' },
      findings: [{ at: 'Dockerfile:3', message: 'production starts next dev' }],
    },
  ],
});

ruleTester(sqliteInProduction, {
  valid: [
    { name: 'PostgreSQL through knex', files: expressInDocker("const db = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });") },
    {
      name: 'SQLite only in a development branch',
      files: expressInDocker("const { Sequelize } = require('sequelize');\nconst db = process.env.NODE_ENV === 'production' ? new Sequelize(process.env.DATABASE_URL) : new Sequelize({ dialect: 'sqlite', storage: 'dev.db' });"),
    },
  ],
  invalid: [
    {
      name: 'Sequelize on SQLite, and a Prisma datasource',
      files: expressInDocker("const { Sequelize } = require('sequelize');\nconst db = new Sequelize({ dialect: 'sqlite', storage: 'data.db' });", undefined, {
        'prisma/schema.prisma': 'datasource db {\n  provider = "sqlite"\n  url      = "file:./app.db"\n}\n',
      }),
      findings: [
        { at: 'prisma/schema.prisma:2', confidence: 'certain', message: 'Prisma uses SQLite in production' },
        { at: 'server.js:4', message: "dialect: 'sqlite'" },
      ],
    },
    {
      name: 'knex on SQLite as an unset variable’s fallback',
      files: expressInDocker("const db = require('knex')({ client: process.env.DB_CLIENT || 'better-sqlite3' });"),
      findings: [{ confidence: 'default', message: "client: 'better-sqlite3'" }],
    },
  ],
});

ruleTester(errorDetailsLeaked, {
  valid: [
    { name: 'a generic message', files: expressInDocker("app.use((err, req, res, next) => {\n  console.error(err.stack);\n  res.status(500).json({ error: 'Internal error' });\n});") },
    {
      name: 'the stack only outside production',
      files: expressInDocker("app.use((err, req, res, next) => {\n  res.status(500).json({ error: 'Internal error', stack: process.env.NODE_ENV === 'production' ? undefined : err.stack });\n});"),
    },
  ],
  invalid: [
    {
      name: 'an Express error handler sending the stack',
      files: expressInDocker("app.use(function onError(err, req, res, next) {\n  res.status(500).send({ message: err.message, stack: err.stack });\n});"),
      findings: [{ at: 'server.js:4', severity: 'high', message: ['Express error handler sends the stack trace (err.stack)', 'err.message'] }],
    },
    {
      name: 'the message alone is low',
      files: expressInDocker("app.use((err, req, res, next) => res.status(500).json({ error: err.message }));"),
      findings: [{ at: 'server.js:3', severity: 'low', message: 'the error message (err.message)' }],
    },
  ],
});

ruleTester(buildOutputCommitted, {
  valid: [
    { name: 'build output not tracked', files: { 'package.json': packageJson(['next']), 'pages/index.js': '' } },
    { name: 'a server’s dist/ maps are not served', committed: true, files: { 'package.json': packageJson(['@nestjs/core']), 'dist/main.js.map': '{}' } },
  ],
  invalid: [
    {
      name: 'a committed .next/ and client source maps',
      committed: true,
      files: { 'package.json': packageJson(['next']), '.next/BUILD_ID': 'x1', '.next/static/chunks/main.js': '', 'public/widget.js.map': '{}' },
      findings: [
        { at: '.next/BUILD_ID:1', message: '.next/ (Next.js build output) is tracked in git: 2 files' },
        { at: 'public/widget.js.map:1', message: '1 source map of the client bundles in public/ is tracked' },
      ],
    },
  ],
});
