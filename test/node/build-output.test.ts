import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { committedBuildOutput, distIsClientBundle } from '../../src/node/build-output.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeRepository } from '../helpers/project.js';

describe('committedBuildOutput', () => {
  it('groups a tracked .next/ folder and tracked client source maps, per folder', () => {
    const root = makeRepository({
      'web/package.json': '{}',
      'web/.next/BUILD_ID': 'abc',
      'web/.next/server/pages/index.js': 'x',
      'web/public/app.js.map': '{}',
      'web/public/vendor/jquery.min.js.map': '{}',
      'web/public/js/bootstrap.min.js.map': '{}',
      'web/dist/main.js.map': '{}',
      'web/src/util.js.map': '{}',
    });
    const workspace = openWorkspace(root);
    expect(committedBuildOutput(workspace, 'web', false)).toEqual([
      { folder: 'web/.next/', kind: 'next-build', files: ['web/.next/BUILD_ID', 'web/.next/server/pages/index.js'] },
      { folder: 'web/public/', kind: 'source-maps', files: ['web/public/app.js.map'] },
    ]);
    expect(committedBuildOutput(workspace, 'web', true).map((output) => output.folder)).toEqual(['web/.next/', 'web/dist/', 'web/public/']);
  });

  it('leaves untracked build output alone', () => {
    const root = makeRepository({ 'package.json': '{}' });
    for (const path of ['.next/BUILD_ID', 'public/app.js.map']) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), 'x');
    }
    expect(committedBuildOutput(openWorkspace(root), '', false)).toEqual([]);
  });

  it('tells a front end dist/ from a compiled server', () => {
    expect(distIsClientBundle({ vite: '5', react: '18' })).toBe(true);
    expect(distIsClientBundle({ '@nestjs/core': '10', webpack: '5' })).toBe(false);
  });
});
