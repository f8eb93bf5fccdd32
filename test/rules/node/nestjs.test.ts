/** The Express/Fastify rules on NestJS: its app is Express underneath unless it runs on a FastifyAdapter. */
import { ruleTester, type Files } from '../../helpers/rule-tester.js';

function nest(main: string, extra: Files = {}): Files {
  const packageJson = {
    name: 'api',
    scripts: { build: 'nest build', 'start:prod': 'node dist/main' },
    dependencies: { '@nestjs/core': '*', '@nestjs/common': '*', '@nestjs/platform-express': '*', '@nestjs/jwt': '*', '@nestjs/platform-fastify': '*', helmet: '*' },
  };
  return {
    'package.json': JSON.stringify(packageJson, null, 2),
    'tsconfig.json': JSON.stringify({ compilerOptions: { outDir: './dist' } }),
    Procfile: 'web: npm run start:prod\n',
    'src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n",
    'src/main.ts': main,
    ...extra,
  };
}

const CREATE = "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n";

ruleTester('node/x-powered-by', {
  valid: [
    {
      name: 'NestJS with helmet',
      files: nest(`${CREATE}import helmet from 'helmet';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.use(helmet());\n  await app.listen(3000);\n}\nbootstrap();\n`),
    },
    {
      name: 'NestJS on Fastify sends none',
      files: nest(
        `${CREATE}import { FastifyAdapter } from '@nestjs/platform-fastify';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule, new FastifyAdapter());\n  await app.listen(3000);\n}\nbootstrap();\n`,
      ),
    },
  ],
  invalid: [
    {
      name: 'NestJS on Express as is',
      files: nest(`${CREATE}async function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n`),
      findings: [{ at: 'src/main.ts:4', message: 'NestJS app (on Express)' }],
    },
  ],
});

ruleTester('node/cors-any-origin', {
  valid: [
    {
      name: 'enableCors with an allowlist',
      files: nest(`${CREATE}async function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.enableCors({ origin: ['https://app.example.com'], credentials: true });\n  await app.listen(3000);\n}\nbootstrap();\n`),
    },
    { name: 'NestFactory.create with a cors allowlist', files: nest(`${CREATE}async function bootstrap() {\n  const app = await NestFactory.create(AppModule, { cors: { origin: ['https://app.example.com'], credentials: true } });\n  await app.listen(3000);\n}\nbootstrap();\n`) },
    { name: 'NestFactory.create with cors: false', files: nest(`${CREATE}async function bootstrap() {\n  const app = await NestFactory.create(AppModule, { cors: false });\n  await app.listen(3000);\n}\nbootstrap();\n`) },
  ],
  invalid: [
    {
      name: 'enableCors reflecting any origin with credentials',
      files: nest(`${CREATE}async function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.enableCors({ origin: true, credentials: true });\n  await app.listen(3000);\n}\nbootstrap();\n`),
      findings: [{ at: 'src/main.ts:5', severity: 'high', message: 'NestJS enableCors' }],
    },
    {
      name: 'NestFactory.create({ cors: { origin: true, credentials: true } })',
      files: nest(`${CREATE}async function bootstrap() {\n  const app = await NestFactory.create(AppModule, { cors: { origin: true, credentials: true } });\n  await app.listen(3000);\n}\nbootstrap();\n`),
      findings: [{ at: 'src/main.ts:4', severity: 'high', confidence: 'certain', message: 'NestJS cors option' }],
    },
    { name: 'NestFactory.create({ cors: { credentials: true } }): the default origin is *', files: nest(`${CREATE}async function bootstrap() {\n  const app = await NestFactory.create(AppModule, { cors: { credentials: true } });\n  await app.listen(3000);\n}\nbootstrap();\n`), findings: [{ severity: 'medium' }] },
  ],
});

ruleTester('node/jwt-secret-committed', {
  valid: [
    {
      name: 'JwtModule.register with the secret from the environment',
      files: nest(`${CREATE}NestFactory.create(AppModule).then((app) => app.listen(3000));\n`, {
        'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { JwtModule } from '@nestjs/jwt';\n@Module({ imports: [JwtModule.register({ secret: process.env.JWT_SECRET })] })\nexport class AppModule {}\n",
      }),
    },
  ],
  invalid: [
    {
      name: 'JwtModule.register with a constant from a constants file (the NestJS docs pattern)',
      files: nest(`${CREATE}NestFactory.create(AppModule).then((app) => app.listen(3000));\n`, {
        'src/constants.ts': "export const jwtConstants = {\n  secret: 'nest-docs-style-secret',\n};\n",
        'src/app.module.ts':
          "import { Module } from '@nestjs/common';\nimport { JwtModule } from '@nestjs/jwt';\nimport { jwtConstants } from './constants';\n@Module({ imports: [JwtModule.register({ secret: jwtConstants.secret })] })\nexport class AppModule {}\n",
      }),
      findings: [{ at: 'src/constants.ts:2', severity: 'critical', message: '@nestjs/jwt.JwtModule.register' }],
    },
  ],
});
