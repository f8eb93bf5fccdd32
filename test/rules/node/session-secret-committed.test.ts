import { describe, expect, it } from 'vitest';
import type { JsValue } from '../../../src/js/types.js';
import { secretsInCode } from '../../../src/node/secrets-in-code.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { expressServer, nodeFiles } from './node-files.js';

const SESSION = "const session = require('express-session');\n";

ruleTester('node/session-secret-committed', {
  valid: [
    {
      name: 'the secret comes from the environment with no fallback',
      files: expressServer(`${SESSION}app.use(session({ secret: process.env.SESSION_SECRET, store: null }));`, ['express-session']),
    },
    {
      name: 'a literal secret in a session call that nothing evaluates (a dead file)',
      files: expressServer("app.use(require('helmet')());", ['express-session'], {
        'config/old-session.js': "const session = require('express-session');\nmodule.exports = session({ secret: 'keyboard cat' });\n",
      }),
    },
    {
      name: 'a variable production sets, with no fallback written',
      files: expressServer(`${SESSION}app.use(session({ secret: process.env.SESSION_SECRET ?? process.env.OLD_SECRET }));`, ['express-session']),
      set: { SESSION_SECRET: 'x9Jk2mQp7Lw4Zr8Tv1Ns6Yb3Hc5Fd0Ga' },
    },
    {
      name: 'Koa keys from the environment',
      files: nodeFiles("const Koa = require('koa');\nconst app = new Koa();\napp.keys = [process.env.KEY_A, process.env.KEY_B];\napp.listen(3000);\n", ['koa']),
    },
  ],
  invalid: [
    {
      name: 'a literal express-session secret, masked',
      files: expressServer(`${SESSION}app.use(session({ secret: 'keyboard cat shop' }));`, ['express-session']),
      findings: [{ at: 'server.js:4', severity: 'high', confidence: 'certain', message: "express-session's `secret` is written in the code" }],
      hidden: ['keyboard cat shop'],
    },
    {
      name: 'a literal fallback of an unset variable is default confidence',
      files: expressServer(`${SESSION}app.use(session({ secret: process.env.SESSION_SECRET || 'keyboard cat shop' }));`, ['express-session']),
      findings: [{ at: 'server.js:4', confidence: 'default', message: 'when SESSION_SECRET is unset' }],
      hidden: ['keyboard cat shop'],
    },
    {
      name: 'a fallback behind a variable production sets is medium, default confidence (fails open)',
      files: expressServer(`${SESSION}app.use(session({ secret: process.env.SESSION_SECRET || 'keyboard cat shop' }));`, ['express-session']),
      set: { SESSION_SECRET: 'x9Jk2mQp7Lw4Zr8Tv1Ns6Yb3Hc5Fd0Ga' },
      findings: [{ at: 'server.js:4', severity: 'medium', confidence: 'default', message: 'which production sets' }],
      hidden: ['keyboard cat shop', 'x9Jk2mQp7Lw4Zr8Tv1Ns6Yb3Hc5Fd0Ga'],
    },
    {
      name: 'the same when production sets the variable to a value we do not know (a committed sample names it)',
      files: expressServer(`${SESSION}require('dotenv').config();\napp.use(session({ secret: process.env.SESSION_SECRET || 'keyboard cat shop' }));`, ['express-session', 'dotenv'], {
        '.env.example': 'SESSION_SECRET=\n',
        '.gitignore': '.env\n',
      }),
      findings: [{ at: 'server.js:5', severity: 'medium', confidence: 'default' }],
    },
    {
      name: 'cookie-session keys in a config module the server requires',
      files: nodeFiles(
        "const express = require('express');\nconst cookieSession = require('cookie-session');\nconst options = require('./config/session');\nconst app = express();\napp.use(cookieSession(options));\napp.listen(3000);\n",
        ['express', 'cookie-session'],
        { 'config/session.js': "module.exports = {\n  name: 'sess',\n  keys: ['first-rotation-key', process.env.OLD_KEY],\n};\n" },
      ),
      findings: [{ at: 'config/session.js:3', message: "cookie-session's `keys`" }],
    },
    {
      name: "a value from package.json is reported where the code uses it (the package's name is public)",
      files: nodeFiles(
        "const express = require('express');\nconst session = require('express-session');\nconst pkg = require('./package.json');\nconst app = express();\napp.use(session({\n  secret: pkg.name,\n}));\napp.listen(3000);\n",
        ['express', 'express-session'],
      ),
      findings: [{ at: 'server.js:5', confidence: 'certain' }],
    },
    {
      name: 'Koa app.keys literal',
      files: nodeFiles("const Koa = require('koa');\nconst app = new Koa();\napp.keys = ['koa-literal-signing-key'];\napp.listen(3000);\n", ['koa']),
      findings: [{ at: 'server.js:3', message: 'Koa' }],
    },
  ],
});

describe('secretsInCode', () => {
  const at = { file: 'server.js', line: 9, column: 1 };
  it('reports the literal fallback of a set variable as fails-open, when the evaluator recorded it', () => {
    const value: JsValue = { kind: 'unknown', reason: 'set', loc: at, env: [{ name: 'SESSION_SECRET', reader: 'process.env', set: true, defaultText: "'keyboard cat'" }] };
    expect(secretsInCode(value, at)).toEqual([{ secret: 'keyboard cat', location: at, confidence: 'default', variable: 'SESSION_SECRET', fallbackOnly: true }]);
  });
  it('ignores a fallback that is not a plain string literal, and empty strings', () => {
    const templated: JsValue = { kind: 'unknown', reason: 'set', env: [{ name: 'S', reader: 'process.env', set: true, defaultText: '`${x}`' }] };
    expect(secretsInCode(templated, at)).toEqual([]);
    expect(secretsInCode({ kind: 'string', value: '' }, at)).toEqual([]);
  });
  it('reads each key of a rotation list', () => {
    const list: JsValue = { kind: 'array', items: [{ kind: 'string', value: 'k1-literal', loc: at }, { kind: 'undefined', env: [{ name: 'OLD', reader: 'process.env', set: false }] }] };
    expect(secretsInCode(list, at).map((found) => found.secret)).toEqual(['k1-literal']);
  });
});
