import { describe, expect, it } from 'vitest';
import { findNodePackages } from '../../src/node/discover.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject } from '../helpers/project.js';
import { pkg } from './helpers.js';

function roots(files: Record<string, string>): [string, string[]][] {
  return findNodePackages(openWorkspace(makeProject(files))).map((found) => [found.root, found.frameworks]);
}

describe('Node project discovery', () => {
  it('finds each package of a monorepo whose dependencies name a server framework', () => {
    expect(
      roots({
        'apps/api/package.json': pkg({ dependencies: { '@nestjs/core': '^10', express: '^4' } }),
        'apps/web/package.json': pkg({ dependencies: { next: '14.2.0', react: '18' } }),
        'packages/ui/package.json': pkg({ dependencies: { react: '18' } }),
        'services/koa/package.json': pkg({ dependencies: { koa: '^2' } }),
        'services/fast/package.json': pkg({ dependencies: { fastify: '^4' } }),
      }),
    ).toEqual([
      ['apps/api', ['express', 'nestjs']],
      ['apps/web', ['next']],
      ['services/fast', ['fastify']],
      ['services/koa', ['koa']],
    ]);
  });

  it('ignores node_modules, build output, vendored and example folders, and a framework only in devDependencies', () => {
    expect(
      roots({
        'package.json': pkg({ dependencies: { express: '^4' } }),
        'node_modules/express/package.json': pkg({ dependencies: { express: '^4' } }),
        '.next/standalone/package.json': pkg({ dependencies: { next: '14' } }),
        'dist/package.json': pkg({ dependencies: { express: '^4' } }),
        'examples/demo/package.json': pkg({ dependencies: { express: '^4' } }),
        'tools/package.json': pkg({ devDependencies: { express: '^4' } }),
      }),
    ).toEqual([['', ['express']]]);
  });

  it('does not take a workspace root that only lists workspaces; its packages are the projects', () => {
    expect(
      roots({
        'package.json': pkg({ private: true, workspaces: ['apps/*'], devDependencies: { turbo: '1' } }),
        'apps/site/package.json': pkg({ dependencies: { next: '14' } }),
      }),
    ).toEqual([['apps/site', ['next']]]);
  });

  it('drops a workspace root whose framework dependency is only hoisted for a package that has it too', () => {
    expect(
      roots({
        'package.json': pkg({ workspaces: ['server'], dependencies: { express: '^4' } }),
        'server/package.json': pkg({ dependencies: { express: '^4' } }),
      }),
    ).toEqual([['server', ['express']]]);
  });

  it('finds a Next.js front end beside a Django API (the Django project is found by its own framework)', () => {
    expect(
      roots({
        'manage.py': 'import os\n',
        'frontend/package.json': pkg({ dependencies: { next: '14' } }),
      }),
    ).toEqual([['frontend', ['next']]]);
  });

  it('skips a package.json that is not a JSON object', () => {
    expect(roots({ 'package.json': '{ "dependencies": { "express": ' })).toEqual([]);
    expect(roots({ 'package.json': '[1, 2]' })).toEqual([]);
  });
});
