import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/frameworks.js';
import { evaluateConfigModule } from '../../src/js/program.js';
import { prop } from '../../src/js/values.js';
import { unwrapConfig } from '../../src/node/config-wrappers.js';
import { defineRule } from '../../src/node/define-rule.js';
import type { NodeProject } from '../../src/node/types.js';
import type { RuleDefinition } from '../../src/engine/types.js';
import { makeProject } from '../helpers/project.js';
import { workspaceOf } from '../helpers/workspace.js';
import { pkg } from './helpers.js';

const NO_ENV = { env: () => ({ set: false }) };

function exported(code: string) {
  const { exports, program } = evaluateConfigModule(workspaceOf({ 'next.config.js': code }), 'next.config.js', NO_ENV);
  return unwrapConfig(program, exports.get('default')!);
}

describe('a config exported through plugin wrappers', () => {
  it('is the object the wrappers wrap, through nested wrappers and a wrapper with options', () => {
    const intl = exported("const config = { poweredByHeader: false };\nconst withNextIntl = require('next-intl/plugin')('./src/i18n.ts');\nmodule.exports = withNextIntl(config);\n");
    expect(prop(intl, 'poweredByHeader')).toMatchObject({ kind: 'boolean', value: false });
    const nested = exported("const withBundleAnalyzer = require('@next/bundle-analyzer')({ enabled: false });\nconst withPWA = require('next-pwa')({ dest: 'public' });\nconst { withSentryConfig } = require('@sentry/nextjs');\nmodule.exports = withSentryConfig(withBundleAnalyzer(withPWA({ productionBrowserSourceMaps: true })), { silent: true });\n");
    expect(prop(nested, 'productionBrowserSourceMaps')).toMatchObject({ kind: 'boolean', value: true });
    expect(prop(nested, 'enabled')).toBeUndefined();
  });

  it('a plain config, and a package call without a config argument, stay as they are', () => {
    expect(exported('module.exports = { reactStrictMode: true };\n')).toMatchObject({ kind: 'object' });
    expect(exported("const make = require('config-maker');\nmodule.exports = make('strict');\n")).toMatchObject({ kind: 'instance' });
  });

  it("the project's nextConfig is the wrapped object", async () => {
    const seen: NodeProject[] = [];
    const probe = defineRule({ id: 'test/probe', title: 'probe', severity: 'low', docs: { why: '', fix: '' }, check: ({ project }) => void seen.push(project) }) as RuleDefinition;
    const root = makeProject({
      'package.json': pkg({ dependencies: { next: '14', 'next-intl': '3' }, scripts: { start: 'next start' } }),
      'next.config.mjs': "import createNextIntlPlugin from 'next-intl/plugin';\nconst withNextIntl = createNextIntlPlugin();\nexport default withNextIntl({ poweredByHeader: false });\n",
    });
    await runCheck({ root, rules: [probe] });
    expect(prop(seen[0]!.nextConfig!.value, 'poweredByHeader')).toMatchObject({ value: false });
  });
});
