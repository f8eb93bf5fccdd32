import { describe, expect, it } from 'vitest';
import { pkg, productionOf } from './helpers.js';

const APP = [{ script: 'server.js' }];
const ROOT_PKG = pkg({ dependencies: { express: '4', '@angular/core': '18' }, scripts: { build: 'ng build' } });

describe('a pm2 ecosystem file in one of the project folders', () => {
  it('is what production starts, its script resolved from the ecosystem file folder', () => {
    const { production } = productionOf({ 'package.json': ROOT_PKG, 'api/ecosystem.config.js': '', 'api/server.js': '', 'src/main.ts': '' }, { ecosystem: APP });
    expect(production.start).toMatchObject({ command: 'pm2 start api/ecosystem.config.js', how: 'pm2 api/ecosystem.config.js' });
    expect(production.entries.map((entry) => entry.file)).toEqual(['api/server.js']);
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
