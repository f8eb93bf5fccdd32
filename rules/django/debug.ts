/** django/debug — mirrors `security.W018`. */
import { defineRule } from '../../src/engine/types.js';
import type { Environment } from '../../src/env/types.js';
import { envReadsOf, pyRepr, truthy } from '../../src/python/value.js';
import type { PyValue } from '../../src/python/value.js';
import { settingReport } from '../../src/django/setting-helpers.js';

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
  return reasons.length ? ` (${reasons.join('; ')})` : '';
}

export default defineRule({
  id: 'django/debug',
  title: 'DEBUG is on',
  severity: 'critical',
  django: 'security.W018',
  facts: ['settings', 'env'],
  docs: {
    why:
      'With DEBUG on, any error shows a page with source code, local variables, the full settings (only partly ' +
      'redacted), installed apps and every URL pattern, to whoever triggers it. Django also keeps every SQL query in ' +
      'memory and serves 404s with the URLconf listing. A DEBUG read from the environment must fail closed: if the ' +
      'variable is missing in production, the code default decides, so that default has to be False.',
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
    if (truthy(value) !== true) return;
    const environment = ctx.project.environment;
    ctx.report({
      ...settingReport(settings, 'DEBUG', value),
      message: `DEBUG is ${value.kind === 'bool' ? 'True' : 'truthy'} in ${environment.name}${explain(value, environment)}`,
    });
  },
});
