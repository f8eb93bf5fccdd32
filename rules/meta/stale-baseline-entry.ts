/** meta/stale-baseline-entry — created by the policy step (src/engine/baseline.ts), not from project facts. */
import { definePolicyRule } from '../../src/api/workspace.js';

export default definePolicyRule({
  id: 'meta/stale-baseline-entry',
  title: 'Baseline entry matches no finding',
  severity: 'info',
  docs: {
    why:
      'The baseline lists findings that existed when it was written, so that CI fails only on new ones. An entry ' +
      'that matches no current finding means the problem was fixed (or its file was moved). Kept, the entry ' +
      'would hide the same problem if it were reintroduced. It costs no grade points: fixing a problem should not ' +
      'lower the grade, but the baseline should shrink with it.',
    fix:
      'Regenerate the baseline so it lists only what still occurs, and commit it:\n\n' +
      'deploycheck baseline . --output .deploycheck-baseline.json',
  },
});
