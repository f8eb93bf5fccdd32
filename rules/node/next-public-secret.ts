/** node/next-public-secret — a secret in a variable Next.js inlines into the client bundle. */
import type { FileLocation, JsValue, PublicSecret } from '../../src/api/node.js';
import { defineRule, judgePublicVariable, NEXT_PUBLIC_PREFIX, nextConfigEnv, nextConfigObject, nextPublicReads, nextPublicVariables } from '../../src/api/node.js';

const READ_IN_APP = '(read in the app)';

/** A next.config `env` entry judged by its key, and by the variable it copies (`SECRET: process.env.STRIPE_SECRET`). */
function judgeEnvEntry(key: string, value: JsValue): PublicSecret | undefined {
  const text = value.kind === 'string' ? value.value : undefined;
  const byKey = judgePublicVariable(key, text);
  if (byKey) return byKey;
  for (const read of value.env ?? []) {
    const byRead = judgePublicVariable(read.name, text);
    if (byRead) return { ...byRead, name: key, because: `it copies ${read.name}, whose ${byRead.because.replace(/^its /, '')}` };
  }
  return undefined;
}

export default defineRule({
  id: 'node/next-public-secret',
  title: 'A secret is sent to browsers by Next.js',
  severity: 'high',
  docs: {
    why:
      '`next build` replaces every `process.env.NEXT_PUBLIC_*` reference, and every key of next.config\'s `env` ' +
      'block, with its value in the JavaScript it sends to browsers. A secret there is public: anyone can read it ' +
      'in the page source. Reported for NEXT_PUBLIC_* variables in the env files `next build` loads (.env, ' +
      '.env.production, .env.local), the production environment and the app\'s own reads (`process.env.NEXT_PUBLIC_…` ' +
      'in its source), and for next.config `env` entries, when the ' +
      'name says secret (SECRET, PRIVATE, PASSWORD, TOKEN, CREDENTIAL, a service-role key) or the value has a ' +
      "provider's secret format. Keys built for browsers are not secrets: Mapbox `pk.` tokens, analytics and tag " +
      'ids, Sentry DSNs, publishable, anon and site keys.',
    fix:
      'Keep the secret on the server: drop the NEXT_PUBLIC_ prefix, read it in a route handler, server action or ' +
      'getServerSideProps, and rotate it (it has been published):\n\n' +
      '// .env.production\nSTRIPE_SECRET_KEY=...   # not NEXT_PUBLIC_\n\n' +
      '// app/api/checkout/route.ts\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);',
    refs: [
      'https://nextjs.org/docs/app/guides/environment-variables#bundling-environment-variables-for-the-browser',
      'https://nextjs.org/docs/app/api-reference/config/next-config-js/env',
    ],
  },
  check(ctx) {
    const { project, workspace } = ctx;
    if (!project.frameworks.includes('next')) return;
    const report = (found: PublicSecret, location: FileLocation, where: string, confidence: 'certain' | 'default', alsoReadAt: FileLocation[] = []): void => {
      const exposure =
        where === READ_IN_APP
          ? 'is a client variable: `next build` inlines its value wherever it is read, and any client code that reads it ships it to every visitor'
          : 'is inlined into the client bundle';
      ctx.report({
        message: `${found.name} ${where} ${exposure}, and ${found.because}${where === READ_IN_APP ? '' : ': every visitor can read it'}`,
        location,
        confidence,
        related: alsoReadAt.map((read) => ({ location: read, message: `${found.name} is also read here` })),
        severity: found.knownFormat || found.value !== undefined ? 'high' : 'medium',
        ...(found.value === undefined ? { evidence: found.name } : { secret: found.value }),
        about: found.name,
      });
    };
    const reported = new Set<string>();
    for (const variable of nextPublicVariables(workspace, project.root, project.environment)) {
      const found = judgePublicVariable(variable.name, variable.value);
      if (found) report(found, variable.location, `(${variable.label})`, 'certain');
      // A variable set in a file is judged there, by its value too; the code's reads add nothing.
      reported.add(variable.name);
    }
    // Read by the app but set only in the platform: the name decides.
    for (const variable of nextPublicReads(workspace, project.root)) {
      if (reported.has(variable.name)) continue;
      const found = judgePublicVariable(variable.name, undefined);
      if (found) report(found, variable.location, READ_IN_APP, 'certain', variable.alsoReadAt);
    }
    const nextConfig = project.nextConfig;
    const config = nextConfig && nextConfigObject(nextConfig.value);
    if (!nextConfig || !config) return;
    for (const [key, value] of nextConfigEnv(config)) {
      const found = judgeEnvEntry(key, value);
      const where = key.startsWith(NEXT_PUBLIC_PREFIX) ? `(${nextConfig.file} env)` : `in ${nextConfig.file}'s env block`;
      if (found) report(found, value.loc ?? { file: nextConfig.file, line: 1, column: 1 }, where, value.env?.some((read) => !read.set && read.defaultText !== undefined) ? 'default' : 'certain');
    }
  },
});
