import { describe, expect, it } from 'vitest';
import { productionFilePredicate } from '../../src/deploy/dockerignore.js';
import { readDeployFacts } from '../../src/deploy/index.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject } from '../helpers/project.js';
import { findingsOf, settingsProject } from '../rules/hygiene/helpers.js';

const IMAGE = 'FROM python:3.12\nCOPY . /app\nCMD gunicorn mysite.wsgi\n';

describe('productionFilePredicate', () => {
  it('leaves out what every deployed image .dockerignores, keeps the rest', () => {
    const root = makeProject({ 'Dockerfile': IMAGE, '.dockerignore': '.env\n', 'manage.py': '' });
    const has = productionFilePredicate(readDeployFacts(openWorkspace(root), ''), '');
    expect(has?.('.env')).toBe(false);
    expect(has?.('mysite/settings.py')).toBe(true);
  });

  it('is undefined without an image, on a buildpack platform, or when the project is in no image', () => {
    const facts = (files: Record<string, string>) => readDeployFacts(openWorkspace(makeProject(files)), '');
    expect(productionFilePredicate(facts({ Procfile: 'web: gunicorn mysite.wsgi\n' }), '')).toBeUndefined();
    expect(productionFilePredicate(facts({ 'Dockerfile': IMAGE, '.dockerignore': '.env\n', 'Procfile': 'web: gunicorn mysite.wsgi\n' }), '')).toBeUndefined();
    expect(productionFilePredicate(facts({ 'Dockerfile': IMAGE, '.dockerignore': '*\n' }), '')).toBeUndefined();
  });
});

describe('a dotenv file the image leaves out', () => {
  const SETTINGS = "from decouple import config\nSECRET_KEY = 'k' * 60\nDEBUG = config('DEBUG', default=False, cast=bool)\n";

  it('gives the settings nothing when production runs the image, and its values otherwise', async () => {
    const files = { 'Dockerfile': IMAGE, '.env': 'DEBUG=True\n' };
    const ignored = settingsProject(SETTINGS, { ...files, '.dockerignore': '.env\n' });
    expect(await findingsOf('django/debug', ignored)).toEqual([]);
    const shipped = settingsProject(SETTINGS, files);
    expect((await findingsOf('django/debug', shipped)).length).toBe(1);
  });
});
