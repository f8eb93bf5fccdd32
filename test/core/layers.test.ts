import { describe, expect, it } from 'vitest';
import { cycles, folderGraph, folderOf, importsOf, sourceFiles } from './import-graph.js';

/** Folders that hold one framework's knowledge (Django's evaluator, discovery and production settings). */
const FRAMEWORK_FOLDERS = ['django', 'python', 'project'];
const FRAMEWORK_FILES = /^src\/production\/django-/;

function importsFrom(folder: string): { file: string; target: string }[] {
  return sourceFiles(`src/${folder}`).flatMap((file) => importsOf(file).map((target) => ({ file, target })));
}

describe('folder layering', () => {
  it('src/core imports nothing outside src/core', () => {
    expect(sourceFiles('src/core').length).toBeGreaterThan(0);
    expect(importsFrom('core').filter(({ target }) => !target.startsWith('src/core/'))).toEqual([]);
  });

  it('src/probe never imports src/report (the report formats the probe results, not the other way)', () => {
    expect(importsFrom('probe').filter(({ target }) => target.startsWith('src/report/'))).toEqual([]);
  });

  it('the import graph sees type imports, re-exports and import()', () => {
    // A probe for the parser itself, so the layering checks cannot pass by reading nothing.
    expect(importsOf('src/engine/check.ts')).toContain('src/engine/registry.ts');
    expect(folderOf('src/core/errors.ts')).toBe('core');
  });

  it('leaves only the folder cycles listed here', () => {
    expect(cycles(folderGraph())).toEqual([
      ['deploy', 'env', 'production', 'project', 'python', 'secrets'],
      ['django', 'engine', 'probe'],
    ]);
  });
});

export { FRAMEWORK_FILES, FRAMEWORK_FOLDERS };
