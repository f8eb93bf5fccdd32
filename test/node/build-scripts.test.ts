import { describe, expect, it } from 'vitest';
import { sourceFromBuildScripts } from '../../src/node/production/build-scripts.js';
import { pkg, productionOf } from './helpers.js';

describe('build output named by a package.json bundler script', () => {
  it('esbuild --outdir / --outfile, tsup and ncc map their output back to the entry they bundle', () => {
    expect(sourceFromBuildScripts({ build: 'vite build && esbuild server/index.ts --bundle --format=esm --outdir=dist' }, 'dist/index.js')).toEqual({ source: 'server/index.ts', how: 'package.json scripts.build (esbuild)' });
    expect(sourceFromBuildScripts({ 'build:api': 'npx esbuild api/main.ts --outfile out/server.cjs' }, './out/server.cjs')?.source).toBe('api/main.ts');
    expect(sourceFromBuildScripts({ build: 'tsup src/app.ts --format cjs' }, 'dist/app.js')?.source).toBe('src/app.ts');
    expect(sourceFromBuildScripts({ build: 'ncc build lib/start.js -o bundle' }, 'bundle/start.js')?.source).toBe('lib/start.js');
  });

  it('does not map another output, another tool or a config-only bundler', () => {
    expect(sourceFromBuildScripts({ build: 'esbuild server/index.ts --outdir=dist' }, 'dist/other.js')).toBeUndefined();
    expect(sourceFromBuildScripts({ build: 'esbuild server/index.ts --outdir=build' }, 'dist/index.js')).toBeUndefined();
    expect(sourceFromBuildScripts({ build: 'webpack --mode production' }, 'dist/index.js')).toBeUndefined();
    expect(sourceFromBuildScripts({ constructor: 'x' }, 'dist/index.js')).toBeUndefined();
  });

  it('npm start running the bundle is the TypeScript entry the build script names', () => {
    const files = {
      'package.json': pkg({ dependencies: { express: '4' }, scripts: { build: 'esbuild server/index.ts --bundle --outdir=dist', start: 'NODE_ENV=production node dist/index.js' } }),
      'server/index.ts': '',
      'tsconfig.json': '{ "compilerOptions": { "noEmit": true } }',
    };
    expect(productionOf(files).production.entries).toEqual([
      { file: 'server/index.ts', how: 'package.json scripts.start runs dist/index.js; dist/index.js is build output of package.json scripts.build (esbuild)' },
    ]);
    // Without the build script there is no mapping (and no conventional src/index.ts): nothing is guessed.
    const unmapped = { ...files, 'package.json': pkg({ dependencies: { express: '4' }, scripts: { start: 'node dist/index.js' } }) };
    expect(productionOf(unmapped).production.entries.map((entry) => entry.file)).not.toContain('server/index.ts');
  });
});
