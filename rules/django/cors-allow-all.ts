/** django/cors-allow-all — django-cors-headers lets any (or an untrustworthy) origin read responses. */
import type { CorsScope, PyValue, Severity } from '../../src/api/django.js';
import { confidenceOf, corsScope, corsSetting, defineRule, isLoopbackOrigin, pyRepr, pythonMatch, settingIncludes, settingReport, truthy } from '../../src/api/django.js';

const CORS_APP = 'corsheaders';
const CORS_MIDDLEWARE = 'corsheaders.middleware.CorsMiddleware';
/** Origins that no allow-list meant to trust: a regex matching one of them is too broad. */
const FOREIGN_ORIGINS = ['https://attacker.example', 'http://attacker.example'];

/** Where the middleware adds its headers, as a phrase after "responses". */
function scopePhrase(scope: CorsScope): string {
  if (scope.kind === 'narrowed') return ` on paths matching CORS_URLS_REGEX ${pyRepr(scope.regex)}`;
  if (scope.kind === 'unknown') return ' on the paths CORS_URLS_REGEX matches';
  return scope.regex ? ` on every page (CORS_URLS_REGEX ${pyRepr(scope.regex)} matches '/')` : ' on every path (CORS_URLS_REGEX is unset)';
}

export default defineRule({
  id: 'django/cors-allow-all',
  title: 'CORS allows any origin',
  severity: 'high',
  docs: {
    why:
      'django-cors-headers decides which other sites may read your responses from a browser. CORS_ALLOW_ALL_ORIGINS ' +
      '(formerly CORS_ORIGIN_ALLOW_ALL) lets every site do it. With CORS_ALLOW_CREDENTIALS the middleware echoes the ' +
      'caller\'s Origin and allows credentials, so any page a logged-in user visits can read their data with their ' +
      'cookies: critical, whatever CORS_URLS_REGEX limits it to, because that is usually the API holding the data. ' +
      'Without credentials it answers `Access-Control-Allow-Origin: *` and browsers send no cookies, so other sites ' +
      'read only what needs no login; that is a normal public API when CORS_URLS_REGEX keeps it to the API (not ' +
      'reported), and medium when it covers every page (anything reachable only from the user\'s network is exposed). ' +
      'The string "null" in the allow-list is the origin of sandboxed iframes and local files, which any attacker can ' +
      'produce; a regex such as ".*" matches foreign sites; both count as any origin. http:// origins can be ' +
      'impersonated on the network.',
    fix:
      'List the exact origins that need access, and keep CORS to the API:\n\n' +
      'CORS_URLS_REGEX = r"^/api/.*$"\n' +
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
    const scope = corsScope(settings);
    // Without credentials browsers send no cookies: limited to an API prefix, that is a public API.
    if (!credentials && scope.kind !== 'site') return;
    const anyOrigin: Severity = credentials ? 'critical' : 'medium';
    const plainHttp: Severity = credentials ? 'medium' : 'low';
    const where = scopePhrase(scope);
    const consequence = credentials
      ? ', with CORS_ALLOW_CREDENTIALS on, so any site can read them with the user\'s cookies'
      : '; CORS_ALLOW_CREDENTIALS is off, so only what needs no login, but that includes anything reachable only from the user\'s network';
    const dependsOn = [credentials ? credentialsValue : undefined, scope.regex].filter((value): value is PyValue => value !== undefined);

    const allowAll = corsSetting(settings, 'CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL');
    if (allowAll && truthy(allowAll.value) === true) {
      ctx.report({
        ...settingReport(settings, allowAll.name, allowAll.value, ...dependsOn),
        severity: anyOrigin,
        message: `${allowAll.name} is on: every origin may read responses${where}${consequence}`,
        snippet: `${allowAll.name} on`,
      });
      return;
    }

    const origins = corsSetting(settings, 'CORS_ALLOWED_ORIGINS', 'CORS_ORIGIN_WHITELIST');
    if (origins && (origins.value.kind === 'list' || origins.value.kind === 'tuple' || origins.value.kind === 'set')) {
      const base = settingReport(settings, origins.name, origins.value, ...dependsOn);
      for (const item of origins.value.items) {
        if (item.kind !== 'str') continue;
        const at = { ...base, location: item.loc ?? base.location, snippet: `${origins.name} ${item.value}` };
        if (confidenceOf(item) === 'default') at.confidence = 'default';
        if (item.value === 'null') {
          ctx.report({ ...at, severity: anyOrigin, message: `${origins.name} allows the 'null' origin, which any sandboxed iframe or local file sends: it may read responses${where}${consequence}` });
        } else if (/^http:\/\//i.test(item.value) && !isLoopbackOrigin(item.value)) {
          ctx.report({ ...at, severity: plainHttp, message: `${origins.name} allows the plain-HTTP origin ${pyRepr(item)}, which a network attacker can impersonate to read responses${where}${consequence}` });
        }
      }
    }

    const regexes = corsSetting(settings, 'CORS_ALLOWED_ORIGIN_REGEXES', 'CORS_ORIGIN_REGEX_WHITELIST');
    if (regexes && (regexes.value.kind === 'list' || regexes.value.kind === 'tuple' || regexes.value.kind === 'set')) {
      const base = settingReport(settings, regexes.name, regexes.value, ...dependsOn);
      for (const item of regexes.value.items) {
        if (item.kind !== 'str') continue;
        const foreign = FOREIGN_ORIGINS.find((origin) => pythonMatch(item.value, origin) === true);
        if (!foreign) continue;
        ctx.report({
          ...base,
          location: item.loc ?? base.location,
          severity: anyOrigin,
          message: `${regexes.name} pattern ${pyRepr(item)} matches any origin (e.g. ${foreign}), which may read responses${where}${consequence}`,
          snippet: `${regexes.name} ${item.value}`,
        });
      }
    }
  },
});
