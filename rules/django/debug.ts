/** django/debug — mirrors `security.W018`. */
import type { Environment, PyValue } from '../../src/api/django.js';
import { defineRule, envReadsOf, pyRepr, readsOffAsOn, settingReport, truthy } from '../../src/api/django.js';

/** Why DEBUG ends up truthy: the env variables behind it, and the "non-empty string" pitfall. */
function explain(value: PyValue, environment: Environment): string {
  const reasons = envReadsOf(value).map((read) => {
    if (!read.set) return `${read.name} is unset${read.defaultText ? ` and the code defaults to ${read.defaultText}` : ''}`;
    const variable = environment.get(read.name);
    const where = read.sourceLabel ?? variable?.source.label;
    const shown = variable?.value === undefined ? 'set' : `'${variable.value}'`;
    return `${read.name} is ${shown}${where ? ` in ${where}` : ''}`;
  });
  if (value.kind === 'str') reasons.push(`DEBUG is the string ${pyRepr(value)}, which Python treats as true`);
  else if (readsOffAsOn(value) && envReadsOf(value).some((read) => OFF_WORDS.has(environment.get(read.name)?.value?.trim().toLowerCase() ?? '-'))) {
    reasons.push('the code turns that text into True: any non-empty string is true in Python');
  }
  return reasons.length ? ` (${reasons.join('; ')})` : '';
}

/** Values a person writes to mean "off". */
const OFF_WORDS = new Set(['false', '0', 'no', 'off']);


const CAST_FIX = "parse it as a boolean: env.bool('DEBUG', default=False), config('DEBUG', default=False, cast=bool) or os.environ.get('DEBUG', '') == '1'";

export default defineRule({
  id: 'django/debug',
  title: 'DEBUG is on',
  severity: 'critical',
  cap: { grade: 'F', reason: 'DEBUG is on in production: error pages show code, settings and local variables' },
  django: 'security.W018',
  docs: {
    why:
      'With DEBUG on, any error shows a page with source code, local variables, the full settings (only partly ' +
      'redacted), installed apps and every URL pattern, to whoever triggers it. Django also keeps every SQL query in ' +
      'memory and serves 404s with the URLconf listing. A DEBUG read from the environment must fail closed: if the ' +
      'variable is missing in production, the code default decides, so that default has to be False. And it must be ' +
      'parsed: env("DEBUG") without a bool cast, config("DEBUG") without cast=bool or bool(os.getenv("DEBUG")) keep ' +
      'a non-empty string, so DEBUG=False and DEBUG=0 turn DEBUG on.',
    fix:
      'Read it from the environment with a safe default:\n\n' +
      'DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"\n' +
      '# django-environ: DEBUG = env.bool("DJANGO_DEBUG", default=False)',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#debug',
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const value = settings.get('DEBUG');
    const environment = ctx.project.environment;
    const on = truthy(value);
    if (on === undefined && readsOffAsOn(value)) {
      // Production's text is not known here, but the code keeps it as a string: 'False' and '0' are on too.
      const names = value.ifOff!.names.join(', ');
      ctx.report({
        ...settingReport(settings, 'DEBUG', value),
        message:
          `DEBUG is on in ${environment.name} whatever ${names} says: the code keeps the variable's text as a string, ` +
          `so 'False' and '0' are non-empty strings, which Python (and Django's "if settings.DEBUG") treat as true; ${CAST_FIX}`,
      });
      return;
    }
    if (on !== true) return;
    const misread = value.kind === 'str' || readsOffAsOn(value);
    ctx.report({
      ...settingReport(settings, 'DEBUG', value),
      message: `DEBUG is ${value.kind === 'bool' ? 'True' : 'truthy'} in ${environment.name}${explain(value, environment)}${misread && envReadsOf(value).length ? `; ${CAST_FIX}` : ''}`,
    });
  },
});
