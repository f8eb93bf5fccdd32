import { describe, expect, it } from 'vitest';
import type { Environment, EnvVar } from '../../src/env/types.js';
import { readPrismaSchema } from '../../src/node/production/prisma.js';

function environment(vars: EnvVar[]): Environment {
  const map = new Map(vars.map((variable) => [variable.name, variable]));
  return { name: 'production', vars: map, files: [], get: (name) => map.get(name) };
}

const SCHEMA = `// the app's database
generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "sqlite" // "postgresql" in staging
  url      = env("DATABASE_URL")
}
`;

describe('Prisma datasources', () => {
  it('reads the provider (not the generator one) and resolves env("X") against the environment', () => {
    const set = environment([{ name: 'DATABASE_URL', value: 'file:./prod.db', source: { kind: 'env-file', location: { file: '.env.production', line: 1, column: 1 }, label: '.env.production:1' } }]);
    expect(readPrismaSchema('prisma/schema.prisma', SCHEMA, set)).toEqual([
      {
        file: 'prisma/schema.prisma',
        provider: 'sqlite',
        url: { kind: 'string', value: 'file:./prod.db', loc: { file: 'prisma/schema.prisma', line: 8, column: 3 }, env: [{ name: 'DATABASE_URL', reader: 'prisma env()', set: true, source: { file: '.env.production', line: 1, column: 1 }, sourceLabel: '.env.production:1' }] },
        location: { file: 'prisma/schema.prisma', line: 7, column: 3 },
      },
    ]);
  });

  it('an unset variable is undefined with its read, a set one of unknown value is unknown, a literal url is a string', () => {
    expect(readPrismaSchema('s.prisma', SCHEMA, environment([]))[0]?.url).toMatchObject({ kind: 'undefined', env: [{ name: 'DATABASE_URL', set: false }] });
    const platform = environment([{ name: 'DATABASE_URL', value: undefined, source: { kind: 'platform', label: 'heroku-postgresql add-on' } }]);
    expect(readPrismaSchema('s.prisma', SCHEMA, platform)[0]?.url).toMatchObject({ kind: 'unknown', env: [{ set: true, sourceLabel: 'heroku-postgresql add-on' }] });
    const literal = 'datasource db {\n  provider = "postgresql"\n  url = "postgresql://u@db/app"\n}\n';
    expect(readPrismaSchema('s.prisma', literal, environment([]))).toMatchObject([{ provider: 'postgresql', url: { kind: 'string', value: 'postgresql://u@db/app' } }]);
  });

  it('ignores a datasource block in a comment and an unterminated block', () => {
    expect(readPrismaSchema('s.prisma', '// datasource db {\n//   provider = "sqlite"\n// }\n', environment([]))).toEqual([]);
    expect(readPrismaSchema('s.prisma', 'datasource db {\n  provider = "sqlite"\n', environment([]))).toEqual([]);
  });
});
