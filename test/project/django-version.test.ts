import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { djangoRequirementSpecifier, findDjangoVersion, specifierVersion } from '../../src/project/django-version.js';
import { NEWEST_LTS } from '../../src/project/version.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject } from '../helpers/project.js';
import { workspaceOf } from '../helpers/workspace.js';

describe('specifierVersion', () => {
  it.each([
    ['==3.2.25', '3.2'],
    ['>=4.2,<5.0', '4.2'],
    ['<5.0,>=4.2.3', '4.2'],
    // pip installs the newest release a range admits.
    ['~=5.0', '5.2'],
    ['~=3.0.5', '3.0'],
    ['>=3.0,<4.0', '3.2'],
    ['>=2.2,<=3.1.4', '3.1'],
    ['<3.0', '2.2'],
    ['<2.2.5', '2.2'],
    ['>=2.2', '2.2'],
    ['>=6.0', '6.0'],
    ['^4.2', '4.2'],
    ['~4.1.0', '4.1'],
    ['==4.2.*', '4.2'],
    ['>=5', '5.0'],
    ['(>=3.2,<4)', '3.2'],
    ['==2.2.28', '2.2'],
    ['>=1.11,<2', '1.11'],
    ['~=3.0', '3.2'],
    ['>=1.11.29, <2.0', '1.11'],
    ['<5.0', '4.2'],
    ['!=3.2.1', undefined],
    ['*', undefined],
    ['', undefined],
  ])('%s → %s', (specifier, expected) => {
    expect(specifierVersion(specifier)).toBe(expected);
  });
});

describe('djangoRequirementSpecifier', () => {
  it.each([
    ['Django==3.2.25', '==3.2.25'],
    ['django >= 4.2, < 5.0 ; python_version >= "3.10"', '>= 4.2, < 5.0'],
    ['Django[argon2,bcrypt]~=5.0', '~=5.0'],
    ['django', ''],
    ['django-environ==0.11.2', undefined],
    ['djangorestframework>=3.14', undefined],
  ])('%s → %s', (requirement, expected) => {
    expect(djangoRequirementSpecifier(requirement)).toBe(expected);
  });
});

describe('findDjangoVersion', () => {
  it('reads requirements files, production first, following -r includes', () => {
    const root = makeProject({
      'requirements/dev.txt': '-r base.txt\nDjango==5.1\n',
      'requirements/production.txt': '# prod\n-r ../deps/base.txt\ngunicorn\n',
      'deps/base.txt': 'django-environ==0.11\nDjango>=4.2,<5.0  # LTS\n',
    });
    expect(findDjangoVersion(openWorkspace(root), '')).toEqual({
      version: '4.2',
      source: { file: 'deps/base.txt', line: 2, column: 1 },
    });
  });

  it('does not follow a -r include out of the workspace', () => {
    const outer = makeProject({ 'site/requirements.txt': '-r ../shared.txt\ngunicorn\n', 'shared.txt': 'Django==3.2.25\n' });
    expect(findDjangoVersion(openWorkspace(join(outer, 'site')), '')).toEqual({ version: NEWEST_LTS });
  });

  it('prefers a lock file and reads the project root before the workspace root', () => {
    const workspace = workspaceOf({
      'requirements.txt': 'Django==3.2.25\n',
      'backend/pyproject.toml': '[project]\nname = "x"\ndependencies = [\n  "gunicorn",\n  "Django>=5.0",\n]\n',
      'backend/poetry.lock': '[[package]]\nname = "asgiref"\nversion = "3.8.1"\n\n[[package]]\nname = "django"\nversion = "5.1.4"\ndescription = "x"\n',
    });
    expect(findDjangoVersion(workspace, 'backend')).toEqual({ version: '5.1', source: { file: 'backend/poetry.lock', line: 7, column: 12 } });
    expect(findDjangoVersion(workspace, '')).toEqual({ version: '3.2', source: { file: 'requirements.txt', line: 1, column: 1 } });
  });

  it('reads pyproject.toml (PEP 621 and Poetry), Pipfile and setup.cfg', () => {
    const pep621 = makeProject({ 'pyproject.toml': '[project]\ndependencies = ["django-environ", "Django~=4.1.0"]\n' });
    expect(findDjangoVersion(openWorkspace(pep621), '')).toEqual({ version: '4.1', source: { file: 'pyproject.toml', line: 2, column: 36 } });
    const poetry = makeProject({ 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\nDjango = { version = "^4.2", extras = ["argon2"] }\n' });
    expect(findDjangoVersion(openWorkspace(poetry), '')?.version).toBe('4.2');
    const pipfile = makeProject({ Pipfile: '[packages]\ndjango = "==3.2.*"\n' });
    expect(findDjangoVersion(openWorkspace(pipfile), '')).toEqual({ version: '3.2', source: { file: 'Pipfile', line: 2, column: 1 } });
    const setupCfg = makeProject({ 'setup.cfg': '[options]\ninstall_requires =\n    requests\n    Django>=4.0\n' });
    expect(findDjangoVersion(openWorkspace(setupCfg), '')).toEqual({ version: '4.0', source: { file: 'setup.cfg', line: 4, column: 5 } });
  });

  it('reads old pins from requirements*.txt, Pipfile, pyproject.toml and setup.py', () => {
    const found = (files: Record<string, string>) => findDjangoVersion(workspaceOf(files), '');
    expect(found({ 'requirements.txt': 'gunicorn==20.1\nDjango==2.2.28\n' })).toEqual({ version: '2.2', source: { file: 'requirements.txt', line: 2, column: 1 } });
    expect(found({ 'requirements-prod.txt': 'django>=1.11,<2\n' })?.version).toBe('1.11');
    // ~=3.0 admits every 3.x: pip installs 3.2.
    expect(found({ 'requirements/base.txt': 'Django~=3.0  # compatible release\n' })?.version).toBe('3.2');
    expect(found({ 'requirements/base.txt': 'Django~=3.0.14\n' })?.version).toBe('3.0');
    expect(found({ Pipfile: '[packages]\nDjango = "==2.2.28"\n' })?.version).toBe('2.2');
    expect(found({ Pipfile: '[packages]\ndjango = {version = ">=1.11,<2", extras = ["bcrypt"]}\n' })?.version).toBe('1.11');
    expect(found({ 'pyproject.toml': '[tool.poetry.dependencies]\ndjango = "~2.2"\n' })?.version).toBe('2.2');
    expect(found({ 'setup.py': 'from setuptools import setup\nsetup(\n    name="x",\n    install_requires=[\n        "django-environ",\n        "Django>=2.1,<2.2",\n    ],\n)\n' })).toEqual({
      version: '2.1',
      source: { file: 'setup.py', line: 6, column: 10 },
    });
    // A name that only starts with django is another package.
    expect(found({ 'setup.py': 'setup(install_requires=["django-storages==1.9"])\n' })).toEqual({ version: NEWEST_LTS });
  });

  it('defaults to the newest LTS without a source', () => {
    expect(findDjangoVersion(workspaceOf({ 'requirements.txt': 'flask\n' }), '')).toEqual({ version: NEWEST_LTS });
  });
});
