import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser } from '../../src/python/parser.js';
import { describeAssumption, namesProduction } from '../../src/python/assumptions.js';
import { pyRepr } from '../../src/python/value.js';
import { evaluate } from './helpers.js';

beforeAll(() => initPythonParser());

const PACKAGE = {
  'site/__init__.py': '',
  'site/settings/base.py': 'SECRET_KEY = "k"\nDEBUG = False\n',
  'site/settings/production.py': 'from .base import *\nNAME = "production"\n',
  'site/settings/development.py': 'from .base import *\nDEBUG = True\nNAME = "development"\n',
};

const selector = (init: string, vars: Record<string, string | undefined> = {}) =>
  evaluate({ ...PACKAGE, 'site/settings/__init__.py': init }, vars, { module: 'site.settings' });

describe('names that name production', () => {
  it('knows production names and never development ones', () => {
    for (const name of ['production', 'prod', 'PRD', 'live', 'heroku', 'fly', 'render', 'railway', 'prod_eu']) expect(namesProduction(name)).toBe(true);
    for (const name of ['dev', 'development', 'local', 'test', 'ci', 'staging', 'pre-prod', 'preprod', 'base', 'settings']) expect(namesProduction(name)).toBe(false);
  });
});

describe('a selector package (if on an environment variable)', () => {
  const init = `import environ
env = environ.Env()
environment = env('ENVIRONMENT')
if environment == 'production':
    from .production import *
else:
    from .development import *
`;

  it('takes the branch that names production when the variable is unset, and records the assumption', () => {
    const s = selector(init);
    expect(pyRepr(s.get('NAME'))).toBe("'production'");
    expect(pyRepr(s.get('DEBUG'))).toBe('False');
    expect(s.assumptions).toMatchObject([
      { variable: 'ENVIRONMENT', value: 'production', location: { file: 'site/settings/__init__.py', line: 4, column: 4 }, reason: 'the branch that names production' },
    ]);
    expect(s.assumptions).toHaveLength(1);
    expect(describeAssumption(s.assumptions[0]!)).toBe(
      'assumed ENVIRONMENT=production (the branch that names production; pass `--set ENVIRONMENT=…` to choose another)',
    );
  });

  it('follows the environment when it sets the variable (--set ENVIRONMENT=dev chooses development)', () => {
    const s = selector(init, { ENVIRONMENT: 'dev' });
    expect(pyRepr(s.get('NAME'))).toBe("'development'");
    expect(pyRepr(s.get('DEBUG'))).toBe('True');
    expect(s.assumptions).toEqual([]);
  });

  it('assumes over a development default, with elif chains, `in` and `!=`', () => {
    const s = selector(`import os
ENV = os.getenv('DJANGO_ENV', 'dev').lower()
if ENV in ('dev', 'local'):
    from .development import *
elif ENV != 'prod':
    NAME = 'staging'
else:
    from .production import *
`);
    expect(pyRepr(s.get('NAME'))).toBe("'production'");
    expect(s.assumptions.map((a) => `${a.variable}=${a.value}`)).toEqual(['DJANGO_ENV=prod']);
  });

  it('never chooses a development literal: without a production one the code runs as Python would', () => {
    const s = selector(`import os
if os.getenv('DJANGO_ENV') == 'dev':
    from .development import *
`);
    expect(s.has('NAME')).toBe(false);
    expect(s.assumptions).toEqual([]);
  });

  it('keeps one assumption per variable and decides later tests with it', () => {
    const s = selector(`import os
MODE = os.environ.get('MODE')
if MODE == 'live':
    from .production import *
DEBUG = 'yes' if MODE == 'local' else 'no'
`);
    expect(pyRepr(s.get('NAME'))).toBe("'production'");
    expect(pyRepr(s.get('DEBUG'))).toBe("'no'");
    expect(s.assumptions).toHaveLength(1);
  });

  it('does not assume on a comparison with something other than literals', () => {
    const s = selector(`import os
OTHER = 'production'
if os.getenv('DJANGO_ENV') == OTHER:
    from .production import *
`);
    expect(s.has('NAME')).toBe(false);
    expect(s.assumptions).toEqual([]);
  });
});

describe('a dict looked up by an environment variable', () => {
  it('reads the key that names production when the variable is unset, never a development one', () => {
    const s = evaluate({ 'settings.py': "import os\nDEBUG = {'dev': True, 'prod': False}[os.getenv('ENV', 'dev')]\nLEVEL = {'dev': 'DEBUG', 'local': 'INFO'}.get(os.getenv('ENV2', 'dev'))\n" });
    expect(pyRepr(s.get('DEBUG'))).toBe('False');
    expect(pyRepr(s.get('LEVEL'))).toBe("'DEBUG'");
    expect(s.assumptions).toMatchObject([{ variable: 'ENV', value: 'prod', reason: 'the key that names production', location: { file: 'settings.py', line: 2 } }]);
    const set = evaluate({ 'settings.py': "import os\nDEBUG = {'dev': True, 'prod': False}[os.getenv('ENV', 'dev')]\n" }, { ENV: 'dev' });
    expect(pyRepr(set.get('DEBUG'))).toBe('True');
    expect(set.assumptions).toEqual([]);
  });
});

describe('a selector package (importlib and exec)', () => {
  it('imports the module import_module names, relative to the package', () => {
    const s = selector(`import os, importlib
ENV = os.environ.get('DJANGO_ENV', 'development')
module = importlib.import_module(f'.{ENV}', package=__name__)
globals().update({k: v for k, v in vars(module).items() if k.isupper()})
`, { DJANGO_ENV: 'development' });
    expect(pyRepr(s.get('NAME'))).toBe("'development'");
    expect(s.files).toContain('site/settings/development.py');
  });

  it('chooses the module that names production over a development default when the variable is unset', () => {
    const s = selector(`import os, importlib
module = importlib.import_module('.' + os.environ.get('DJANGO_ENV', 'development'), __name__)
NAME = module.NAME
`);
    expect(pyRepr(s.get('NAME'))).toBe("'production'");
    expect(s.assumptions).toMatchObject([{ variable: 'DJANGO_ENV', value: 'production', reason: 'the module that names production' }]);
  });

  it('chooses the module that names production when the variable is unset (no default)', () => {
    const s = selector(`import os
from importlib import import_module
settings = import_module('site.settings.' + os.environ['DJANGO_ENV'])
for name in dir(settings):
    if name.isupper():
        globals()[name] = getattr(settings, name)
`);
    expect(pyRepr(s.get('NAME'))).toBe("'production'");
    expect(s.assumptions).toMatchObject([{ variable: 'DJANGO_ENV', value: 'production', reason: 'the module that names production', location: { file: 'site/settings/__init__.py', line: 3 } }]);
  });

  it('runs exec() of a star import built with .format and %', () => {
    const withFormat = selector(`import os
exec('from .{} import *'.format(os.environ.get('ENV', 'development')))
`, { ENV: 'development' });
    expect(pyRepr(withFormat.get('NAME'))).toBe("'development'");
    const withPercent = selector(`import os
exec('from .%s import *' % os.environ['ENV'])
`);
    expect(pyRepr(withPercent.get('NAME'))).toBe("'production'");
    expect(withPercent.assumptions.map((a) => a.value)).toEqual(['production']);
  });

  it('leaves the settings unknown when no module the name could select names production', () => {
    const s = evaluate(
      {
        'site/__init__.py': '',
        'site/settings/dev.py': 'NAME = "dev"\n',
        'site/settings/__init__.py': 'import os, importlib\nm = importlib.import_module("site.settings." + os.environ["ENV"])\nNAME = m.NAME\n',
      },
      {},
      { module: 'site.settings' },
    );
    expect(s.get('NAME').kind).toBe('unknown');
    expect(s.assumptions).toEqual([]);
  });
});

describe('django-split-settings', () => {
  const files = {
    'proj/__init__.py': '',
    'proj/settings/components/base.py': 'DEBUG = False\nAPPS = ["a"]\n',
    'proj/settings/components/db.py': 'APPS += ["db"]\nDATABASE = "pg"\n',
    'proj/settings/components/apps.py': 'APPS += ["apps"]\n',
    'proj/settings/environments/production.py': 'ALLOWED_HOSTS = ["example.com"]\n',
    'proj/settings/local.py': 'DEBUG = True\n',
  };

  it('runs the included files in order into one namespace, globs sorted, optional ones only when present', () => {
    const s = evaluate(
      {
        ...files,
        'proj/settings/__init__.py': `from split_settings.tools import include, optional
include(
    'components/base.py',
    'components/*.py',
    optional('environments/production.py'),
    optional('missing.py'),
    scope=globals(),
)
`,
      },
      {},
      { module: 'proj.settings' },
    );
    // base.py first, then the glob sorted: apps.py, (base.py is included already), db.py
    expect(pyRepr(s.get('APPS'))).toBe("['a', 'apps', 'db']");
    expect(pyRepr(s.get('DATABASE'))).toBe("'pg'");
    expect(pyRepr(s.get('ALLOWED_HOSTS'))).toBe("['example.com']");
    expect(pyRepr(s.get('DEBUG'))).toBe('False');
    expect(s.assignedAt.get('DATABASE')).toMatchObject({ file: 'proj/settings/components/db.py', line: 2 });
    expect(s.files).toEqual(expect.arrayContaining(['proj/settings/components/apps.py', 'proj/settings/environments/production.py']));
    expect(s.problems).toEqual([]);
  });

  it('takes a glob with a class no regular expression holds as matching nothing, without throwing', () => {
    const s = evaluate(
      { ...files, 'proj/settings/__init__.py': "from split_settings.tools import include, optional\ninclude('components/base.py', optional('components/[z-a].py'))\n" },
      {},
      { module: 'proj.settings' },
    );
    expect(pyRepr(s.get('DEBUG'))).toBe('False');
    expect(s.problems).toEqual([]);
  });

  it('includes an optional file that exists, and reports a required one that does not', () => {
    const s = evaluate(
      {
        ...files,
        'proj/settings/__init__.py': `from split_settings.tools import include, optional
include('components/base.py', optional('local.py'))
include('nowhere/*.py')
`,
      },
      {},
      { module: 'proj.settings' },
    );
    expect(pyRepr(s.get('DEBUG'))).toBe('True');
    expect(s.problems.map((p) => p.message)).toEqual([expect.stringContaining('No such file: proj/settings/nowhere/*.py')]);
  });

  it('chooses the environment file that names production when the variable naming it is undecided', () => {
    const project = (init: string) => ({
      'proj/__init__.py': '',
      'proj/settings/__init__.py': init,
      'proj/settings/components/common.py': 'DEBUG = False\n',
      'proj/settings/environments/development.py': 'DEBUG = True\nNAME = "development"\n',
      'proj/settings/environments/production.py': 'NAME = "production"\n',
    });
    const init = `from decouple import config
from split_settings.tools import include, optional
ENV = config('DJANGO_ENV') or 'development'
include('components/common.py', 'environments/{0}.py'.format(ENV), optional('environments/local.py'))
`;
    const unset = evaluate(project(init), {}, { module: 'proj.settings' });
    expect(pyRepr(unset.get('NAME'))).toBe("'production'");
    expect(pyRepr(unset.get('DEBUG'))).toBe('False');
    expect(unset.assumptions).toMatchObject([{ variable: 'DJANGO_ENV', value: 'production', reason: 'the module that names production' }]);
    const development = evaluate(project(init), { DJANGO_ENV: 'development' }, { module: 'proj.settings' });
    expect(pyRepr(development.get('NAME'))).toBe("'development'");
    expect(pyRepr(development.get('DEBUG'))).toBe('True');
    expect(development.assumptions).toEqual([]);
    const setdefault = evaluate(project(init.replace("config('DJANGO_ENV') or 'development'", "os.environ['DJANGO_ENV']").replace('from decouple import config', "import os\nos.environ.setdefault('DJANGO_ENV', 'development')")), {}, { module: 'proj.settings' });
    expect(pyRepr(setdefault.get('NAME'))).toBe("'production'");
    const setdefaultSet = evaluate(project(init.replace("config('DJANGO_ENV') or 'development'", "os.environ['DJANGO_ENV']").replace('from decouple import config', "import os\nos.environ.setdefault('DJANGO_ENV', 'development')")), { DJANGO_ENV: 'development' }, { module: 'proj.settings' });
    expect(pyRepr(setdefaultSet.get('NAME'))).toBe("'development'");
    const defaulted = evaluate(project(init.replace("config('DJANGO_ENV') or 'development'", "os.environ.get('DJANGO_ENV', 'development')").replace('from decouple import config', 'import os')), {}, { module: 'proj.settings' });
    expect(pyRepr(defaulted.get('NAME'))).toBe("'production'");
  });

  it('expands include(*list) and reports include(*unknown)', () => {
    const s = evaluate(
      {
        ...files,
        'proj/settings/__init__.py': `from split_settings.tools import include as settings_include
import os
_base = ['components/base.py', 'components/db.py']
settings_include(*_base)
settings_include(*os.environ['MORE'].split(','))
`,
      },
      {},
      { module: 'proj.settings' },
    );
    expect(pyRepr(s.get('APPS'))).toBe("['a', 'db']");
    expect(s.problems.map((p) => p.message)).toContainEqual(expect.stringContaining('include() of files that are not known'));
  });

  it('does not follow an include cycle', () => {
    const s = evaluate(
      {
        'proj/__init__.py': '',
        'proj/settings/__init__.py': 'from split_settings.tools import include\ninclude("a.py")\n',
        'proj/settings/a.py': 'from split_settings.tools import include\nA = 1\ninclude("a.py")\n',
      },
      {},
      { module: 'proj.settings' },
    );
    expect(pyRepr(s.get('A'))).toBe('1');
  });
});
