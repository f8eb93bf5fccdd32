/** A Node project end to end: discovered by the framework, production read, the program evaluated, the summary and the cap. */
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/frameworks.js';
import { isNodeSummary } from '../../src/node/project-summary.js';
import type { NodeProject } from '../../src/node/types.js';
import type { RuleDefinition } from '../../src/engine/types.js';
import { defineRule } from '../../src/node/define-rule.js';
import { makeProject } from '../helpers/project.js';
import { EXPRESS, pkg } from './helpers.js';

/** A rule that reads the project's program (as a rule does), records the project and reports nothing. */
function probe(seen: NodeProject[]): RuleDefinition {
  return defineRule({
    id: 'test/probe',
    title: 'probe',
    severity: 'low',
    docs: { why: '', fix: '' },
    check: ({ project }) => {
      void project.program;
      seen.push(project);
    },
  }) as RuleDefinition;
}

describe('a Node project through the engine', () => {
  it('evaluates the server program under the production environment, with the env file dotenv loads below it', async () => {
    const seen: NodeProject[] = [];
    const root = makeProject({
      'package.json': pkg({ ...EXPRESS, scripts: { start: 'node server.js' } }),
      'server.js': "require('dotenv').config();\nconst express = require('express');\nconst app = express();\nconst secret = process.env.SESSION_SECRET;\nconst mode = process.env.NODE_ENV;\napp.listen(3000);\n",
      '.env': 'SESSION_SECRET=from-dotenv\nNODE_ENV=development\n',
      Procfile: 'web: npm start\n',
    });
    const result = await runCheck({ root, rules: [probe(seen)] });
    const [project] = seen;
    expect(project?.program?.entries).toEqual(['server.js']);
    expect(project?.program?.apps.map((app) => [app.of, app.listens])).toEqual([['express', true]]);
    // Heroku sets NODE_ENV=production, which dotenv does not override; .env adds what is not set.
    expect(project?.environment.get('NODE_ENV')?.value).toBe('production');
    expect(project?.environment.get('SESSION_SECRET')?.value).toBe('from-dotenv');
    const [summary] = result.projects;
    expect(summary).toMatchObject({ kind: 'node', root: '', name: 'app', frameworks: ['express'], production: { complete: true, platform: 'heroku', entries: [{ file: 'server.js' }] } });
    expect(result.grade.caps).toEqual([]);
  });

  it("dotenv.config() of a project in a subfolder loads the project's .env, not the workspace root's", async () => {
    const seen: NodeProject[] = [];
    const root = makeProject({
      'api/package.json': pkg({ ...EXPRESS, scripts: { start: 'node server.js' } }),
      'api/server.js': "require('dotenv').config();\nconst express = require('express');\nconst app = express();\napp.listen(3000);\n",
      'api/.env': 'SESSION_SECRET=from-api\n',
      '.env': 'SESSION_SECRET=from-root\nOTHER=root-only\n',
    });
    await runCheck({ root, rules: [probe(seen)] });
    const [project] = seen;
    expect(project?.program?.dotenv.map((use) => use.path)).toEqual(['api/.env']);
    expect(project?.environment.get('SESSION_SECRET')?.value).toBe('from-api');
    expect(project?.environment.get('OTHER')).toBeUndefined();
  });

  it('says production was not fully read when a server framework has no entry, and caps the grade', async () => {
    const result = await runCheck({ root: makeProject({ 'package.json': pkg({ ...EXPRESS, scripts: { start: 'node build/server.js' } }) }), rules: [] });
    const [summary] = result.projects;
    expect(summary && isNodeSummary(summary) && summary.production.missing).toEqual(['no server entry file found for express (package.json scripts.start: node build/server.js)']);
    expect(result.grade.caps.map((cap) => cap.rule)).toEqual(['production']);
  });

  it('reads next.config and Prisma datasources', async () => {
    const seen: NodeProject[] = [];
    const root = makeProject({
      'web/package.json': pkg({ dependencies: { next: '14', '@prisma/client': '5' }, scripts: { start: 'next start' } }),
      'web/next.config.js': 'module.exports = { poweredByHeader: false };\n',
      'web/prisma/schema.prisma': 'datasource db {\n  provider = "sqlite" // local\n  url      = env("DATABASE_URL")\n}\n',
      'web/.env.production': 'DATABASE_URL=file:./prod.db\n',
    });
    await runCheck({ root, rules: [probe(seen)] });
    const [project] = seen;
    expect(project?.nextConfig?.file).toBe('web/next.config.js');
    expect(project?.nextConfig?.value.kind).toBe('object');
    expect(project?.prisma).toMatchObject([{ file: 'web/prisma/schema.prisma', provider: 'sqlite', url: { kind: 'string', value: 'file:./prod.db' }, location: { line: 2 } }]);
    expect(project?.program).toBeUndefined();
  });

  it('gives a repository with a Django API and a Next.js front end both kinds in one report', async () => {
    const root = makeProject({
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'api.settings')\n",
      'api/__init__.py': '',
      'api/settings.py': 'DEBUG = False\n',
      'frontend/package.json': pkg({ dependencies: { next: '14' }, scripts: { start: 'next start' } }),
    });
    const result = await runCheck({ root, rules: [] });
    expect(result.projects.map((project) => [project.kind, project.root])).toEqual([
      ['django', ''],
      ['node', 'frontend'],
    ]);
  });
});

describe('bad input in a Node project', () => {
  it('an entry that does not parse is a problem of the program, and production is not fully read', async () => {
    const seen: NodeProject[] = [];
    const root = makeProject({ 'package.json': pkg({ ...EXPRESS, scripts: { start: 'node server.js' } }), 'server.js': 'const app = express(;\n' });
    const result = await runCheck({ root, rules: [probe(seen)] });
    expect(seen[0]?.program?.problems.map((problem) => [problem.kind, problem.location.file])).toEqual([['syntax-error', 'server.js']]);
    const [summary] = result.projects;
    expect(summary && isNodeSummary(summary) && summary.production.complete).toBe(false);
    expect(result.grade.caps.map((cap) => cap.rule)).toEqual(['production']);
  });

  it('never takes a package.json or a server file from node_modules or build output', async () => {
    const seen: NodeProject[] = [];
    const root = makeProject({
      'package.json': pkg({ ...EXPRESS, scripts: { start: 'node .next/server.js' } }),
      'node_modules/koa/package.json': pkg({ dependencies: { koa: '2' } }),
      '.next/package.json': pkg({ dependencies: { next: '14' } }),
    });
    const result = await runCheck({ root, rules: [probe(seen)] });
    expect(result.projects.map((project) => project.root)).toEqual(['']);
    expect(seen[0]?.production.entries).toEqual([]);
  });
});

describe('the Node framework in reports', () => {
  it('prints how production was decided, what was assumed (with --explain) and what was not read', async () => {
    const { formatPretty } = await import('../../src/report/pretty.js');
    const root = makeProject({ 'package.json': pkg({ name: 'shop', ...EXPRESS }), 'app.js': '', 'other/package.json': pkg({ dependencies: { koa: '2' } }) });
    const result = await runCheck({ root, rules: [] });
    const text = formatPretty(result, { color: false, explain: true });
    expect(text).toContain('production: .: no start command · entry app.js · NODE_ENV unset (nothing sets NODE_ENV)  (express)');
    expect(text).toContain('  assumed: no deploy file or package.json script names a start command: the server is assumed to start from app.js, a conventional entry file');
    expect(text).toContain('production: other: no start command · NODE_ENV unset (nothing sets NODE_ENV)  (koa)');
    expect(text).toContain('incomplete: no server entry file found for koa; name the start command');
    expect(text).toMatch(/Grade B .* · shop, app\n$/);
  });

  it('twins its static rules with the live rules that see the same problem (check --url)', async () => {
    const { nodeFramework } = await import('../../src/node/framework.js');
    expect(nodeFramework.liveTwins?.['node/x-powered-by']).toEqual(['web/x-powered-by']);
  });
});

describe('configuration modules production reads', () => {
  it('a pm2 ecosystem file the Dockerfile starts: apps[].script and env_production.NODE_ENV, through the evaluator', async () => {
    const seen: NodeProject[] = [];
    const root = makeProject({
      'package.json': pkg(EXPRESS),
      'ecosystem.config.js': "const name = 'api';\nmodule.exports = {\n  apps: [{ name, script: './server.js', env_production: { NODE_ENV: 'production' } }],\n};\n",
      'server.js': "const express = require('express');\nexpress().listen(3000);\n",
      Dockerfile: 'FROM node:20\nCOPY . .\nCMD ["pm2-runtime", "start", "ecosystem.config.js", "--env", "production"]\n',
    });
    await runCheck({ root, rules: [probe(seen)] });
    const production = seen[0]!.production;
    expect(production.entries.map((entry) => entry.file)).toEqual(['server.js']);
    expect(production.nodeEnv).toMatchObject({ value: 'production', confidence: 'certain', how: 'ecosystem.config.js apps[0].env_production.NODE_ENV', location: { file: 'ecosystem.config.js', line: 3 } });
  });

  it('next.config exported as a function of the phase: the object it returns', async () => {
    const seen: NodeProject[] = [];
    const root = makeProject({
      'package.json': pkg({ dependencies: { next: '14' }, scripts: { start: 'next start' } }),
      'next.config.mjs': 'export default function config(phase) {\n  return { productionBrowserSourceMaps: true };\n}\n',
    });
    await runCheck({ root, rules: [probe(seen)] });
    const value = seen[0]?.nextConfig?.value;
    expect(value?.kind === 'object' && value.props.get('productionBrowserSourceMaps')).toMatchObject({ kind: 'boolean', value: true });
  });
});
