/**
 * django/debug-default-true — DEBUG is read from the environment in a way that fails open.
 *
 * Division of labour with django/debug: when production leaves the variable unset and DEBUG is
 * therefore on, django/debug already reports it (confidence `default`, naming the variable and the
 * code default), so this rule stays quiet. It reports the pattern when production sets the
 * variable: the code still defaults to True (one missing variable away from DEBUG in production),
 * or it misreads the value production sets ('False' taken as a true, non-empty string).
 */
import type { EnvRead, PyValue } from '../../src/api/django.js';
import { defineRule, envReadsOf, pyRepr, readsOffAsOn, settingReport, truthy } from '../../src/api/django.js';

/** Values a person writes to mean "off". */
const OFF_WORDS = new Set(['false', '0', 'no', 'n', 'off', 'f', '']);
/** python-decouple's strtobool true values (the default goes through the cast). */
const DECOUPLE_TRUE = new Set(['y', 'yes', 't', 'true', 'on', '1']);

function bareLiteral(text: string): { kind: 'bool' | 'none' | 'number' | 'str'; truthy: boolean; text: string } | undefined {
  const trimmed = text.trim();
  if (trimmed === 'True' || trimmed === 'False') return { kind: 'bool', truthy: trimmed === 'True', text: trimmed };
  if (trimmed === 'None') return { kind: 'none', truthy: false, text: trimmed };
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return { kind: 'number', truthy: Number(trimmed) !== 0, text: trimmed };
  const quoted = /^[rRuU]?(['"])(.*)\1$/s.exec(trimmed);
  if (quoted) return { kind: 'str', truthy: quoted[2] !== '', text: quoted[2]! };
  return undefined;
}

/** Whether the read's value becomes DEBUG as is (possibly through a bool cast), so its default decides DEBUG. */
function isDirect(read: EnvRead, value: PyValue): boolean {
  if (read.cast === 'bool' || read.reader.endsWith('BooleanValue')) return true;
  // An uncast stdlib/environ read: DEBUG is the string itself, not a comparison built from it.
  return read.cast === undefined && value.kind === 'str';
}

/** Whether the code's default for this read makes DEBUG true, following each library's rules. */
function defaultMakesDebugTrue(read: EnvRead, value: PyValue): boolean {
  // The evaluator's answer for the whole expression with the variable unset (derived forms included).
  if (value.ifUnset) return value.ifUnset.names.includes(read.name) && truthy(value.ifUnset.value) === true;
  if (read.defaultText === undefined || !isDirect(read, value)) return false;
  const literal = bareLiteral(read.defaultText);
  if (!literal) return false;
  // decouple casts the default too; django-environ and os.environ return a string default raw.
  if (literal.kind === 'str' && read.reader.startsWith('decouple') && read.cast === 'bool') return DECOUPLE_TRUE.has(literal.text.toLowerCase());
  return literal.truthy;
}

/** How the default turns DEBUG on, when it is not the default itself. */
function derivation(read: EnvRead, value: PyValue): string {
  const unset = value.ifUnset?.value;
  if (!unset || isDirect(read, value) || pyRepr(unset) === read.defaultText) return /^[rRuU]?['"]/.test(read.defaultText ?? '') ? ' (a non-empty string, which Python treats as true)' : '';
  return `, which makes DEBUG ${pyRepr(unset)}`;
}

export default defineRule({
  id: 'django/debug-default-true',
  title: 'DEBUG fails open when its variable is missing or misread',
  severity: 'medium',
  docs: {
    why:
      'DEBUG read from the environment must fail closed. os.getenv("DEBUG", True), env.bool("DEBUG", default=True), ' +
      'config("DEBUG", default=True, cast=bool), os.getenv("DEBUG", "True").lower() == "true" and ' +
      'django-configurations\' values.BooleanValue(True) all turn DEBUG on ' +
      'as soon as the variable is missing: a renamed variable, a new platform or a forgotten secret is enough to show ' +
      'tracebacks and settings to the world. The other trap is using the raw string: bool(os.getenv("DEBUG")) or ' +
      'os.environ.get("DEBUG", "False") are true for "False", "0" and "no", because any non-empty string is true in ' +
      'Python. When production leaves the variable unset and DEBUG is on, django/debug reports it; this rule reports ' +
      'the pattern while production still happens to set the variable.',
    fix:
      'Default to off and parse the value:\n\n' +
      'DEBUG = env.bool("DJANGO_DEBUG", default=False)\n' +
      '# stdlib: DEBUG = os.environ.get("DJANGO_DEBUG", "").lower() in ("1", "true", "yes")\n' +
      '# decouple: DEBUG = config("DJANGO_DEBUG", default=False, cast=bool)',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#debug',
      'https://django-environ.readthedocs.io/en/latest/types.html#environ-env-bool',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const value = settings.get('DEBUG');
    // Undefined when production sets the variable to a value not known here: the default still matters.
    const on = truthy(value);
    const base = settingReport(settings, 'DEBUG', value);
    // DEBUG is off now, but the code reads an "off" word as on: the day production writes DEBUG=False, it is on.
    if (on === false && readsOffAsOn(value)) {
      const names = value.ifOff!.names.join(', ');
      ctx.report({
        ...base,
        message:
          `DEBUG is off in ${ctx.project.environment.name} now, but setting ${names} to 'False' or '0' would turn it on: ` +
          'the code keeps a non-empty string (or bool() of it), which Python treats as true; parse the value as a boolean',
        snippet: `DEBUG misreads ${names}`,
      });
      return;
    }
    for (const read of envReadsOf(value)) {
      // Unset: the default is what DEBUG is now, and django/debug reports it if it is on.
      if (!read.set) continue;
      const shown = ctx.project.environment.get(read.name)?.value;
      if (on && shown !== undefined && OFF_WORDS.has(shown.trim().toLowerCase())) {
        ctx.report({
          ...base,
          message: `${read.name} is '${shown}' in ${ctx.project.environment.name}, yet DEBUG is on: the code treats the non-empty string as true`,
          snippet: `DEBUG misreads ${read.name}`,
        });
      } else if (defaultMakesDebugTrue(read, value)) {
        ctx.report({
          ...base,
          message:
            `DEBUG defaults to ${read.defaultText}${derivation(read, value)} ` +
            `when ${read.name} is unset: production sets it now, but a missing variable turns DEBUG on`,
          snippet: `DEBUG defaults on via ${read.name}`,
        });
      }
    }
  },
});
