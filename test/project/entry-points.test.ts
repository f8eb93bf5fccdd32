import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateEntryPoint } from '../../src/project/entry-points.js';
import { environment, memoryWorkspace } from '../python/workspace-stub.js';
import { initPythonParser } from '../../src/python/parser.js';

beforeAll(async () => {
  await initPythonParser();
});

// ------------------------------------------------------------------ evaluated selection

const SETTINGS = {
  'app/__init__.py': '',
  'app/settings/__init__.py': '',
  'app/settings/base.py': '',
  'app/settings/dev.py': '',
  'app/settings/production.py': '',
};

/** `extra` adds files to the project (null removes one). */
function entry(source: string, vars: Record<string, string | undefined> = {}, extra: Record<string, string | null> = {}, file = 'manage.py', envFiles: Record<string, Record<string, string>> = {}) {
  const files = Object.fromEntries(Object.entries({ ...SETTINGS, ...extra, [file]: source }).filter((e): e is [string, string] => e[1] !== null));
  return evaluateEntryPoint({
    workspace: memoryWorkspace(files),
    file,
    environment: environment(vars),
    root: '',
    loadEnvFile: (path) => {
      const found = envFiles[path];
      return found ? Object.entries(found).map(([name, value], i) => ({ name, value, source: { kind: 'env-file' as const, location: { file: path, line: i + 1, column: 1 }, label: `${path}:${i + 1}` } })) : undefined;
    },
  });
}

const MANAGE = (body: string) => `#!/usr/bin/env python
import os
import sys


def main():
${body
  .split('\n')
  .map((line) => (line ? `    ${line}` : line))
  .join('\n')}
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)


if __name__ == '__main__':
    main()
`;

describe('evaluateEntryPoint', () => {
  it('evaluates the setdefault in main() of manage.py', () => {
    const result = entry(MANAGE(`os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.dev')`));
    expect(result.settingsModule).toEqual({ value: 'app.settings.dev', location: { file: 'manage.py', line: 7, column: 53, endLine: 7, endColumn: 71 }, forced: false, assumptions: [] });
    expect(result.candidates).toEqual([{ value: 'app.settings.dev', location: expect.objectContaining({ line: 7 }), exists: true }]);
  });

  it('does not run main() of a module that is only imported, and reports nothing without a setdefault', () => {
    expect(entry(`import os\ndef main():\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.dev')\n`).settingsModule).toBeUndefined();
    expect(entry(`print("hello")\n`)).toMatchObject({ candidates: [], dotenvFiles: [] });
  });

  it('evaluates f-strings, .format, % and concatenation with a variable the environment sets', () => {
    const forms = [
      `f"app.settings.{os.environ['DJANGO_ENV']}"`,
      `'app.settings.{}'.format(os.environ.get('DJANGO_ENV'))`,
      `'app.settings.%s' % os.getenv('DJANGO_ENV', 'dev')`,
      `'app.settings.' + os.getenv('DJANGO_ENV', 'dev')`,
    ];
    for (const form of forms) {
      const result = entry(`import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', ${form})\n`, { DJANGO_ENV: 'production' }, {}, 'app/wsgi.py');
      expect(result.settingsModule?.value, form).toBe('app.settings.production');
      expect(result.settingsModule?.assumptions, form).toEqual([]);
      expect(result.candidates.map((c) => [c.value, c.condition]), form).toEqual([
        ['app.settings.production', undefined],
        ['app.settings.base', 'DJANGO_ENV=base'],
        ['app.settings.dev', 'DJANGO_ENV=dev'],
      ]);
    }
  });

  it('chooses the module that names production when the variable is unset, over the code default, and says so', () => {
    const result = entry(`import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.' + os.getenv('ENV', 'dev'))\n`, {}, {}, 'app/asgi.py');
    expect(result.settingsModule).toMatchObject({
      value: 'app.settings.production',
      assumptions: [{ variable: 'ENV', value: 'production', reason: 'the module that names production', location: { file: 'app/asgi.py', line: 2 } }],
    });
    expect(result.candidates[0]).toMatchObject({ value: 'app.settings.production', condition: expect.stringContaining('assumed ENV=production'), exists: true });
  });

  it('treats the value os.environ.setdefault returns as the code default of an undecided variable', () => {
    const source = `import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.{0}'.format(os.environ.setdefault('DJANGO_ENV', 'dev')))\n`;
    expect(entry(source).settingsModule).toMatchObject({ value: 'app.settings.production', assumptions: [{ variable: 'DJANGO_ENV', value: 'production' }] });
    expect(entry(source, { DJANGO_ENV: 'dev' }).settingsModule).toMatchObject({ value: 'app.settings.dev', assumptions: [] });
  });

  it("keeps the code's default when no module names production, and records it", () => {
    const result = entry(`import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', f"app.settings.{os.getenv('ENV', 'dev')}")\n`, {}, { 'app/settings/production.py': null });
    expect(result.settingsModule?.value).toBe('app.settings.dev');
    expect(result.settingsModule?.assumptions).toMatchObject([{ variable: 'ENV', value: 'dev', reason: "the code's default" }]);
  });

  it('leaves the module undecided (never guessed) when the variable is unset, has no default and nothing names production', () => {
    const files = { 'app/settings/production.py': null };
    const result = entry(`import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.' + os.environ['ENV'])\n`, {}, files);
    expect(result.settingsModule).toBeUndefined();
    expect(result.undecided).toMatch(/ENV/);
    expect(result.candidates.map((c) => c.value)).toEqual(['app.settings.base', 'app.settings.dev']);
  });

  it('takes the branch that names production in an if on an unset variable, and lists both branches', () => {
    const source = `import os
if os.getenv('DJANGO_ENV') == 'production':
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.production')
else:
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.dev')
`;
    const unset = entry(source);
    expect(unset.settingsModule).toMatchObject({
      value: 'app.settings.production',
      assumptions: [{ variable: 'DJANGO_ENV', value: 'production', reason: 'the branch that names production', location: { file: 'manage.py', line: 2 } }],
    });
    expect(unset.candidates.map((c) => [c.value, c.condition?.startsWith('assumed') ? 'assumed' : c.condition])).toEqual([
      ['app.settings.production', 'assumed'],
      ['app.settings.dev', 'DJANGO_ENV is none of production'],
    ]);
    const dev = entry(source, { DJANGO_ENV: 'dev' });
    expect(dev.settingsModule).toMatchObject({ value: 'app.settings.dev', assumptions: [] });
  });

  it('lists a candidate that is not in the repository as such', () => {
    const result = entry(`import os\nif os.environ.get('STAGE') == 'prod':\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.prod')\nelse:\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.dev')\n`);
    expect(result.settingsModule?.value).toBe('app.settings.prod');
    expect(result.candidates.map((c) => [c.value, c.exists])).toEqual([
      ['app.settings.prod', false],
      ['app.settings.dev', true],
    ]);
  });

  it('a dict of modules looked up by an unset variable selects the key naming production, and lists every key', () => {
    const forms: [string, [string, string][]][] = [
      [`MODULES.get(os.environ.get('DJANGO_ENV'), 'app.settings.base')`, [['app.settings.base', 'DJANGO_ENV is none of development, production']]],
      [`MODULES[os.environ['DJANGO_ENV']]`, []],
    ];
    for (const [form, otherwise] of forms) {
      const source = `import os\nMODULES = {'development': 'app.settings.dev', 'production': 'app.settings.production'}\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', ${form})\n`;
      const unset = entry(source);
      expect(unset.settingsModule, form).toMatchObject({ value: 'app.settings.production', assumptions: [{ variable: 'DJANGO_ENV', value: 'production', reason: 'the key that names production' }] });
      expect(unset.candidates.map((c) => [c.value, c.condition?.startsWith('assumed') ? 'assumed' : c.condition]), form).toEqual([
        ['app.settings.production', 'assumed'],
        ['app.settings.dev', 'DJANGO_ENV=development'],
        ...otherwise,
      ]);
      expect(entry(source, { DJANGO_ENV: 'development' }).settingsModule, form).toMatchObject({ value: 'app.settings.dev', assumptions: [] });
    }
  });

  it('a conditional expression on an unset variable selects like an if', () => {
    const result = entry(`import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.production' if os.environ.get('ENV') == 'prod' else 'app.settings.dev')\n`);
    expect(result.settingsModule?.value).toBe('app.settings.production');
    expect(result.settingsModule?.assumptions.map((a) => `${a.variable}=${a.value}`)).toEqual(['ENV=prod']);
  });

  it('knows a forced assignment beats a setdefault, and a setdefault after it changes nothing', () => {
    const forced = entry(`import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.dev')\nos.environ['DJANGO_SETTINGS_MODULE'] = 'app.settings.production'\n`, {}, {}, 'app/wsgi.py');
    expect(forced.settingsModule).toMatchObject({ value: 'app.settings.production', forced: true, location: { line: 3 } });
    const first = entry(`import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.dev')\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.production')\n`);
    expect(first.settingsModule).toMatchObject({ value: 'app.settings.dev', forced: false, location: { line: 2 } });
  });

  it('reports the value from the environment-independent code even when the environment sets the variable', () => {
    const result = entry(`import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.dev')\n`, { DJANGO_SETTINGS_MODULE: 'app.settings.production' });
    expect(result.settingsModule?.value).toBe('app.settings.dev');
  });

  it('counts the variables of a dotenv file load_dotenv() reads, and reports which file', () => {
    const source = `import os\nfrom dotenv import load_dotenv\nload_dotenv()\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.dev')\n`;
    const loaded = entry(source, {}, { '.env': 'DJANGO_SETTINGS_MODULE=app.settings.production\n' }, 'manage.py', { '.env': { DJANGO_SETTINGS_MODULE: 'app.settings.production' } });
    expect(loaded.settingsModule).toMatchObject({ value: 'app.settings.production', dotenv: '.env', location: { file: '.env', line: 1 } });
    expect(loaded.dotenvFiles).toEqual(['.env']);
    const selecting = entry(
      `import os\nfrom dotenv import load_dotenv\nload_dotenv()\nif os.getenv('DJANGO_ENV') == 'production':\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.production')\nelse:\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.dev')\n`,
      {},
      { '.env': 'DJANGO_ENV=dev\n' },
      'manage.py',
      { '.env': { DJANGO_ENV: 'dev' } },
    );
    expect(selecting.settingsModule).toMatchObject({ value: 'app.settings.dev', assumptions: [] });
    expect(selecting.dotenvFiles).toEqual(['.env']);
    const absent = entry(source);
    expect(absent.settingsModule).toMatchObject({ value: 'app.settings.dev' });
    expect(absent.dotenvFiles).toEqual([]);
  });

  it('follows importlib.import_module of a module that sets the variable', () => {
    const result = entry(
      `import os, importlib\nimportlib.import_module(f".{os.environ.get('ENV', 'production')}", package='app.entry')\n`,
      { ENV: 'production' },
      { 'app/entry/__init__.py': '', 'app/entry/production.py': "import os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'app.settings.production'\n" },
      'app/wsgi.py',
    );
    expect(result.settingsModule).toMatchObject({ value: 'app.settings.production', forced: true, location: { file: 'app/entry/production.py' } });
  });

  it('selects DJANGO_CONFIGURATION too', () => {
    const result = entry(MANAGE(`os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings')\nos.environ.setdefault('DJANGO_CONFIGURATION', 'Production' if os.getenv('ENV') == 'live' else 'Dev')`));
    expect(result.configuration).toMatchObject({ value: 'Production', assumptions: [{ variable: 'ENV', value: 'live' }] });
  });

  it('never guesses between setdefaults under a condition it cannot decide: lists them instead', () => {
    const result = entry(`import os, sys\nif 'test' in sys.argv:\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.dev')\nelse:\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.production')\n`);
    expect(result.settingsModule).toBeUndefined();
    expect(result.undecided).toMatch(/condition/);
    expect(result.candidates.map((c) => [c.value, c.condition])).toEqual([
      ['app.settings.dev', 'depends on a condition deploycheck cannot decide'],
      ['app.settings.production', 'depends on a condition deploycheck cannot decide'],
    ]);
    const agreeing = entry(`import os, sys\nif 'test' in sys.argv:\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.dev')\nelse:\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.dev')\n`);
    expect(agreeing.settingsModule?.value).toBe('app.settings.dev');
  });

  it('survives an expression nested 10,000 parentheses deep, and broken code', () => {
    const deep = `import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.dev')\nx = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n`;
    expect(entry(deep).settingsModule?.value).toBe('app.settings.dev');
    const deepBroken = entry(`import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings.dev')\nx = ${'('.repeat(10_000)}1 +${')'.repeat(10_000)}\n`);
    expect(deepBroken.settingsModule?.value).toBe('app.settings.dev');
    expect(deepBroken.problems.map((p) => p.kind)).toEqual(['syntax-error']);
    const broken = entry('def main(:\n  os.environ.setdefault(\n');
    expect(broken.settingsModule).toBeUndefined();
    expect(broken.problems.some((p) => p.kind === 'syntax-error')).toBe(true);
  });
});
