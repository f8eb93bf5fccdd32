/** The forms a DEBUG read takes, judged by django/debug-default-true and django/debug. */
import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const project = (line: string, extra: Files = {}): Files =>
  settingsFiles(`import os\nimport environ\nfrom decouple import config\nenv = environ.Env()\n${line}\n`, extra);
/** Heroku's app.json makes the platform set DEBUG with a value not known here. */
const PLATFORM_SETS_DEBUG = {
  'Procfile': 'web: gunicorn mysite.wsgi\n',
  'app.json': JSON.stringify({ env: { DEBUG: { generator: 'secret' } } }),
};
const DEBUG_OFF = { DEBUG: 'false' };

const FAIL_OPEN = [
  "DEBUG = os.getenv('DEBUG', 'True').lower() == 'true'",
  "DEBUG = os.environ.get('DEBUG', 'True') == 'True'",
  "DEBUG = os.environ.get('DEBUG', 'on').lower() in ('1', 'true', 'on')",
  "DEBUG = str(os.environ.get('DEBUG', True)) == 'True'",
  "DEBUG = int(os.environ.get('DEBUG', 1))",
];
const FAIL_CLOSED = [
  "DEBUG = os.getenv('DEBUG', 'False').lower() == 'true'",
  "DEBUG = os.environ.get('DEBUG', '') in ('1', 'true')",
  "DEBUG = int(os.environ.get('DEBUG', 0))",
  "DEBUG = env.bool('DEBUG', default=False)",
];
/** DEBUG off now, but setting the variable to 'False' would turn it on. */
const FALSE_TURNS_ON = ["DEBUG = bool(os.environ.get('DEBUG', 0))", "DEBUG = os.environ.get('DEBUG', '')", "DEBUG = env('DEBUG', default='')"];
const COMPARISONS_AND_FLAGS = [
  "DEBUG = os.environ.get('APP_ENV') != 'production'",
  "DEBUG = os.environ.get('DEBUG', '') == '1'",
  "DEBUG = env.bool('DEBUG', default=False)",
  "DEBUG = config('DEBUG', default=False, cast=bool)",
];
const KEPT_AS_STRING = ["DEBUG = env('DEBUG')", "DEBUG = config('DEBUG')"];
const PARSED_FLAGS = ["DEBUG = env.bool('DEBUG')", "DEBUG = config('DEBUG', cast=bool)", "DEBUG = os.environ['DEBUG'] == '1'", "DEBUG = bool(int(os.environ.get('DEBUG', 0)))"];
const UNSET_FAIL_OPEN = "DEBUG = os.getenv('DEBUG', 'True').lower() == 'true'";

ruleTester('django/debug-default-true', {
  valid: [
    ...FAIL_CLOSED.map((line) => ({ name: `a default that stays off: ${line}`, files: project(line), set: DEBUG_OFF })),
    { name: "decouple's own .env is not the value when unset", files: project("DEBUG = config('DEBUG', default=False, cast=bool)", { '.env': 'DEBUG=True\n' }) },
    { name: 'the unset case is left to django/debug', files: project(UNSET_FAIL_OPEN) },
    ...COMPARISONS_AND_FLAGS.map((line) => ({ name: `a comparison or a parsed flag: ${line}`, files: project(line), set: { APP_ENV: 'production' } })),
  ],
  invalid: [
    ...FAIL_OPEN.map((line) => ({
      name: `production sets DEBUG off: ${line}`,
      files: project(line),
      set: DEBUG_OFF,
      findings: [{ message: 'when DEBUG is unset', confidence: 'certain' as const }],
    })),
    {
      name: 'names what the default becomes through the expression',
      files: project("DEBUG = os.getenv('DEBUG', 'yes').lower() == 'yes'"),
      set: { DEBUG: 'no' },
      findings: [{ message: "defaults to 'yes', which makes DEBUG True" }],
    },
    {
      name: 'the platform sets DEBUG with a value not known here',
      files: project("DEBUG = os.getenv('DEBUG', 'True').lower() == 'true'", PLATFORM_SETS_DEBUG),
      findings: [{}],
    },
    ...FALSE_TURNS_ON.map((line) => ({
      name: `DEBUG off now but 'False' would turn it on, the variable unset: ${line}`,
      files: project(line),
      findings: [{ message: "setting DEBUG to 'False' or '0' would turn it on" }],
    })),
  ],
});

ruleTester('django/debug', {
  valid: [
    ...FALSE_TURNS_ON.map((line) => ({ name: `off while unset, left to django/debug-default-true: ${line}`, files: project(line) })),
    ...PARSED_FLAGS.flatMap((line) => [
      { name: `a parsed flag the platform sets: ${line}`, files: project(line, PLATFORM_SETS_DEBUG) },
      { name: `a parsed flag set to '0': ${line}`, files: project(line), set: { DEBUG: '0' } },
    ]),
  ],
  invalid: [
    {
      name: 'an unset fail-open default, with confidence default',
      files: project(UNSET_FAIL_OPEN),
      findings: [{ confidence: 'default' }],
    },
    {
      name: "bool() of '0' is on, explaining the truthiness and the fix",
      files: project("DEBUG = bool(os.environ.get('DEBUG', 0))"),
      set: { DEBUG: '0' },
      findings: [{ confidence: 'certain', message: ['non-empty string is true', 'env.bool'] }],
    },
    ...KEPT_AS_STRING.flatMap((line) => [
      {
        // No default: the app cannot start without it, so the platform sets it (value not known).
        name: `${line} when production's value is not known: 'False' would be on too`,
        files: project(line),
        findings: [{ message: ["'False' and '0' are non-empty strings", 'cast=bool'] }],
      },
      {
        name: `${line} set to 'False', with the fix`,
        files: project(line),
        set: { DEBUG: 'False' },
        findings: [{ message: ["the string 'False'", 'cast=bool'] }],
      },
    ]),
  ],
});
