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

  it('src/engine imports no framework: not src/django, src/python, src/project nor the Django part of src/production', () => {
    const framework = (target: string) => FRAMEWORK_FOLDERS.includes(folderOf(target)) || FRAMEWORK_FILES.test(target);
    expect(importsFrom('engine').filter(({ target }) => framework(target))).toEqual([]);
    // Nor anything that reaches them: the engine's imports stay within core, workspace, deploy (the
    // Dockerfile name, for suppressions' comment syntax), history (the --history scan's type), rules
    // (the generated lazy index), run-cache (the recorder of what a run read) and itself.
    const folders = new Set(importsFrom('engine').map(({ target }) => folderOf(target)));
    expect([...folders].sort()).toEqual(['core', 'deploy', 'engine', 'history', 'rules', 'run-cache', 'workspace']);
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
    // The engine, core, probe, report and the frameworks' seam are out of every cycle. What is left is
    // the Django pipeline's own data types spread over its folders: deploy and env share EnvVar and the
    // deploy readers, project builds the production model whose types name the project's, python's
    // defaults read project/version, and secrets and deploy share redaction and file kinds.
    expect(cycles(folderGraph())).toEqual([['deploy', 'env', 'production', 'project', 'python', 'secrets']]);
  });
});
