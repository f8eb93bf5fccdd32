"""Run Django's own `check --deploy` on a fixture project and print the message ids as JSON.

The differential tests compare deploycheck's findings with what real Django reports, so this
helper must behave like `manage.py check --deploy` (no database checks, SILENCED_SYSTEM_CHECKS
honoured) under exactly the environment it is given.

Usage (run with the Python that has Django installed, /usr/bin/python3 on the test machine):

    run_django_checks.py PROJECT_DIR SETTINGS_MODULE [ENV_JSON]
        one job; ENV_JSON (an object of variable -> string) from argv, else from stdin.
        Prints {"messages": [{"id": ..., "level": ...}, ...]} or {"error": "..."}.

    run_django_checks.py --batch
        stdin: a JSON list of {"project": ..., "settings": ..., "env": {...}}.
        Each job runs in its own forked child (settings modules are imported fresh every time),
        Django's own modules are imported once before forking. Prints a JSON list of results in
        the same order.
"""

import importlib
import importlib.abc
import importlib.machinery
import json
import os
import sys
import traceback
import warnings

# The fixtures are part of the repository: never leave __pycache__ directories in them.
sys.dont_write_bytecode = True

# Well-known third-party packages a fixture may name in INSTALLED_APPS, MIDDLEWARE or settings.
# When one is not installed it is replaced by a permissive stub so the project still loads; the
# project's own missing modules are never stubbed (their ImportError is part of its behaviour).
STUBBABLE_PACKAGES = frozenset({
    'allauth', 'anymail', 'axes', 'celery', 'compressor', 'configurations', 'corsheaders',
    'crispy_forms', 'csp', 'debug_toolbar', 'django_celery_beat', 'django_extensions',
    'django_redis', 'gunicorn', 'health_check', 'rest_framework', 'sentry_sdk',
    'silk', 'storages', 'whitenoise',
})

# Variables the child keeps from the parent whatever the job says.
KEPT_VARIABLES = ('PATH',)

# Deploy-relevant levels, named as `manage.py check` prints them.
LEVEL_NAMES = {10: 'DEBUG', 20: 'INFO', 30: 'WARNING', 40: 'ERROR', 50: 'CRITICAL'}


def _stub_getattr(module_name, attribute):
    """Any public name imported from a stub: a class, so it can be called, subclassed or instantiated.

    Private names and `default_app_config` stay missing, so Django's app loading treats the stub
    as a plain app with the default AppConfig.
    """
    if attribute.startswith('_') or attribute == 'default_app_config':
        raise AttributeError(attribute)
    return type(attribute, (), {
        '__module__': module_name,
        '__init__': lambda self, *args, **kwargs: None,
        '__call__': lambda self, *args, **kwargs: None,
    })


# A stub package needs a filesystem location for Django's AppConfig; any existing directory
# without templates/ or static/ will do.
STUB_LOCATION = os.path.dirname(os.path.abspath(__file__))


class _StubLoader(importlib.abc.Loader):
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        # A package with a real directory, so Django's AppConfig can find the app's path.
        module.__path__ = [STUB_LOCATION]
        module.__file__ = os.path.join(STUB_LOCATION, '__init__.py')
        module.__getattr__ = lambda attribute: _stub_getattr(module.__name__, attribute)


class MissingPackageStubFinder(importlib.abc.MetaPathFinder):
    """Provides stubs for STUBBABLE_PACKAGES (and their submodules) that are not installed.

    It sits at the end of sys.meta_path, so an installed package always wins.
    """

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split('.')[0] not in STUBBABLE_PACKAGES:
            return None
        return importlib.machinery.ModuleSpec(fullname, _StubLoader(), is_package=True)


def _reset_environment(env):
    kept = {name: os.environ[name] for name in KEPT_VARIABLES if name in os.environ}
    os.environ.clear()
    os.environ.update(kept)
    os.environ.update({str(name): str(value) for name, value in env.items()})


def _swap_unloadable_databases(settings):
    """Replace databases whose driver is missing (psycopg2, mysqlclient) by in-memory SQLite.

    Django loads the default backend while it builds the models, so a missing driver would stop
    the checks; no deploy check reads DATABASES, so the swap changes no result.
    """
    from django.core.exceptions import ImproperlyConfigured
    from django.db.utils import load_backend

    for alias, database in settings.DATABASES.items():
        try:
            load_backend(database.get('ENGINE', ''))
        except (ImportError, ImproperlyConfigured):
            settings.DATABASES[alias] = {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}


def run_job(project, settings_module, env):
    """Evaluate one project under one environment; returns the JSON-ready result."""
    _reset_environment(env)
    warnings.simplefilter('ignore')  # e.g. django-environ's "no .env file" notice
    os.environ['DJANGO_SETTINGS_MODULE'] = settings_module
    sys.path.insert(0, os.path.abspath(project))
    sys.meta_path.append(MissingPackageStubFinder())
    try:
        import django
        from django.conf import settings
        from django.core import checks

        _swap_unloadable_databases(settings)
        django.setup()
        # What `manage.py check --deploy` does: every check plus the deploy ones, no database
        # checks (`databases` is None unless --database is given), silenced ids hidden
        # (BaseCommand.check filters with CheckMessage.is_silenced()).
        messages = checks.run_checks(include_deployment_checks=True, databases=None)
        visible = [message for message in messages if message.id not in settings.SILENCED_SYSTEM_CHECKS]
    except BaseException as error:  # SyntaxError, ImportError, ImproperlyConfigured, SystemExit, ...
        return {'error': '%s: %s' % (type(error).__name__, error), 'traceback': traceback.format_exc(limit=-3)}
    return {
        'messages': [
            {'id': message.id, 'level': LEVEL_NAMES.get(message.level, str(message.level))}
            for message in visible
        ],
    }


# Django modules that import without settings: loaded once in the parent before forking, which
# saves each job most of Django's import time.
PRELOADED_MODULES = (
    'django.contrib.admin', 'django.contrib.staticfiles.checks', 'django.core.cache',
    'django.core.checks', 'django.core.mail', 'django.core.management', 'django.core.serializers',
    'django.db.backends.base.schema', 'django.db.backends.sqlite3.base', 'django.db.models',
    'django.forms', 'django.http', 'django.template', 'django.urls', 'django.views.generic',
)


def _preload_django():
    for name in PRELOADED_MODULES:
        importlib.import_module(name)


def run_forked(job):
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            payload = json.dumps(run_job(job['project'], job['settings'], job.get('env', {})))
        except BaseException as error:
            payload = json.dumps({'error': 'oracle failure: %r' % (error,)})
        with os.fdopen(write_end, 'w') as out:
            out.write(payload)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as source:
        output = source.read()
    os.waitpid(pid, 0)
    if not output:
        return {'error': 'oracle child exited without a result'}
    return json.loads(output)


def main(argv):
    if argv[1:] == ['--batch']:
        jobs = json.load(sys.stdin)
        _preload_django()
        print(json.dumps([run_forked(job) for job in jobs]))
        return 0
    if len(argv) not in (3, 4):
        sys.stderr.write(__doc__)
        return 2
    env = json.loads(argv[3]) if len(argv) == 4 else json.load(sys.stdin)
    print(json.dumps(run_job(argv[1], argv[2], env)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
