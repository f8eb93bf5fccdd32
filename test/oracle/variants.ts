/**
 * The oracle's cases: a fixture, a settings module and an environment, with the deploy-check ids
 * real Django 3.2.25 reports for them. `oracle-base` reads every deploy-relevant setting from the
 * environment with safe defaults, so each env variant flips one behaviour; its
 * `oracle/variants/*.py` modules cover what the environment cannot (middleware and app lists,
 * None values, cache paths, a literal SILENCED_SYSTEM_CHECKS).
 */

/** The `check --deploy` ids Django 3.2 has (E024 and W025 arrived in 4.0 and 4.1). */
export const DEPLOY_CHECK_IDS = [
  'security.W001',
  'security.W002',
  'security.W003',
  'security.W004',
  'security.W005',
  'security.W006',
  'security.W008',
  'security.W009',
  'security.W010',
  'security.W011',
  'security.W012',
  'security.W013',
  'security.W014',
  'security.W015',
  'security.W016',
  'security.W018',
  'security.W019',
  'security.W020',
  'security.W021',
  'security.W022',
  'security.E023',
  'async.E001',
  'caches.W002',
] as const;

export type DeployCheckId = (typeof DEPLOY_CHECK_IDS)[number];

const DEPLOY_CHECK_ID_SET: ReadonlySet<string> = new Set(DEPLOY_CHECK_IDS);

export function isDeployCheckId(id: string): id is DeployCheckId {
  return DEPLOY_CHECK_ID_SET.has(id);
}

export interface OracleCase {
  name: string;
  /** Directory under fixtures/. */
  fixture: string;
  settings: string;
  /**
   * Variables the fixture's own production files set with a literal value (Dockerfile ENV,
   * fly.toml [env], app.json `value`): deploycheck reads them from the files, Django is given them.
   */
  fixtureEnv?: Record<string, string>;
  /** Env files of the fixture (dotenv syntax) that production loads: the same split as fixtureEnv. */
  fixtureEnvFiles?: string[];
  /**
   * Values a platform generates (app.json `generator: secret`, add-on URLs): deploycheck only
   * knows they are set; Django needs some concrete value.
   */
  platformEnv?: Record<string, string>;
  /** Variables given to both sides (deploycheck as `--set`). */
  set?: Record<string, string>;
  /** What Django 3.2.25's `check --deploy` reports, restricted to DEPLOY_CHECK_IDS. */
  expected: DeployCheckId[];
}

/** A strong key (50+ characters, many distinct ones): safe under W009. */
const STRONG_KEY = 'Xr7#pQ2!mV9@kL4^tB8&nW1*zH6(cJ3)fD5-gS0=yE2+uA9oI4wR';

function base(name: string, set: Record<string, string>, expected: DeployCheckId[]): OracleCase {
  return { name, fixture: 'oracle-base', settings: 'oracle.settings', set, expected };
}

function literal(name: string, module: string, set: Record<string, string>, expected: DeployCheckId[]): OracleCase {
  return { name, fixture: 'oracle-base', settings: `oracle.variants.${module}`, set, expected };
}

const INSECURE_SESSION_COOKIES = { SESSION_COOKIE_SECURE: 'false', SESSION_COOKIE_HTTPONLY: 'False' };

export const ORACLE_CASES: OracleCase[] = [
  // oracle-base, environment variants (django-environ 0.4.4 casts)
  base('all safe defaults', {}, []),
  base('DEBUG=True', { DEBUG: 'True' }, ['security.W018']),
  base('DEBUG=yes', { DEBUG: 'yes' }, ['security.W018']),
  base('DEBUG=2 (an int is cast before the true-strings)', { DEBUG: '2' }, ['security.W018']),
  base('DEBUG=off', { DEBUG: 'off' }, []),
  base('DEBUG empty', { DEBUG: '' }, []),
  base('SECRET_KEY short', { SECRET_KEY: 'short-secret' }, ['security.W009']),
  base('SECRET_KEY django-insecure-', { SECRET_KEY: `django-insecure-${STRONG_KEY}` }, ['security.W009']),
  base('SECRET_KEY 4 distinct characters', { SECRET_KEY: 'abcd'.repeat(13) }, ['security.W009']),
  base('SECRET_KEY 49 characters', { SECRET_KEY: STRONG_KEY.slice(0, 49) }, ['security.W009']),
  base('SECRET_KEY exactly 50 characters, 5 distinct', { SECRET_KEY: 'abcde'.repeat(10) }, []),
  base('SECRET_KEY strong from env', { SECRET_KEY: STRONG_KEY }, []),
  base('ALLOWED_HOSTS empty', { ALLOWED_HOSTS: '' }, ['security.W020']),
  base('ALLOWED_HOSTS only commas', { ALLOWED_HOSTS: ',,' }, ['security.W020']),
  base('ALLOWED_HOSTS wildcard (Django accepts it)', { ALLOWED_HOSTS: '*' }, []),
  base('HSTS 0', { SECURE_HSTS_SECONDS: '0' }, ['security.W004']),
  base(
    'HSTS 0 hides the subdomain and preload checks',
    { SECURE_HSTS_SECONDS: '0', SECURE_HSTS_INCLUDE_SUBDOMAINS: 'false', SECURE_HSTS_PRELOAD: 'false' },
    ['security.W004'],
  ),
  base('HSTS without subdomains', { SECURE_HSTS_INCLUDE_SUBDOMAINS: 'false' }, ['security.W005']),
  base('HSTS without preload', { SECURE_HSTS_PRELOAD: 'no' }, ['security.W021']),
  base('HSTS 60 seconds (any value passes)', { SECURE_HSTS_SECONDS: '60' }, []),
  base('nosniff off', { SECURE_CONTENT_TYPE_NOSNIFF: 'False' }, ['security.W006']),
  base('SSL redirect off', { SECURE_SSL_REDIRECT: '0' }, ['security.W008']),
  base('X_FRAME_OPTIONS SAMEORIGIN', { X_FRAME_OPTIONS: 'SAMEORIGIN' }, ['security.W019']),
  base('X_FRAME_OPTIONS lower-case deny', { X_FRAME_OPTIONS: 'deny' }, ['security.W019']),
  base('session cookie not secure', { SESSION_COOKIE_SECURE: 'false' }, ['security.W012']),
  base('session cookie not HttpOnly', { SESSION_COOKIE_HTTPONLY: 'false' }, ['security.W015']),
  base('CSRF cookie not secure', { CSRF_COOKIE_SECURE: 'false' }, ['security.W016']),
  base('CSRF token in the session', { CSRF_COOKIE_SECURE: 'false', CSRF_USE_SESSIONS: 'true' }, []),
  base('referrer policy with an invalid part', { SECURE_REFERRER_POLICY: 'same-origin,bogus' }, ['security.E023']),
  base('referrer policy in the wrong case', { SECURE_REFERRER_POLICY: 'Same-Origin' }, ['security.E023']),
  base(
    'referrer policy list, all valid',
    { SECURE_REFERRER_POLICY: 'no-referrer, strict-origin-when-cross-origin' },
    [],
  ),
  base('DJANGO_ALLOW_ASYNC_UNSAFE set', { DJANGO_ALLOW_ASYNC_UNSAFE: 'true' }, ['async.E001']),
  base('DJANGO_ALLOW_ASYNC_UNSAFE empty', { DJANGO_ALLOW_ASYNC_UNSAFE: '' }, []),
  base('DEBUG silenced', { DEBUG: 'True', SILENCED_SYSTEM_CHECKS: 'security.W018' }, []),
  base('another id silenced', { DEBUG: 'True', SILENCED_SYSTEM_CHECKS: 'security.W004' }, ['security.W018']),
  base(
    'startproject-like values from the environment',
    {
      DEBUG: '1',
      SECRET_KEY: 'dev',
      ALLOWED_HOSTS: '',
      SECURE_HSTS_SECONDS: '0',
      SECURE_SSL_REDIRECT: 'false',
      SESSION_COOKIE_SECURE: 'false',
      CSRF_COOKIE_SECURE: 'false',
    },
    ['security.W004', 'security.W008', 'security.W009', 'security.W012', 'security.W016', 'security.W018', 'security.W020'],
  ),

  // oracle-base, literal settings modules
  literal('no SecurityMiddleware', 'no_security_middleware', {}, ['security.W001']),
  literal(
    'no SecurityMiddleware hides the HSTS, SSL, nosniff and referrer checks',
    'no_security_middleware',
    {
      SECURE_HSTS_SECONDS: '0',
      SECURE_SSL_REDIRECT: 'false',
      SECURE_CONTENT_TYPE_NOSNIFF: 'false',
      SECURE_REFERRER_POLICY: 'bogus',
    },
    ['security.W001'],
  ),
  literal('no XFrameOptionsMiddleware', 'no_clickjacking_middleware', { X_FRAME_OPTIONS: 'SAMEORIGIN' }, ['security.W002']),
  literal('no CsrfViewMiddleware', 'no_csrf_middleware', { CSRF_COOKIE_SECURE: 'false' }, ['security.W003']),
  literal('sessions app only, secure cookies', 'sessions_app_only', {}, []),
  literal('sessions app only, insecure cookies', 'sessions_app_only', INSECURE_SESSION_COOKIES, [
    'security.W010',
    'security.W013',
  ]),
  literal('SessionMiddleware only, insecure cookies', 'sessions_middleware_only', INSECURE_SESSION_COOKIES, [
    'security.W011',
    'security.W014',
  ]),
  base('sessions app and middleware, insecure cookies', INSECURE_SESSION_COOKIES, ['security.W012', 'security.W015']),
  literal('referrer policy None', 'referrer_policy_none', {}, ['security.W022']),
  literal('file cache inside MEDIA_ROOT', 'cache_in_media', {}, ['caches.W002']),
  literal('startproject values, some silenced', 'startproject_silenced', {}, [
    'security.W009',
    'security.W012',
    'security.W016',
    'security.W020',
  ]),

  // the realistic fixtures, under the production environment their own files describe
  {
    name: 'startproject as generated',
    fixture: 'startproject',
    settings: 'mysite.settings',
    expected: ['security.W004', 'security.W008', 'security.W009', 'security.W012', 'security.W016', 'security.W018', 'security.W020'],
  },
  {
    name: 'hardened on Heroku',
    fixture: 'hardened',
    settings: 'shop.settings',
    fixtureEnv: { WEB_CONCURRENCY: '3' },
    platformEnv: { SECRET_KEY: STRONG_KEY, DATABASE_URL: 'postgres://shop:generated@ec2-0-0-0-0.example.com:5432/d1' },
    expected: [],
  },
  {
    name: 'split-environ production',
    fixture: 'split-environ',
    settings: 'config.settings.production',
    fixtureEnv: {
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONUNBUFFERED: '1',
      DJANGO_SETTINGS_MODULE: 'config.settings.production',
    },
    fixtureEnvFiles: ['.env.production'],
    expected: ['security.W008', 'security.W021'],
  },
  {
    name: 'decouple: DEBUG and SECRET_KEY fall back to their defaults',
    fixture: 'decouple',
    settings: 'blog.settings',
    fixtureEnv: { ALLOWED_HOSTS: 'decouple-blog.fly.dev', PORT: '8000' },
    expected: ['security.W004', 'security.W009', 'security.W012', 'security.W016', 'security.W018'],
  },
  {
    name: 'decouple with DEBUG and SECRET_KEY set',
    fixture: 'decouple',
    settings: 'blog.settings',
    fixtureEnv: { ALLOWED_HOSTS: 'decouple-blog.fly.dev', PORT: '8000' },
    set: { DEBUG: 'off', SECRET_KEY: STRONG_KEY },
    expected: ['security.W004'],
  },
  {
    name: 'dj-database-url falling back to SQLite',
    fixture: 'dburl-sqlite',
    settings: 'notes.settings',
    fixtureEnv: { DJANGO_ALLOWED_HOSTS: 'notes-app.herokuapp.com' },
    platformEnv: { DJANGO_SECRET_KEY: STRONG_KEY },
    expected: ['security.W005', 'security.W021'],
  },
  {
    name: "an empty split(',') still passes W020",
    fixture: 'dburl-sqlite',
    settings: 'notes.settings',
    fixtureEnv: { DJANGO_ALLOWED_HOSTS: 'notes-app.herokuapp.com' },
    platformEnv: { DJANGO_SECRET_KEY: STRONG_KEY },
    set: { DJANGO_ALLOWED_HOSTS: '', DJANGO_DEBUG: '1' },
    expected: ['security.W005', 'security.W018', 'security.W021'],
  },
  {
    name: 'star-import cycle, entered at a',
    fixture: 'broken',
    settings: 'cycle.a',
    expected: ['security.W004', 'security.W009', 'security.W016'],
  },
  {
    name: 'star-import cycle, entered at b',
    fixture: 'broken',
    settings: 'cycle.b',
    expected: ['security.W004', 'security.W009', 'security.W016', 'security.W018'],
  },
];
