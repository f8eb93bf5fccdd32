/** secrets/in-history — a secret was removed from the code but is still in the git history (`check --history`). */
import type { SecretHit, Severity } from '../../src/api/workspace.js';
import { defineWorkspaceRule, directoryOf, groupByFile, groupByValue, workspaceSecrets } from '../../src/api/workspace.js';

export default defineWorkspaceRule({
  id: 'secrets/in-history',
  title: 'A secret is still in the git history',
  severity: 'high',
  docs: {
    why:
      'Deleting a secret from the current files does not remove it from the repository: every clone has the old ' +
      'commits, and `git log -p` shows the value. Anyone who can read the repository can still use the credential ' +
      'until it is rotated. This rule runs with `deploycheck check --history`, which reads every blob reachable ' +
      'from any branch or tag once, and names the commit that introduced each secret. Secrets still present in the ' +
      'current files are reported by secrets/known-format, secrets/high-entropy or env/file-committed instead. ' +
      'In tests, fixtures, CI and dev-only files only live provider credentials count, at medium severity. Removed ' +
      'values without a provider format are folded like secrets/high-entropy folds them: one finding per file, or per ' +
      'directory of 10 or more such files.',
    fix:
      'Rotate the credential at the provider: that is the fix. Rewriting history (git filter-repo --replace-text) ' +
      'only helps after rotation and once every clone and fork is replaced.',
    refs: [
      'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository',
    ],
  },
  check(ctx) {
    if (!ctx.history) return;
    const current = new Set<string>();
    for (const hits of workspaceSecrets(ctx.workspace).values()) for (const hit of hits) current.add(hit.secret);
    const removed = ctx.history.secrets.filter((secret) => !current.has(secret.secret));
    // Like the entropy tier in the tree: one finding per file, or per directory of data, not one per value.
    const groups = [
      ...groupByValue(removed.filter((secret) => secret.tier === 'known'), severityOf),
      ...groupByFile(removed.filter((secret) => secret.tier === 'entropy'), severityOf),
    ];
    for (const group of groups) {
      const secret = group.primary;
      const name = secret.name ? ` (${secret.name})` : '';
      const more = group.otherValues ? `; ${group.otherValues} more removed value${group.otherValues === 1 ? '' : 's'} that look${group.otherValues === 1 ? 's' : ''} like secrets ${group.scope === 'directory' ? `in ${group.otherFiles + 1} files of ${directoryOf(secret.path)}` : 'in the same file'}` : '';
      ctx.report({
        message: `A ${secret.label}${name} was committed to ${secret.path} in ${secret.commit.slice(0, 12)} and removed since, but it is still in the history${more}: rotate it`,
        location: secret.location,
        confidence: secret.tier === 'known' ? 'certain' : 'default',
        severity: group.severity,
        secret: secret.secret,
        snippet: `${secret.detector} ${secret.name ?? ''} ${secret.path} ${secret.commit}`,
        related: group.related,
      });
    }
  },
});

function severityOf(secret: SecretHit): Severity {
  return secret.context ? 'medium' : 'high';
}
