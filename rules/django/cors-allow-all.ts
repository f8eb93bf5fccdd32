/** django/cors-allow-all — django-cors-headers lets any (or an untrustworthy) origin read responses. */
import { defineRule } from '../../src/engine/types.js';
import type { Settings } from '../../src/python/types.js';
import type { PyValue } from '../../src/python/value.js';
import { confidenceOf, pyRepr, truthy } from '../../src/python/value.js';
import { settingIncludes, settingReport } from '../../src/django/setting-helpers.js';

const CORS_APP = 'corsheaders';
const CORS_MIDDLEWARE = 'corsheaders.middleware.CorsMiddleware';
/** Origins that no allow-list meant to trust: a regex matching one of them is too broad. */
const FOREIGN_ORIGINS = ['https://attacker.example', 'http://attacker.example'];

/** django-cors-headers reads the new name first and falls back to the old one (`conf.py`). */
function corsSetting(settings: Settings, name: string, oldName: string): { name: string; value: PyValue } | undefined {
  if (settings.has(name)) return { name, value: settings.get(name) };
  if (settings.has(oldName)) return { name: oldName, value: settings.get(oldName) };
  return undefined;
}

/** Python `re.match` of a pattern against text, when JavaScript can compile the pattern. */
function regexMatches(pattern: string, text: string): boolean | undefined {
  try {
    return new RegExp(`^(?:${pattern})`).test(text);
  } catch {
    return undefined;
  }
}

export default defineRule({
  id: 'django/cors-allow-all',
  title: 'CORS allows any origin',
  severity: 'high',
  facts: ['settings'],
  docs: {
    why:
      'django-cors-headers decides which other sites may read your responses from a browser. CORS_ALLOW_ALL_ORIGINS ' +
      '(formerly CORS_ORIGIN_ALLOW_ALL) lets every site do it; combined with CORS_ALLOW_CREDENTIALS the middleware ' +
      'echoes the caller\'s Origin and allows credentials, so any page a logged-in user visits can read their data ' +
      'through your API with their cookies: that is critical. The string "null" in the allow-list is the origin of ' +
      'sandboxed iframes and local files, which any attacker can produce; http:// origins can be impersonated on the ' +
      'network; a regex such as ".*" matches foreign sites.',
    fix:
      'List the exact origins that need access:\n\n' +
      'CORS_ALLOWED_ORIGINS = ["https://app.example.com"]\n' +
      'CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://\\w+\\.example\\.com$"]\nCORS_ALLOW_CREDENTIALS = True  # only with an exact list',
    refs: ['https://github.com/adamchainz/django-cors-headers#configuration', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    if (settingIncludes(settings, 'INSTALLED_APPS', CORS_APP) !== true && settingIncludes(settings, 'MIDDLEWARE', CORS_MIDDLEWARE) !== true) return;
    const credentialsValue = settings.has('CORS_ALLOW_CREDENTIALS') ? settings.get('CORS_ALLOW_CREDENTIALS') : undefined;
    const credentials = credentialsValue !== undefined && truthy(credentialsValue) === true;
    const withCredentials = credentials ? ' with CORS_ALLOW_CREDENTIALS on, so any site can read responses made with the user\'s cookies' : '';

    const allowAll = corsSetting(settings, 'CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL');
    if (allowAll && truthy(allowAll.value) === true) {
      ctx.report({
        ...settingReport(settings, allowAll.name, allowAll.value, ...(credentials ? [credentialsValue!] : [])),
        severity: credentials ? 'critical' : 'high',
        message: `${allowAll.name} is on: every origin may read responses${withCredentials}`,
        snippet: `${allowAll.name} on`,
      });
      return;
    }

    const severity = credentials ? 'critical' : 'high';
    const origins = corsSetting(settings, 'CORS_ALLOWED_ORIGINS', 'CORS_ORIGIN_WHITELIST');
    if (origins && (origins.value.kind === 'list' || origins.value.kind === 'tuple' || origins.value.kind === 'set')) {
      const base = settingReport(settings, origins.name, origins.value);
      for (const item of origins.value.items) {
        if (item.kind !== 'str') continue;
        const at = { ...base, location: item.loc ?? base.location, snippet: `${origins.name} ${item.value}` };
        if (confidenceOf(item) === 'default') at.confidence = 'default';
        if (item.value === 'null') {
          ctx.report({ ...at, severity, message: `${origins.name} allows the 'null' origin, which any sandboxed iframe or local file sends${withCredentials}` });
        } else if (/^http:\/\//i.test(item.value)) {
          ctx.report({ ...at, severity: 'medium', message: `${origins.name} allows the plain-HTTP origin ${pyRepr(item)}, which a network attacker can impersonate` });
        }
      }
    }

    const regexes = corsSetting(settings, 'CORS_ALLOWED_ORIGIN_REGEXES', 'CORS_ORIGIN_REGEX_WHITELIST');
    if (regexes && (regexes.value.kind === 'list' || regexes.value.kind === 'tuple' || regexes.value.kind === 'set')) {
      const base = settingReport(settings, regexes.name, regexes.value);
      for (const item of regexes.value.items) {
        if (item.kind !== 'str') continue;
        const foreign = FOREIGN_ORIGINS.find((origin) => regexMatches(item.value, origin) === true);
        if (!foreign) continue;
        ctx.report({
          ...base,
          location: item.loc ?? base.location,
          severity,
          message: `${regexes.name} pattern ${pyRepr(item)} matches any origin (e.g. ${foreign})${withCredentials}`,
          snippet: `${regexes.name} ${item.value}`,
        });
      }
    }
  },
});
