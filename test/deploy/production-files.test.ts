import { describe, expect, it } from 'vitest';
import { productionFilePredicate } from '../../src/deploy/dockerignore.js';
import { readDeployFacts } from '../../src/deploy/index.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { deployFactsOf } from '../helpers/deploy.js';
import { makeProject } from '../helpers/project.js';
import { ruleTester, settingsFiles } from '../helpers/rule-tester.js';

const IMAGE = 'FROM python:3.12\nCOPY . /app\nCMD gunicorn mysite.wsgi\n';

describe('productionFilePredicate', () => {
  it('leaves out what every deployed image .dockerignores, keeps the rest', () => {
    const root = makeProject({ 'Dockerfile': IMAGE, '.dockerignore': '.env\n', 'manage.py': '' });
    const has = productionFilePredicate(readDeployFacts(openWorkspace(root), ''), '');
    expect(has?.('.env')).toBe(false);
    expect(has?.('mysite/settings.py')).toBe(true);
  });

  it('is undefined without an image, on a buildpack platform, or when the project is in no image', () => {
    expect(productionFilePredicate(deployFactsOf({ Procfile: 'web: gunicorn mysite.wsgi\n' }), '')).toBeUndefined();
    expect(productionFilePredicate(deployFactsOf({ 'Dockerfile': IMAGE, '.dockerignore': '.env\n', 'Procfile': 'web: gunicorn mysite.wsgi\n' }), '')).toBeUndefined();
    expect(productionFilePredicate(deployFactsOf({ 'Dockerfile': IMAGE, '.dockerignore': '*\n' }), '')).toBeUndefined();
  });
});

/** A dotenv file the image leaves out gives the settings nothing when production runs the image, and its values otherwise. */
const DOTENV_SETTINGS = "from decouple import config\nSECRET_KEY = 'k' * 60\nDEBUG = config('DEBUG', default=False, cast=bool)\n";
const DOTENV_IMAGE = { 'Dockerfile': IMAGE, '.env': 'DEBUG=True\n' };

ruleTester('django/debug', {
  valid: [{ name: 'a .env the image .dockerignores', files: settingsFiles(DOTENV_SETTINGS, { ...DOTENV_IMAGE, '.dockerignore': '.env\n' }, '5.2.8') }],
  invalid: [{ name: 'a .env the image ships', files: settingsFiles(DOTENV_SETTINGS, DOTENV_IMAGE, '5.2.8'), findings: [{}] }],
});
