import { describe, expect, it } from 'vitest';
import type { RuleDefinition } from '../../src/engine/types.js';
import { runCheck } from '../../src/frameworks.js';
import { defineRule } from '../../src/node/define-rule.js';
import type { NodeProject } from '../../src/node/types.js';
import { makeProject } from '../helpers/project.js';
import { pkg, productionOf } from './helpers.js';

const APP = [{ script: 'server.js' }];
const ROOT_PKG = pkg({ dependencies: { express: '4', '@angular/core': '18' }, scripts: { build: 'ng build' } });

describe('a pm2 ecosystem file in one of the project folders', () => {
  it('is what production starts, its script resolved from the ecosystem file folder', () => {
    const { production } = productionOf({ 'package.json': ROOT_PKG, 'api/ecosystem.config.js': '', 'api/server.js': '', 'src/main.ts': '' }, { ecosystem: APP });
    expect(production.start).toMatchObject({ command: 'pm2 start api/ecosystem.config.js', how: 'pm2 api/ecosystem.config.js' });
    expect(production.entries.map((entry) => entry.file)).toEqual(['api/server.js']);
  });

  it("an app's cwd is where its script is resolved from", () => {
    const files = { 'package.json': ROOT_PKG, 'ecosystem.config.js': '', 'backend/server.js': '', 'server.js': '' };
    expect(productionOf(files, { ecosystem: [{ script: './server.js', cwd: './backend' }] }).production.entries.map((entry) => entry.file)).toEqual(['backend/server.js']);
    expect(productionOf(files, { ecosystem: [{ script: 'server.js' }] }).production.entries.map((entry) => entry.file)).toEqual(['server.js']);
  });

  it('the project root one wins; one in a folder that is its own package, or in a test folder, is not this project\'s', () => {
    const rootFirst = productionOf({ 'package.json': ROOT_PKG, 'ecosystem.config.js': '', 'api/ecosystem.config.js': '', 'server.js': '', 'api/server.js': '' }, { ecosystem: APP });
    expect(rootFirst.production.entries.map((entry) => entry.file)).toEqual(['server.js']);
    const otherPackage = productionOf({ 'package.json': ROOT_PKG, 'worker/package.json': pkg({}), 'worker/ecosystem.config.js': '', 'worker/server.js': '', 'src/main.ts': '' }, { ecosystem: APP });
    expect(otherPackage.production.start).toBeUndefined();
    const example = productionOf({ 'package.json': ROOT_PKG, 'examples/ecosystem.config.js': '', 'examples/server.js': '' }, { ecosystem: APP });
    expect(example.production.start).toBeUndefined();
  });
});

describe('an ecosystem file in a subfolder, end to end', () => {
  it('evaluates the server it starts, with the production env of its app', async () => {
    const seen: NodeProject[] = [];
    const probe = defineRule({ id: 'test/probe', title: 'probe', severity: 'low', docs: { why: '', fix: '' }, check: ({ project }) => void seen.push(project) }) as RuleDefinition;
    const root = makeProject({
      'package.json': ROOT_PKG,
      'backend/ecosystem.config.js': "module.exports = {\n  apps: [{ name: 'api', script: 'server.js', watch: true, env: { NODE_ENV: 'production' } }],\n};\n",
      'backend/server.js': "const express = require('express');\nconst app = express();\napp.listen(3000);\n",
      'src/main.ts': '',
    });
    await runCheck({ root, rules: [probe] });
    expect(seen[0]?.production).toMatchObject({ entries: [{ file: 'backend/server.js' }], nodeEnv: { value: 'production' } });
    expect(seen[0]?.program?.apps.map((app) => app.of)).toEqual(['express']);
  });
});
