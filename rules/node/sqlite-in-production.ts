/** node/sqlite-in-production — production's database is a SQLite file. */
import { defineRule, sqliteInProduction } from '../../src/api/node.js';

export default defineRule({
  id: 'node/sqlite-in-production',
  title: 'SQLite is the production database',
  severity: 'medium',
  docs: {
    why:
      'SQLite is a file next to the app. On a container platform (Docker, Fly, Render, Heroku, Vercel) that file ' +
      'lives on a disk that is wiped on every deploy or restart unless a volume is mounted, so data disappears; it ' +
      'cannot be shared by two instances, writes lock the whole database, and backups are whatever copies of the ' +
      'file exist. Reported for Prisma `provider = "sqlite"` and for the Sequelize, knex and TypeORM settings the ' +
      'production program makes (a branch that only runs outside production does not count); `default` confidence ' +
      'when SQLite is the fallback of an unset variable.',
    fix:
      'Use a database server in production and keep SQLite for development:\n\n' +
      '// prisma/schema.prisma\ndatasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\n' +
      '// knex\nknex({ client: "pg", connection: process.env.DATABASE_URL })',
    refs: [
      'https://www.prisma.io/docs/orm/overview/databases/sqlite',
      'https://www.sqlite.org/whentouse.html',
      'https://sequelize.org/docs/v6/getting-started/',
      'https://knexjs.org/guide/#configuration-options',
    ],
  },
  check(ctx) {
    const { project } = ctx;
    for (const use of sqliteInProduction(project.prisma, project.program)) {
      ctx.report({
        message: `${use.library} uses SQLite in production (${use.setting}): the database is a file on the app's disk, lost on redeploys without a volume and not shared between instances`,
        location: use.location,
        confidence: use.confidence,
        evidence: use.setting,
        about: `${use.library} ${use.setting}`,
      });
    }
  },
});
