/** rules/node for Next.js: security headers, browser source maps, secrets in client variables. */
import nextPublicSecret from '../../../rules/node/next-public-secret.js';
import nextSecurityHeaders from '../../../rules/node/next-security-headers-missing.js';
import nextSourceMaps from '../../../rules/node/next-source-maps.js';
import { ruleTester, type Files } from '../../helpers/rule-tester.js';

/** A Next.js app started with `next start` by a Dockerfile, with `config` as next.config.js. */
function nextApp(config: string, extra: Files = {}): Files {
  const packageJson = { name: 'web', private: true, scripts: { build: 'next build', start: 'next start' }, dependencies: { next: '14.2.15', react: '18.3.1' } };
  return {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    Dockerfile: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nUSER node\nCMD ["npm", "start"]\n',
    'next.config.js': config,
    'pages/index.js': 'export default function Home() { return null; }\n',
    ...extra,
  };
}

const ALL_HEADERS = `module.exports = {
  async headers() {
    return [{
      source: '/:path*',
      headers: [
        { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
        { key: 'Content-Security-Policy', value: "default-src 'self'; frame-ancestors 'none'" },
      ],
    }];
  },
};
`;

ruleTester(nextSecurityHeaders, {
  valid: [
    { name: 'HSTS and a CSP with frame-ancestors on every path', files: nextApp(ALL_HEADERS) },
    {
      name: 'on Vercel, HSTS is the platform’s',
      files: nextApp(ALL_HEADERS.replace("{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },\n", ''), { 'vercel.json': '{}\n' }),
    },
    {
      name: 'only the CSP missing: hardening beyond HSTS and framing protection',
      files: nextApp(ALL_HEADERS.replace(/\{ key: 'Content-Security-Policy'.*\n/, "{ key: 'X-Frame-Options', value: 'SAMEORIGIN' },\n")),
    },
    {
      name: 'a CSP set in middleware',
      files: nextApp(ALL_HEADERS.replace(/\{ key: 'Content-Security-Policy'.*\n/, "{ key: 'X-Frame-Options', value: 'DENY' },\n"), {
        'middleware.ts': "export function middleware(request) {\n  const response = NextResponse.next();\n  response.headers.set('Content-Security-Policy', policy);\n  return response;\n}\n",
      }),
    },
  ],
  invalid: [
    {
      name: 'no headers() at all',
      files: nextApp('module.exports = { reactStrictMode: true };\n'),
      findings: [{ at: 'next.config.js:1', severity: 'medium', confidence: 'certain', message: ['Strict-Transport-Security', 'X-Frame-Options', 'Content-Security-Policy', 'next.config.js has no headers()'] }],
    },
    {
      name: 'headers only on one route, and only nosniff on every path',
      files: nextApp(
        "module.exports = {\n  async headers() {\n    return [\n      { source: '/admin/:path*', headers: [{ key: 'X-Frame-Options', value: 'DENY' }] },\n      { source: '/(.*)', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }] },\n    ];\n  },\n};\n",
      ),
      findings: [{ severity: 'medium', message: ['X-Frame-Options', "next.config's headers() sets none of them for every path"] }],
    },
  ],
});

ruleTester(nextSourceMaps, {
  valid: [
    { name: 'source maps off', files: nextApp('module.exports = { productionBrowserSourceMaps: false };\n') },
    { name: 'not set', files: nextApp('module.exports = {};\n') },
  ],
  invalid: [
    {
      name: 'productionBrowserSourceMaps: true',
      files: nextApp('const config = {\n  reactStrictMode: true,\n  productionBrowserSourceMaps: true,\n};\nmodule.exports = config;\n'),
      findings: [{ at: 'next.config.js:3', confidence: 'certain', message: 'productionBrowserSourceMaps: true' }],
    },
  ],
});

const STRIPE_LIVE = `sk_live_${'51Hc4mQ2eZvKYlo2C0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefGHIJKLmnopqrsTUVwxyz012345'}`;

ruleTester(nextPublicSecret, {
  valid: [
    {
      name: 'public values: an API URL, a Mapbox pk. token, an analytics id, a Firebase browser key',
      files: nextApp('module.exports = { env: { BUILD_CHANNEL: "stable" } };\n', {
        '.env.production':
          'NEXT_PUBLIC_API_URL=https://api.example.com\nNEXT_PUBLIC_MAPBOX_TOKEN=pk.eyJ1IjoiZXhhbXBsZSJ9.c2FtcGxl\nNEXT_PUBLIC_GA_MEASUREMENT_ID=G-ABC123\nNEXT_PUBLIC_FIREBASE_API_KEY=AIzaSyD-example0000000000000000000000\n',
      }),
    },
    { name: 'the app reads a public variable', files: nextApp('module.exports = {};\n', { 'lib/api.js': 'export const base = process.env.NEXT_PUBLIC_API_URL;\n' }) },
    { name: 'a secret without the prefix stays on the server', files: nextApp('module.exports = {};\n', { '.env.production': 'STRIPE_SECRET_KEY=rk_prod_Jq7vW2mZ9xR4tL8pK3nB6cY1\n' }) },
  ],
  invalid: [
    {
      name: 'a NEXT_PUBLIC_ secret in an env file next build loads, masked',
      files: nextApp('module.exports = {};\n', { '.env': 'NEXT_PUBLIC_API_URL=https://api.example.com\nNEXT_PUBLIC_ADMIN_PASSWORD=Tr0ub4dor-and-3\n' }),
      findings: [{ at: '.env:2', severity: 'high', message: ['NEXT_PUBLIC_ADMIN_PASSWORD', 'its name says PASSWORD'] }],
      hidden: ['Tr0ub4dor-and-3'],
    },
    {
      name: 'the app reads a NEXT_PUBLIC_ variable whose name says secret, set only in the platform',
      files: nextApp('module.exports = {};\n', { 'utils/token.js': "import jwt from 'jsonwebtoken';\nexport const sign = (id) => jwt.sign({ id }, process.env.NEXT_PUBLIC_ACCESS_TOKEN_SECRET);\n" }),
      findings: [{ at: 'utils/token.js:2', severity: 'medium', message: ['NEXT_PUBLIC_ACCESS_TOKEN_SECRET (read in the app)', 'its name says TOKEN'] }],
    },
    {
      name: 'a provider secret whatever the name, and a secret variable copied into next.config env',
      files: nextApp('module.exports = {\n  env: {\n    PAYMENTS: process.env.STRIPE_SECRET_KEY,\n  },\n};\n', { '.env.production': `NEXT_PUBLIC_STRIPE=${STRIPE_LIVE}\n` }),
      findings: [
        { at: '.env.production:1', severity: 'high', message: 'Stripe' },
        { at: 'next.config.js:3', message: ['PAYMENTS', 'it copies STRIPE_SECRET_KEY'] },
      ],
      hidden: [STRIPE_LIVE],
    },
  ],
});
