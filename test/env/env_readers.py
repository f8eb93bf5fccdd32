"""Reads env-file texts with the real Python libraries, for test/env/differential.test.ts.

`--versions`: the installed versions. Otherwise stdin: JSON list of texts; stdout: JSON list, one object per text:
{"python-dotenv": {...} | {"error": ...}, "django-environ": ..., "decouple": ..., "decouple-ini": ...}
A value python-dotenv gives as None (a key without '=') is returned as null.
"""
import io
import json
import os
import sys
import tempfile


def python_dotenv(text):
    from dotenv import dotenv_values
    return dict(dotenv_values(stream=io.StringIO(text)))


def django_environ(text):
    import environ
    environ.Env.ENVIRON = {}  # a fresh, empty os.environ stand-in
    environ.Env.read_env(io.StringIO(text))
    return dict(environ.Env.ENVIRON)


def _with_file(text, read):
    with tempfile.NamedTemporaryFile('w', suffix='.env', delete=False, encoding='utf-8') as handle:
        handle.write(text)
    try:
        return read(handle.name)
    finally:
        os.unlink(handle.name)


def decouple_env(text):
    from decouple import RepositoryEnv
    return _with_file(text, lambda path: dict(RepositoryEnv(path).data))


def decouple_ini(text):
    from decouple import RepositoryIni

    def read(path):
        repository = RepositoryIni(path)
        if not repository.parser.has_section('settings'):
            return {}
        values = {}
        for key in repository.parser.options('settings'):
            try:
                values[key] = repository[key]
            except Exception as error:  # interpolation errors surface when the app reads the key
                values[key] = {'error': type(error).__name__}
        return values

    return _with_file(text, read)


READERS = {'python-dotenv': python_dotenv, 'django-environ': django_environ, 'decouple': decouple_env, 'decouple-ini': decouple_ini}


def versions():
    from importlib import metadata
    found = {}
    for name in ('python-dotenv', 'django-environ', 'python-decouple'):
        try:
            found[name] = metadata.version(name)
        except Exception:
            found[name] = None
    return found


def main():
    if sys.argv[1:] == ['--versions']:
        json.dump(versions(), sys.stdout)
        return
    import logging
    import warnings
    logging.disable(logging.CRITICAL)
    warnings.simplefilter('ignore')
    out = []
    for text in json.load(sys.stdin):
        result = {}
        for name, read in READERS.items():
            try:
                result[name] = read(text)
            except Exception as error:
                result[name] = {'error': '%s: %s' % (type(error).__name__, error)}
        out.append(result)
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
