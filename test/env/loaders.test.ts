/**
 * The settings evaluator loads each env file with the rules of the call that loads it: the same
 * `.env` gives different values to python-dotenv, django-environ, django-dotenv and decouple.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { envFileLoader } from '../../src/env/environment.js';
import { initPythonParser } from '../../src/python/parser.js';
import { evaluateSettings } from '../../src/python/settings.js';
import { pyRepr } from '../../src/python/value.js';
import { environment, memoryWorkspace } from '../python/workspace-stub.js';

beforeAll(async () => {
  await initPythonParser();
});

const ENV = 'SECRET_KEY=q8#n2v!x\nTIME_ZONE=Europe/Paris # office\n';

function settingsWith(loader: string, files: Record<string, string> = { 'site/.env': ENV }) {
  const all = { 'site/__init__.py': '', 'site/settings.py': loader, ...files };
  const workspace = memoryWorkspace(all);
  const settings = evaluateSettings({ workspace, root: '', module: 'site.settings', environment: environment(), djangoVersion: '4.2', loadEnvFile: envFileLoader(workspace, '') });
  return { key: pyRepr(settings.get('SECRET_KEY')), zone: pyRepr(settings.get('TIME_ZONE')) };
}

describe('env files loaded by settings code', () => {
  it('python-dotenv load_dotenv: # stays inside a value, " #" starts a comment', () => {
    const loader = "import os\nfrom dotenv import load_dotenv\nload_dotenv()\nSECRET_KEY = os.environ['SECRET_KEY']\nTIME_ZONE = os.environ['TIME_ZONE']\n";
    expect(settingsWith(loader)).toEqual({ key: "'q8#n2v!x'", zone: "'Europe/Paris'" });
  });

  it('django-environ read_env: the value is the rest of the line', () => {
    const loader = "import environ\nenviron.Env.read_env()\nenv = environ.Env()\nSECRET_KEY = env('SECRET_KEY')\nTIME_ZONE = env('TIME_ZONE')\n";
    expect(settingsWith(loader)).toEqual({ key: "'q8#n2v!x'", zone: "'Europe/Paris # office'" });
    const comments = loader.replace('read_env()', 'read_env(parse_comments=True)');
    expect(settingsWith(comments)).toEqual({ key: "'q8'", zone: "'Europe/Paris '" });
  });

  it('django-dotenv read_dotenv: # ends an unquoted value', () => {
    const loader = "import os\nimport dotenv\ndotenv.read_dotenv()\nSECRET_KEY = os.environ['SECRET_KEY']\nTIME_ZONE = os.environ['TIME_ZONE']\n";
    expect(settingsWith(loader)).toEqual({ key: "'q8'", zone: "'Europe/Paris'" });
  });

  it("decouple's .env and settings.ini repositories", () => {
    const loader = "from decouple import config\nSECRET_KEY = config('SECRET_KEY')\nTIME_ZONE = config('TIME_ZONE')\n";
    expect(settingsWith(loader)).toEqual({ key: "'q8#n2v!x'", zone: "'Europe/Paris # office'" });
    const ini = '[settings]\nsecret_key = q8#n2v!x\nTIME_ZONE: Europe/Paris ; office\n';
    expect(settingsWith(loader, { 'site/settings.ini': ini })).toEqual({ key: "'q8#n2v!x'", zone: "'Europe/Paris ; office'" });
  });
});
