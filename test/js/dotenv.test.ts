import { describe, expect, it } from 'vitest';
import { evaluate } from './helpers.js';

describe('env files the program loads', () => {
  it('dotenv.config() loads .env in the working directory', () => {
    expect(evaluate({ 'src/server.js': `require('dotenv').config();` }).dotenv).toMatchObject([{ path: '.env', location: { file: 'src/server.js', line: 1 } }]);
    expect(evaluate({ 'api/server.js': `require('dotenv').config();` }, {}, ['api/server.js'], 'api').dotenv).toMatchObject([{ path: 'api/.env' }]);
  });

  it('import "dotenv/config" and require("dotenv/config")', () => {
    expect(evaluate({ 'a.mjs': `import 'dotenv/config';` }).dotenv).toMatchObject([{ path: '.env' }]);
    expect(evaluate({ 'a.js': `require('dotenv/config');` }).dotenv).toMatchObject([{ path: '.env' }]);
    expect(evaluate({ 'a.mjs': `import { config } from 'dotenv'; config({ path: '.env.production' });` }).dotenv).toMatchObject([{ path: '.env.production' }]);
  });

  it("Node's process.loadEnvFile() loads .env or the file it names", () => {
    expect(evaluate({ 'app.js': `process.loadEnvFile();` }).dotenv).toMatchObject([{ path: '.env', location: { file: 'app.js', line: 1 } }]);
    expect(evaluate({ 'app.js': `process.loadEnvFile('.env.example');` }).dotenv).toMatchObject([{ path: '.env.example' }]);
    expect(evaluate({ 'app.js': `process.cwd();` }).dotenv).toEqual([]);
  });

  it('paths built from __dirname are workspace-relative', () => {
    const program = evaluate({ 'src/config/env.js': `const path = require('path'); require('dotenv').config({ path: path.resolve(__dirname, '../../.env.local') }); require('dotenv').config({ path: path.join(__dirname, 'x.env') });` });
    expect(program.dotenv.map((entry) => entry.path)).toEqual(['.env.local', 'src/config/x.env']);
  });

  it('a path the evaluator does not know loads nothing it could name', () => {
    expect(evaluate({ 'a.js': `require('dotenv').config({ path: process.env.ENV_FILE });` }, { ENV_FILE: null }).dotenv).toEqual([]);
  });

  it('NestJS ConfigModule.forRoot loads .env, its envFilePath, or nothing with ignoreEnvFile', () => {
    const load = (options: string) => evaluate({ 'src/app.module.ts': `import { ConfigModule } from '@nestjs/config'; ConfigModule.forRoot(${options});` }).dotenv.map((entry) => entry.path);
    expect(load('')).toEqual(['.env']);
    expect(load(`{ envFilePath: ['.env.production', '.env'] }`)).toEqual(['.env.production', '.env']);
    expect(load(`{ ignoreEnvFile: true }`)).toEqual([]);
  });

  it('no dotenv, no env files', () => {
    expect(evaluate({ 'a.js': `require('other').config();` }).dotenv).toEqual([]);
  });
});
