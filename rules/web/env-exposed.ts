/** web/env-exposed — /.env is downloadable. */
import { defineScanRule, isSuccess, PROBE, responseOf } from '../../src/api/web.js';

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/gm;

export default defineScanRule({
  id: 'web/env-exposed',
  title: 'The .env file is publicly readable',
  severity: 'critical',
  cap: { grade: 'F', reason: 'the .env file is served: every secret in it is public and must be rotated' },
  docs: {
    why:
      'A .env file usually holds SECRET_KEY, the database URL with its password, and API keys. Served over HTTP, it ' +
      'hands all of them to anyone who asks, and bots ask for /.env constantly. Treat every value in it as leaked; ' +
      'this caps the grade at F.',
    fix:
      'Never serve the project directory: point the web server’s root at STATIC_ROOT (Django) or the public/build ' +
      'folder (Node: `express.static("public")`, never the project root) only, deny dotfiles ' +
      '(nginx `location ~ /\\. { deny all; }`), then rotate every secret the file contained.',
    refs: ['https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key'],
  },
  check(ctx) {
    const response = responseOf(ctx.scan, PROBE.env);
    if (!isSuccess(response) || /<html|<body/i.test(response.body)) return;
    const names = [...response.body.matchAll(ASSIGNMENT)].map((match) => match[1]!);
    if (!names.length) return;
    ctx.report({
      message: `/.env is served (${names.length} variable${names.length === 1 ? '' : 's'}): every secret in it must be rotated`,
      location: { url: response.url },
      // Names only: the values are secrets.
      evidence: names.slice(0, 8).join(', ') + (names.length > 8 ? ', …' : ''),
      about: '.env',
    });
  },
});
