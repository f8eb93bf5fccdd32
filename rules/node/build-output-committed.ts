/** node/build-output-committed — build output (.next/, client source maps) is tracked in git. */
import { committedBuildOutput, defineRule, distIsClientBundle } from '../../src/api/node.js';

export default defineRule({
  id: 'node/build-output-committed',
  title: 'Build output is committed',
  severity: 'medium',
  docs: {
    why:
      'A committed `.next/` folder holds the compiled server and client code, the build id and its cache, with the ' +
      'values of the environment variables inlined at build time; it goes stale with every change, and a deploy ' +
      'may serve it instead of a fresh build. Committed source maps of the client bundles (`*.js.map` in public/, ' +
      'static/, out/, build/, or a front end\'s dist/) publish the original source next to the bundles. Only files ' +
      'git tracks are reported; third-party maps (vendor/, lib/) are left alone.',
    fix:
      'Untrack the output and ignore it:\n\ngit rm -r --cached .next\necho ".next/" >> .gitignore\n\n' +
      'For source maps, build them only for your error tracker (upload, then delete) and ignore *.js.map in the ' +
      'served folders.',
    refs: ['https://nextjs.org/docs/pages/api-reference/config/next-config-js/distDir', 'https://git-scm.com/docs/gitignore'],
  },
  check(ctx) {
    const { project, workspace } = ctx;
    const dependencies = { ...project.packageJson.dependencies, ...project.packageJson.devDependencies };
    for (const output of committedBuildOutput(workspace, project.root, distIsClientBundle(dependencies))) {
      const count = output.files.length;
      const message =
        output.kind === 'next-build'
          ? `${output.folder} (Next.js build output) is tracked in git: ${count} file${count === 1 ? '' : 's'}, e.g. ${output.files[0]}`
          : `${count} source map${count === 1 ? '' : 's'} of the client bundles in ${output.folder} ${count === 1 ? 'is' : 'are'} tracked in git (${output.files[0]}${count > 1 ? ', …' : ''}): the original source is served with them`;
      ctx.report({
        message,
        location: { file: output.files[0]!, line: 1, column: 1 },
        about: `${output.kind} ${output.folder}`,
      });
    }
  },
});
