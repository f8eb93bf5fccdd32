import { describe, expect, it } from 'vitest';
import { pkg, productionOf } from './helpers.js';

const NEST = { dependencies: { '@nestjs/core': '^10', '@nestjs/platform-express': '^10' } };

describe('the server entry a start command runs', () => {
  it('maps node dist/main to src/main.ts through tsconfig outDir and rootDir (comments and trailing commas allowed)', () => {
    const tsconfig = '{\n  // compiled to dist\n  "compilerOptions": { "outDir": "./dist", "rootDir": "./src", },\n}\n';
    const { production } = productionOf({ 'package.json': pkg({ ...NEST, scripts: { 'start:prod': 'node dist/main' } }), Procfile: 'web: npm run start:prod\n', 'tsconfig.json': tsconfig, 'src/main.ts': '' });
    expect(production.entries).toEqual([
      { file: 'src/main.ts', how: 'Procfile web → package.json scripts.start:prod runs dist/main; dist/main is build output: tsconfig.json outDir dist, rootDir src' },
    ]);
  });

  it('reads tsconfig.build.json, following its extends', () => {
    const files = {
      'package.json': pkg({ ...NEST, scripts: { start: 'node dist/server.js' } }),
      'tsconfig.json': '{ "compilerOptions": { "outDir": "build" } }',
      'tsconfig.build.json': '{ "extends": "./tsconfig.base.json" }',
      'tsconfig.base.json': '{ "compilerOptions": { "outDir": "dist" } }',
      'src/server.ts': '',
    };
    expect(productionOf(files).production.entries.map((entry) => entry.file)).toEqual(['src/server.ts']);
  });

  it('nest start runs nest-cli.json sourceRoot/entryFile, src/main.ts by default', () => {
    expect(productionOf({ 'package.json': pkg({ ...NEST, scripts: { start: 'nest start' } }), 'src/main.ts': '' }).production.entries).toEqual([
      { file: 'src/main.ts', how: 'package.json scripts.start runs nest start: the Nest CLI default src/main' },
    ]);
    const custom = productionOf({ 'package.json': pkg({ ...NEST, scripts: { start: 'nest start' } }), 'nest-cli.json': '{ "sourceRoot": "apps/api/src", "entryFile": "bootstrap" }', 'apps/api/src/bootstrap.ts': '' });
    expect(custom.production.entries.map((entry) => entry.file)).toEqual(['apps/api/src/bootstrap.ts']);
  });

  it('ts-node runs the TypeScript file itself; a build output file without a source stays as it is', () => {
    expect(productionOf({ 'package.json': pkg({ dependencies: { koa: '2' }, scripts: { start: 'ts-node src/index.ts' } }), 'src/index.ts': '' }).production.entries.map((entry) => entry.file)).toEqual(['src/index.ts']);
    expect(productionOf({ 'package.json': pkg({ dependencies: { koa: '2' }, scripts: { start: 'node lib/server.js' } }), 'lib/server.js': '' }).production.entries.map((entry) => entry.file)).toEqual(['lib/server.js']);
  });

  it('dist/x.js next to src/x.ts without a tsconfig outDir: the source, said as an assumption in how', () => {
    const { production } = productionOf({ 'package.json': pkg({ dependencies: { fastify: '4' }, scripts: { start: 'node dist/app.js' } }), 'src/app.ts': '' });
    expect(production.entries).toEqual([{ file: 'src/app.ts', how: 'package.json scripts.start runs dist/app.js; dist/app.js is build output; assumed compiled from src/ (no tsconfig outDir)' }]);
  });

  it('next start has no server entry and is complete; a command that names a missing file falls back to package.json main, as an assumption', () => {
    expect(productionOf({ 'package.json': pkg({ dependencies: { next: '14' }, scripts: { start: 'next start' } }) }).production).toMatchObject({ entries: [], assumptions: [] });
    const { production } = productionOf({ 'package.json': pkg({ dependencies: { express: '4' }, main: 'lib/app.js', scripts: { start: 'node missing.js' } }), 'lib/app.js': '' });
    expect(production.entries).toEqual([{ file: 'lib/app.js', how: 'package.json main' }]);
    expect(production.assumptions).toEqual(['package.json scripts.start names no server file found in the repository: the server is assumed to start from package.json main (lib/app.js)']);
  });

  it('a root deploy file naming the project file from the workspace root', () => {
    const files = { 'Procfile': 'web: node apps/api/server.js\n', 'apps/api/package.json': pkg({ dependencies: { express: '4' } }), 'apps/api/server.js': '' };
    expect(productionOf(files, { root: 'apps/api' }).production.entries.map((entry) => entry.file)).toEqual(['apps/api/server.js']);
  });

  it('finds nothing when no file exists (the framework reports production as not fully read)', () => {
    expect(productionOf({ 'package.json': pkg({ dependencies: { express: '4' } }) }).production).toMatchObject({ entries: [], assumptions: [] });
  });
});
