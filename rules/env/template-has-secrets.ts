/** env/template-has-secrets — a .env.example (or .sample, .template) holds real-looking values. */
import { defineWorkspaceRule, isEnvTemplate, workspaceSecrets } from '../../src/api/workspace.js';

export default defineWorkspaceRule({
  id: 'env/template-has-secrets',
  title: 'An env template holds real-looking secrets',
  severity: 'high',
  docs: {
    why:
      'Templates such as .env.example are committed on purpose, to document the variables. They often start as a ' +
      'copy of a working .env, and then carry the real keys into the repository. A template should only hold ' +
      'placeholders; values like changeme, your-secret-key, <token>, ${VAR} or xxxx are recognised and do not fire.',
    fix:
      'Replace each value with a placeholder, and rotate the ones that were real:\n\n' +
      'SECRET_KEY=changeme\nSTRIPE_SECRET_KEY=<your Stripe secret key>\nDATABASE_URL=postgres://user:password@localhost/app',
    refs: ['https://12factor.net/config'],
  },
  check(ctx) {
    for (const [file, hits] of workspaceSecrets(ctx.workspace, ctx.focus, isEnvTemplate)) {
      if (!isEnvTemplate(file)) continue;
      for (const hit of hits) {
        ctx.report({
          message: `${hit.name ?? 'A value'} in the template ${file} looks like a real ${hit.label}, not a placeholder`,
          location: hit.location,
          confidence: hit.tier === 'known' ? 'certain' : 'default',
          secret: hit.secret,
          snippet: `${file} ${hit.name ?? hit.detector}`,
        });
      }
    }
  },
});
