import { execFileSync, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser } from '../../src/python/parser.js';
import { stringItems } from '../../src/python/value.js';
import { requireSystem } from '../helpers/integration.js';
import { evaluate } from './helpers.js';

/** A cast the project writes (a lambda) gives what real python-decouple gives, for a set variable and for the default. */
const PYTHON = '/usr/bin/python3';
const missing = requireSystem('python-decouple under /usr/bin/python3', spawnSync(PYTHON, ['-c', 'import decouple'], { encoding: 'utf8' }).status === 0);

const SETTINGS = "from decouple import config\nX = config('V', default='a.example, *.b.example', cast=lambda v: [h.strip() for h in v.split(',') if h.strip()])\n";

function real(value: string | undefined): string[] {
  const script = `import json, os, sys\nif sys.argv[1] != '-': os.environ['V'] = sys.argv[1]\n${SETTINGS.replace(/^from decouple import config\n/, 'from decouple import Config, RepositoryEnv\nconfig = Config(RepositoryEnv("/dev/null"))\n')}print(json.dumps(X))`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script, value ?? '-'], { encoding: 'utf8' })) as string[];
}

beforeAll(() => initPythonParser());

describe.skipIf(missing)('decouple config() with a lambda cast, against the real library', () => {
  it.each([['b.example,  c.example ,'], [' .d.example ']])('agrees for V=%j', (value) => {
    expect(stringItems(evaluate({ 'settings.py': SETTINGS }, { V: value }).get('X'))).toEqual(real(value));
  });

  it('agrees when V is unset (decouple casts the default too)', () => {
    expect(stringItems(evaluate({ 'settings.py': SETTINGS }).get('X'))).toEqual(real(undefined));
  });
});
