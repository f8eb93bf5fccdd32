/** An env file the program loads itself counts as production's, unless it is a sample: its values are placeholders the host replaces. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepository } from '../helpers/project.js';

function app(loads: string): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'shop', dependencies: { express: '^5.0.0', 'express-session': '^1.18.0' }, scripts: { start: 'node app.js' } }),
    'app.js': [
      `process.loadEnvFile('${loads}');`,
      "const express = require('express');",
      "const session = require('express-session');",
      'const app = express();',
      "app.use(session({ secret: process.env.SESSION_SECRET, store: app.locals.store, name: 'shop.sid', cookie: { secure: process.env.BASE_URL.startsWith('https'), sameSite: 'lax' } }));",
      'app.listen(3000);',
      '',
    ].join('\n'),
    [loads]: 'BASE_URL=http://localhost:8080\nSESSION_SECRET=change-me\n',
  };
}

async function cookieFindings(loads: string): Promise<string[]> {
  const run = await runCli('check', makeRepository(app(loads)), '--format', 'json');
  return (JSON.parse(run.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule).filter((rule) => rule === 'node/session-cookie-insecure');
}

describe('env files the program loads', () => {
  it('a loaded production env file decides the cookie: http there means no Secure flag', async () => {
    expect(await cookieFindings('.env.production')).toEqual(['node/session-cookie-insecure']);
  });

  it('a loaded sample (.env.example) only names the variables: the host sets BASE_URL', async () => {
    expect(await cookieFindings('.env.example')).toEqual([]);
  });
});
