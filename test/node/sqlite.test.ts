import { describe, expect, it } from 'vitest';
import { sqliteInProduction } from '../../src/node/sqlite.js';
import { at, fallback, js, programOf } from './js-values.js';

describe('sqliteInProduction', () => {
  it('finds Prisma, Sequelize, knex and TypeORM on SQLite, with the fallback confidence', () => {
    const program = programOf([
      { callee: 'sequelize.Sequelize', isNew: true, args: [js({ dialect: js('sqlite', at(3)), storage: 'db.sqlite' })] },
      { callee: 'sequelize', isNew: true, args: [js('sqlite::memory:', at(4))] },
      { callee: 'knex', args: [js({ client: fallback('better-sqlite3', 'DB_CLIENT', at(5)) })] },
      { callee: '@nestjs/typeorm.TypeOrmModule.forRoot', args: [js({ type: js('sqlite', at(6)) })] },
    ]);
    const prisma = [{ file: 'prisma/schema.prisma', provider: 'sqlite', location: at(2, 'prisma/schema.prisma') }];
    expect(sqliteInProduction(prisma, program).map((use) => [use.library, use.setting, use.location.line, use.confidence])).toEqual([
      ['Prisma', 'provider = "sqlite"', 2, 'certain'],
      ['Sequelize', "dialect: 'sqlite'", 3, 'certain'],
      ['Sequelize', "new Sequelize('sqlite::memory:')", 4, 'certain'],
      ['knex', "client: 'better-sqlite3'", 5, 'default'],
      ['TypeORM', "type: 'sqlite'", 6, 'certain'],
    ]);
  });

  it('leaves other databases, and calls that may not run, alone', () => {
    const program = programOf([
      { callee: 'knex', args: [js({ client: 'pg' })] },
      { callee: 'typeorm.DataSource', isNew: true, args: [js({ type: 'postgres' })] },
      { callee: 'sequelize', isNew: true, args: [js('postgres://db/app')] },
      { callee: 'knex', args: [js({ client: 'sqlite3' })], conditional: true },
      { callee: 'somelib.connect', args: [js({ type: 'sqlite' })] },
    ]);
    expect(sqliteInProduction([{ file: 'schema.prisma', provider: 'postgresql', location: at(1) }], program)).toEqual([]);
    expect(sqliteInProduction([], undefined)).toEqual([]);
  });
});
