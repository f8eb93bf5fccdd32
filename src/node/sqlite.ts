/**
 * SQLite as the production database of a Node app: Prisma `provider = "sqlite"`, Sequelize `dialect: 'sqlite'`
 * or a `sqlite:` URL, knex `client: 'sqlite3' | 'better-sqlite3'`, TypeORM `type: 'sqlite' | 'better-sqlite3'`
 * (DataSource, createConnection, TypeOrmModule.forRoot). Only calls the production program makes count: a
 * call in a branch the evaluator pruned for NODE_ENV=production is not there, and a call it could not decide
 * runs (`conditional`) is left out.
 */
import type { FileLocation } from '../core/location.js';
import type { JsCall, JsProgram, JsValue } from '../js/types.js';
import { confidenceOf, prop } from '../js/values.js';
import type { PrismaDatasource } from './types.js';

export interface SqliteUse {
  /** Which library: 'Prisma', 'Sequelize', 'knex', 'TypeORM'. */
  library: string;
  /** What says SQLite, as written: `provider = "sqlite"`, `dialect: 'sqlite'`. */
  setting: string;
  location: FileLocation;
  /** `default` when the value is an unset variable's fallback (`process.env.DB_CLIENT || 'sqlite3'`). */
  confidence: 'certain' | 'default';
}

const SQLITE_CLIENTS = new Set(['sqlite', 'sqlite3', 'better-sqlite3']);
const SEQUELIZE = /^sequelize(?:-typescript)?(?:\.Sequelize)?(?:\.default)?$/;
const KNEX = /^knex(?:\.knex|\.default|\.Knex)?$/;
const TYPEORM = /^(?:typeorm\.(?:DataSource|createConnection|createConnections)|@nestjs\/typeorm\.TypeOrmModule\.forRoot)$/;

function sqliteString(value: JsValue | undefined): (JsValue & { kind: 'string' }) | undefined {
  return value?.kind === 'string' && SQLITE_CLIENTS.has(value.value.toLowerCase()) ? value : undefined;
}

/** The SQLite setting one ORM call makes, if it makes one. */
function sqliteOfCall(call: JsCall): SqliteUse | undefined {
  const at = (value: JsValue): FileLocation => value.loc ?? call.location;
  if (SEQUELIZE.test(call.callee)) {
    const [first] = call.args;
    if (first?.kind === 'string' && /^sqlite:/i.test(first.value)) return { library: 'Sequelize', setting: `new Sequelize('${first.value.split('?')[0]}')`, location: at(first), confidence: confidenceOf(first) ?? 'certain' };
    // new Sequelize({ dialect }) or new Sequelize(database, username, password, { dialect }).
    const options = call.args.find((arg) => arg.kind === 'object');
    const dialect = sqliteString(prop(options, 'dialect'));
    return dialect && { library: 'Sequelize', setting: `dialect: '${dialect.value}'`, location: at(dialect), confidence: confidenceOf(dialect) ?? 'certain' };
  }
  if (KNEX.test(call.callee)) {
    const client = sqliteString(prop(call.args[0], 'client'));
    return client && { library: 'knex', setting: `client: '${client.value}'`, location: at(client), confidence: confidenceOf(client) ?? 'certain' };
  }
  if (TYPEORM.test(call.callee)) {
    const type = sqliteString(prop(call.args[0], 'type'));
    return type && { library: 'TypeORM', setting: `type: '${type.value}'`, location: at(type), confidence: confidenceOf(type) ?? 'certain' };
  }
  return undefined;
}

/** Every place production's database is SQLite: the Prisma schema, and the ORM calls the server program makes. */
export function sqliteInProduction(prisma: readonly PrismaDatasource[], program: JsProgram | undefined): SqliteUse[] {
  const uses: SqliteUse[] = prisma
    .filter((source) => source.provider.toLowerCase() === 'sqlite')
    .map((source) => ({ library: 'Prisma', setting: 'provider = "sqlite"', location: source.location, confidence: 'certain' as const }));
  for (const call of program?.calls ?? []) {
    if (call.conditional) continue;
    const use = sqliteOfCall(call);
    // Options chosen because a variable is unset (`knexfile[process.env.DB_ENV || 'development']`) are a default.
    const chosen = call.assumed || call.args.some((arg) => confidenceOf(arg) === 'default');
    if (use) uses.push(chosen ? { ...use, confidence: 'default' } : use);
  }
  return uses;
}
