/** meta/suppression-without-reason — created by the policy step (src/engine/suppressions.ts), not from project facts. */
import { definePolicyRule } from '../../src/api/workspace.js';

export default definePolicyRule({
  id: 'meta/suppression-without-reason',
  title: 'Suppression comment gives no reason',
  severity: 'low',
  docs: {
    why:
      'A suppression turns a deployment problem into an accepted risk. Without a reason, the next reader cannot ' +
      'tell a deliberate, reviewed exception from a comment added to make CI pass, and nobody can decide later ' +
      'whether it still holds. The suppression still applies; this finding asks for the missing sentence.',
    fix:
      'Write the reason after the bracket, on the same line:\n\n' +
      '# deploycheck: ignore[django/hsts-missing] HSTS is set by the CDN (see infra/cdn.tf)\n' +
      'SECURE_HSTS_SECONDS = 0',
  },
});
