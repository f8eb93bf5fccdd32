import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgePublicVariable, nextPublicReads, nextPublicVariables } from '../../src/node/next-public.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeRepository } from '../helpers/project.js';
import { workspaceOf } from '../helpers/workspace.js';

describe('judgePublicVariable', () => {
  it('reports names that say secret and values in a provider format', () => {
    expect(judgePublicVariable('NEXT_PUBLIC_STRIPE_SECRET_KEY', undefined)).toMatchObject({ because: 'its name says SECRET', knownFormat: false });
    expect(judgePublicVariable('NEXT_PUBLIC_GITHUB_TOKEN', 'a8f5f167f44f4964e6c998dee827110c')).toMatchObject({ knownFormat: false });
    const stripe = `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`;
    expect(judgePublicVariable('NEXT_PUBLIC_STRIPE', stripe)).toMatchObject({ knownFormat: true });
  });

  it('leaves browser keys, public tokens and placeholders alone', () => {
    expect(judgePublicVariable('NEXT_PUBLIC_MAPBOX_TOKEN', 'pk.eyJ1IjoiZXhhbXBsZSJ9.abc')).toBeUndefined();
    expect(judgePublicVariable('NEXT_PUBLIC_ACCESS_TOKEN', 'pk.eyJ1IjoiZXhhbXBsZSJ9.abc')).toBeUndefined();
    expect(judgePublicVariable('NEXT_PUBLIC_FIREBASE_API_KEY', 'AIzaSyA-example-value-000')).toBeUndefined();
    expect(judgePublicVariable('NEXT_PUBLIC_SUPABASE_ANON_KEY', undefined)).toBeUndefined();
    expect(judgePublicVariable('NEXT_PUBLIC_SENTRY_TOKEN', undefined)).toBeUndefined();
    expect(judgePublicVariable('NEXT_PUBLIC_API_TOKEN', 'changeme')).toBeUndefined();
    expect(judgePublicVariable('NEXT_PUBLIC_API_URL', 'https://api.example.com')).toBeUndefined();
  });
});

describe('nextPublicVariables', () => {
  it('reads the env files next build loads, not templates or other folders', () => {
    const workspace = workspaceOf({
      'web/.env.production': 'NEXT_PUBLIC_ADMIN_PASSWORD=hunter22\nSERVER_ONLY=1\n',
      'web/.env.example': 'NEXT_PUBLIC_SECRET=\n',
      '.env': 'NEXT_PUBLIC_OTHER_TOKEN=x\n',
    });
    expect(nextPublicVariables(workspace, 'web', undefined)).toEqual([
      { name: 'NEXT_PUBLIC_ADMIN_PASSWORD', value: 'hunter22', location: { file: 'web/.env.production', line: 1, column: 1 }, label: 'web/.env.production' },
    ]);
  });
});

describe('nextPublicVariables in a git repository', () => {
  it('skips env files git does not track (a developer’s .env.local)', () => {
    const root = makeRepository({ '.env': 'NEXT_PUBLIC_SIGNING_SECRET=abc123def456\n' });
    writeFileSync(join(root, '.env.local'), 'NEXT_PUBLIC_LOCAL_TOKEN=zzz999yyy888\n');
    expect(nextPublicVariables(openWorkspace(root), '', undefined).map((variable) => variable.name)).toEqual(['NEXT_PUBLIC_SIGNING_SECRET']);
  });
});

describe('nextPublicReads', () => {
  it('finds NEXT_PUBLIC_ reads in the app’s source, not in build output or dependencies', () => {
    const workspace = workspaceOf({
      'web/lib/token.ts': "import jwt from 'jsonwebtoken';\n\nexport const sign = (user) => jwt.sign(user, process.env.NEXT_PUBLIC_JWT_SECRET);\n",
      'web/pages/index.tsx': "const api = process.env['NEXT_PUBLIC_API_URL'];\nconst again = process.env.NEXT_PUBLIC_JWT_SECRET;\n",
      'web/.next/server/chunk.js': 'process.env.NEXT_PUBLIC_BUILD_SECRET',
      'web/node_modules/x/index.js': 'process.env.NEXT_PUBLIC_LIB_SECRET',
    });
    expect(nextPublicReads(workspace, 'web').map((read) => [read.name, `${read.location.file}:${read.location.line}:${read.location.column}`])).toEqual([
      ['NEXT_PUBLIC_JWT_SECRET', 'web/lib/token.ts:3:46'],
      ['NEXT_PUBLIC_API_URL', 'web/pages/index.tsx:1:13'],
    ]);
  });

  it('keeps a variable’s other reads beside its first, where the value is inlined too', () => {
    const workspace = workspaceOf({
      'a.js': 'const one = process.env.NEXT_PUBLIC_TOKEN_SECRET;\n',
      'b.js': 'const two = process.env.NEXT_PUBLIC_TOKEN_SECRET;\nconst url = process.env.NEXT_PUBLIC_URL;\n',
    });
    const reads = nextPublicReads(workspace, '');
    expect(reads.map((read) => [read.name, read.location.file, (read.alsoReadAt ?? []).map((other) => `${other.file}:${other.line}`)])).toEqual([
      ['NEXT_PUBLIC_TOKEN_SECRET', 'a.js', ['b.js:1']],
      ['NEXT_PUBLIC_URL', 'b.js', []],
    ]);
  });
});
