/** django/allowed-hosts-invalid — ALLOWED_HOSTS entries that can never match a request. */
import { confidenceOf, defineRule, pyRepr, settingReport, versionAtLeast } from '../../src/api/django.js';
import type { PyValue } from '../../src/api/django.js';

/** The variables a str read from the environment comes from, e.g. "the text of DJANGO_ALLOWED_HOSTS, not split". */
function envTextOf(value: PyValue): string {
  const names = [...new Set((value.env ?? []).map((read) => read.name))];
  return names.length ? `the text of ${names.join(', ')}, not split into a list` : 'not split into a list';
}

/** Why Django can never match this entry against a request's host, or undefined when it can. */
function hostEntryProblem(entry: string): string | undefined {
  if (entry !== entry.trim()) return 'has leading or trailing whitespace (Django compares host names exactly)';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) return 'includes a URL scheme (ALLOWED_HOSTS takes host names, not URLs)';
  if (entry.includes('/')) return 'includes a path (ALLOWED_HOSTS takes host names only)';
  if (/^\*\../.test(entry)) {
    return `is a '*.' wildcard, which Django does not support (write '${entry.slice(1)}' to allow the domain and its subdomains)`;
  }
  if (/^\[[^\]]*\]:\d+$/.test(entry) || /^[^:[\]]+:\d+$/.test(entry)) return 'includes a port (Django strips the port from the request host before matching)';
  return undefined;
}

export default defineRule({
  id: 'django/allowed-hosts-invalid',
  title: 'ALLOWED_HOSTS has entries that never match',
  severity: 'medium',
  docs: {
    why:
      'Django matches the request host (lower-cased, port removed) against each ALLOWED_HOSTS entry exactly, or as a ' +
      'domain suffix for entries starting with a dot. An entry with a scheme (https://example.com), a path ' +
      '(example.com/), a port (example.com:8000), a shell-style wildcard (*.example.com: Django\'s subdomain form is ' +
      '.example.com) or surrounding spaces never matches, so real traffic gets 400 Bad ' +
      'Request. Spaces usually come from env.list("ALLOWED_HOSTS") on "a.com, b.com": django-environ does not strip ' +
      'the items. A plain string instead of a list is a classic slip, often `os.environ["ALLOWED_HOSTS"]` without a ' +
      'split (reported even when the value is not known: the environment always gives a string): Django 3.2 iterates ' +
      'it character by character (so "example.com" allows hosts named "e", "x", …); Django 4.0 and later refuse to ' +
      'start. Entries of the code\'s fallback (`config("ALLOWED_HOSTS", default="*.example.com", …)`) are reported at ' +
      'confidence default: they are what production serves with whenever the variable is missing.',
    fix:
      'Use a list of bare host names, with a leading dot for a domain and its subdomains:\n\n' +
      'ALLOWED_HOSTS = ["example.com", ".example.org"]\n' +
      '# from the environment, stripped: [h.strip() for h in os.environ["DJANGO_ALLOWED_HOSTS"].split(",") if h.strip()]\n' +
      '# python-decouple strips for you: config("DJANGO_ALLOWED_HOSTS", cast=Csv())',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const value = settings.get('ALLOWED_HOSTS');
    const report = settingReport(settings, 'ALLOWED_HOSTS', value);
    // A str whose text is unknown (`os.environ['ALLOWED_HOSTS']` without a split) is as wrong as a known one.
    if (value.kind === 'str' || (value.kind === 'unknown' && value.isStr)) {
      const refuses = versionAtLeast(ctx.project.djangoVersion.version, '4.0');
      const shown = value.kind === 'str' ? `the string ${pyRepr(value)}` : `a string (${envTextOf(value)})`;
      ctx.report({
        ...report,
        severity: refuses ? 'high' : 'medium',
        message: refuses
          ? `ALLOWED_HOSTS is ${shown}, not a list: Django ${ctx.project.djangoVersion.version} raises ImproperlyConfigured at startup`
          : `ALLOWED_HOSTS is ${shown}, not a list: Django ${ctx.project.djangoVersion.version} treats each character as a host name`,
        snippet: 'ALLOWED_HOSTS is a string',
      });
      return;
    }
    if (value.kind !== 'list' && value.kind !== 'tuple' && value.kind !== 'set') return;
    for (const item of value.items) {
      if (item.kind !== 'str') continue;
      const problem = hostEntryProblem(item.value);
      // An entry the code falls back to is reported too (confidence `default`): the fallback shows the form the
      // author believes in, and it is what production serves with whenever the variable goes missing.
      if (!problem) continue;
      ctx.report({
        ...report,
        location: item.loc ?? report.location,
        confidence: confidenceOf(item) === 'default' ? 'default' : report.confidence,
        message: `ALLOWED_HOSTS entry ${pyRepr(item)} ${problem}, so no request ever matches it`,
        snippet: `ALLOWED_HOSTS ${item.value}`,
      });
    }
  },
});
