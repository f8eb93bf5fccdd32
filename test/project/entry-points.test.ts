import { beforeAll, describe, expect, it } from 'vitest';
import { entryPointDefaults } from '../../src/project/entry-points.js';
import { initPythonParser } from '../../src/python/parser.js';

beforeAll(async () => {
  await initPythonParser();
});

describe('entryPointDefaults', () => {
  it('finds setdefault calls in a manage.py main()', () => {
    const source = `#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings.dev')
    os.environ.setdefault("DJANGO_CONFIGURATION", "Dev")
    from configurations.management import execute_from_command_line
    execute_from_command_line(sys.argv)
`;
    const defaults = entryPointDefaults('manage.py', source);
    expect(defaults.get('DJANGO_SETTINGS_MODULE')).toEqual({
      value: 'mysite.settings.dev',
      location: { file: 'manage.py', line: 7, column: 53 },
      forced: false,
    });
    expect(defaults.get('DJANGO_CONFIGURATION')?.value).toBe('Dev');
  });

  it('knows a forced assignment and ignores non-literal or unrelated calls', () => {
    const source = `from os import environ
name = 'x'
environ.setdefault('A', f'{name}.settings')
other.setdefault('B', 'b')
environ['DJANGO_SETTINGS_MODULE'] = 'mysite.settings.prod'
# os.environ.setdefault('C', 'commented')
`;
    const defaults = entryPointDefaults('mysite/wsgi.py', source);
    expect([...defaults.keys()]).toEqual(['DJANGO_SETTINGS_MODULE']);
    expect(defaults.get('DJANGO_SETTINGS_MODULE')).toEqual({
      value: 'mysite.settings.prod',
      location: { file: 'mysite/wsgi.py', line: 5, column: 37 },
      forced: true,
    });
  });

  it('does not throw on broken code', () => {
    expect(entryPointDefaults('manage.py', 'def main(:\n  os.environ.setdefault(\n').size).toBe(0);
  });
});
