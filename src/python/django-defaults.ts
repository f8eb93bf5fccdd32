import { versionAtLeast } from '../project/version.js';
import type { PyValue } from './value.js';
import { bool, dict, int, list, none, str } from './value-ops.js';

/**
 * Django's global defaults (`django/conf/global_settings.py`) for the settings the rules read,
 * per version from 1.11 on (older versions get 1.11's table). A setting a version does not have is
 * absent, so `Settings.get` says it is unknown rather than inventing a value. A fresh map each call,
 * so callers may keep or change it. Values have no `loc`.
 */
export function djangoDefaults(version: string): Map<string, PyValue> {
  const at = (minimum: string) => versionAtLeast(version, minimum);
  const s = (v: string) => str(v);
  const strings = (...items: string[]) => list(items.map(s));
  const defaults = new Map<string, PyValue>();
  const set = (name: string, value: PyValue) => defaults.set(name, value);

  set('DEBUG', bool(false));
  set('DEBUG_PROPAGATE_EXCEPTIONS', bool(false));
  set('ADMINS', list([]));
  set('MANAGERS', list([]));
  set('INTERNAL_IPS', list([]));
  set('ALLOWED_HOSTS', list([]));
  set('SECRET_KEY', s(''));
  if (at('4.1')) set('SECRET_KEY_FALLBACKS', list([]));
  set('INSTALLED_APPS', list([]));
  if (at('2.0')) set('MIDDLEWARE', list([]));
  else {
    // 1.10 and 1.11: MIDDLEWARE = None means the old-style MIDDLEWARE_CLASSES list is used.
    set('MIDDLEWARE', none());
    set('MIDDLEWARE_CLASSES', strings('django.middleware.common.CommonMiddleware', 'django.middleware.csrf.CsrfViewMiddleware'));
  }
  set('TEMPLATES', list([]));
  set('WSGI_APPLICATION', none());
  set('DATABASES', dict([]));
  set('DATABASE_ROUTERS', list([]));
  set('CACHES', dict([['default', dict([['BACKEND', s('django.core.cache.backends.locmem.LocMemCache')]])]]));
  set('CACHE_MIDDLEWARE_KEY_PREFIX', s(''));
  set('CACHE_MIDDLEWARE_SECONDS', int(600));
  set('CACHE_MIDDLEWARE_ALIAS', s('default'));

  set('EMAIL_BACKEND', s('django.core.mail.backends.smtp.EmailBackend'));
  set('EMAIL_HOST', s('localhost'));
  set('EMAIL_PORT', int(25));
  set('EMAIL_HOST_USER', s(''));
  set('EMAIL_HOST_PASSWORD', s(''));
  set('EMAIL_USE_TLS', bool(false));
  set('EMAIL_USE_SSL', bool(false));
  set('EMAIL_TIMEOUT', none());
  set('DEFAULT_FROM_EMAIL', s('webmaster@localhost'));
  set('SERVER_EMAIL', s('root@localhost'));
  set('EMAIL_SUBJECT_PREFIX', s('[Django] '));

  set('STATIC_ROOT', none());
  set('STATIC_URL', none());
  set('STATICFILES_DIRS', list([]));
  set('MEDIA_ROOT', s(''));
  set('MEDIA_URL', s(''));
  set('FILE_UPLOAD_PERMISSIONS', at('3.0') ? int(0o644) : none());
  set('FILE_UPLOAD_MAX_MEMORY_SIZE', int(2621440));
  set('DATA_UPLOAD_MAX_MEMORY_SIZE', int(2621440));
  set('DATA_UPLOAD_MAX_NUMBER_FIELDS', int(1000));
  // Added in the February 2023 security releases; 4.2 is the first minor version that always has it.
  if (at('4.2')) set('DATA_UPLOAD_MAX_NUMBER_FILES', int(100));

  const fileStorage = 'django.core.files.storage.FileSystemStorage';
  const staticStorage = 'django.contrib.staticfiles.storage.StaticFilesStorage';
  if (!at('5.1')) {
    set('DEFAULT_FILE_STORAGE', s(fileStorage));
    set('STATICFILES_STORAGE', s(staticStorage));
  }
  if (at('4.2')) {
    set(
      'STORAGES',
      dict([
        ['default', dict([['BACKEND', s(fileStorage)]])],
        ['staticfiles', dict([['BACKEND', s(staticStorage)]])],
      ]),
    );
  }

  const hashers = [
    'django.contrib.auth.hashers.PBKDF2PasswordHasher',
    'django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher',
    'django.contrib.auth.hashers.Argon2PasswordHasher',
    'django.contrib.auth.hashers.BCryptSHA256PasswordHasher',
  ];
  if (!at('2.1')) hashers.push('django.contrib.auth.hashers.BCryptPasswordHasher');
  if (at('4.2')) hashers.push('django.contrib.auth.hashers.ScryptPasswordHasher');
  set('PASSWORD_HASHERS', strings(...hashers));
  set('AUTH_PASSWORD_VALIDATORS', list([]));
  set('AUTHENTICATION_BACKENDS', strings('django.contrib.auth.backends.ModelBackend'));
  set('LOGIN_URL', s('/accounts/login/'));

  set('SESSION_COOKIE_NAME', s('sessionid'));
  set('SESSION_COOKIE_AGE', int(60 * 60 * 24 * 7 * 2));
  set('SESSION_COOKIE_DOMAIN', none());
  set('SESSION_COOKIE_SECURE', bool(false));
  set('SESSION_COOKIE_PATH', s('/'));
  set('SESSION_COOKIE_HTTPONLY', bool(true));
  if (at('2.1')) set('SESSION_COOKIE_SAMESITE', s('Lax'));
  set('SESSION_SAVE_EVERY_REQUEST', bool(false));
  set('SESSION_EXPIRE_AT_BROWSER_CLOSE', bool(false));
  set('SESSION_ENGINE', s('django.contrib.sessions.backends.db'));
  set('SESSION_SERIALIZER', s('django.contrib.sessions.serializers.JSONSerializer'));

  set('CSRF_COOKIE_NAME', s('csrftoken'));
  set('CSRF_COOKIE_AGE', int(60 * 60 * 24 * 7 * 52));
  set('CSRF_COOKIE_DOMAIN', none());
  set('CSRF_COOKIE_PATH', s('/'));
  set('CSRF_COOKIE_SECURE', bool(false));
  set('CSRF_COOKIE_HTTPONLY', bool(false));
  if (at('2.1')) set('CSRF_COOKIE_SAMESITE', s('Lax'));
  set('CSRF_HEADER_NAME', s('HTTP_X_CSRFTOKEN'));
  set('CSRF_TRUSTED_ORIGINS', list([]));
  set('CSRF_USE_SESSIONS', bool(false));
  set('CSRF_FAILURE_VIEW', s('django.views.csrf.csrf_failure'));

  set('SECURE_CONTENT_TYPE_NOSNIFF', bool(at('3.0')));
  if (!at('4.0')) set('SECURE_BROWSER_XSS_FILTER', bool(false));
  if (at('4.0')) set('SECURE_CROSS_ORIGIN_OPENER_POLICY', s('same-origin'));
  set('SECURE_HSTS_INCLUDE_SUBDOMAINS', bool(false));
  set('SECURE_HSTS_PRELOAD', bool(false));
  set('SECURE_HSTS_SECONDS', int(0));
  set('SECURE_REDIRECT_EXEMPT', list([]));
  // Added in 3.0 with None (no header); 'same-origin' from 3.1.
  if (at('3.0')) set('SECURE_REFERRER_POLICY', at('3.1') ? s('same-origin') : none());
  set('SECURE_SSL_HOST', none());
  set('SECURE_SSL_REDIRECT', bool(false));
  set('SECURE_PROXY_SSL_HEADER', none());
  set('X_FRAME_OPTIONS', s(at('3.0') ? 'DENY' : 'SAMEORIGIN'));
  set('USE_X_FORWARDED_HOST', bool(false));
  set('USE_X_FORWARDED_PORT', bool(false));
  if (at('6.0')) {
    set('SECURE_CSP', dict([]));
    set('SECURE_CSP_REPORT_ONLY', dict([]));
  }
  // A transitional setting of 3.1 and 3.2 only.
  if (at('3.1') && !at('4.0')) set('DEFAULT_HASHING_ALGORITHM', s('sha256'));

  set('LANGUAGE_CODE', s('en-us'));
  set('TIME_ZONE', s('America/Chicago'));
  set('USE_TZ', bool(at('5.0')));
  set('USE_I18N', bool(true));
  if (!at('5.0')) set('USE_L10N', bool(at('4.0')));
  set('APPEND_SLASH', bool(true));
  set('PREPEND_WWW', bool(false));
  if (at('3.2')) set('DEFAULT_AUTO_FIELD', s('django.db.models.AutoField'));
  set('LOGGING_CONFIG', s('logging.config.dictConfig'));
  set('LOGGING', dict([]));
  set('SILENCED_SYSTEM_CHECKS', list([]));
  if (at('3.1')) set('DEFAULT_EXCEPTION_REPORTER', s('django.views.debug.ExceptionReporter'));
  set('FORMAT_MODULE_PATH', none());
  set('IGNORABLE_404_URLS', list([]));
  set('MESSAGE_STORAGE', s('django.contrib.messages.storage.fallback.FallbackStorage'));
  set('TEST_RUNNER', s('django.test.runner.DiscoverRunner'));
  set('FIXTURE_DIRS', list([]));
  set('LOCALE_PATHS', list([]));
  set('SIGNING_BACKEND', s('django.core.signing.TimestampSigner'));
  set(
    'FILE_UPLOAD_HANDLERS',
    strings(
      'django.core.files.uploadhandler.MemoryFileUploadHandler',
      'django.core.files.uploadhandler.TemporaryFileUploadHandler',
    ),
  );
  return defaults;
}
