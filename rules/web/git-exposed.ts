/** web/git-exposed — the .git directory is served. */
import { defineScanRule, isSuccess, PROBE, responseOf } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/git-exposed',
  title: 'The .git directory is publicly readable',
  severity: 'high',
  docs: {
    why:
      'With /.git/ served, tools rebuild the whole repository from its objects: all source code and its history, ' +
      'including secrets that were committed once and later removed.',
    fix: 'Deploy a build without .git, or deny dotfiles in the web server (nginx `location ~ /\\. { deny all; }`).',
    refs: ['https://git-scm.com/docs/gitrepository-layout'],
  },
  check(ctx) {
    const response = responseOf(ctx.scan, PROBE.git);
    if (!isSuccess(response)) return;
    const head = response.body.trim();
    if (!/^ref: refs\/[\w./-]+$/.test(head) && !/^[0-9a-f]{40}$/.test(head)) return;
    ctx.report({ message: '/.git/HEAD is served: the repository can be downloaded', location: { url: response.url }, evidence: head.slice(0, 80), snippet: '.git' });
  },
});
