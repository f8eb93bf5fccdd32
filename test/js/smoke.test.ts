import { describe, expect, it } from 'vitest';
import { prop } from '../../src/js/values.js';
import { callees, evaluate } from './helpers.js';

describe('smoke', () => {
  it('express session', () => {
    const program = evaluate({
      'server.js': `
const express = require('express');
const session = require('express-session');
const { sessionOptions } = require('./config/session');
const app = express();
const sess = sessionOptions;
if (app.get('env') === 'production') { app.set('trust proxy', 1); sess.cookie.secure = true }
app.use(session(sess));
app.listen(3000);
`,
      'config/session.js': `module.exports = { sessionOptions: { secret: process.env.SECRET || 'keyboard cat', cookie: {} } };`,
    });
    console.log(program.problems, callees(program));
    const call = program.calls.find((c) => c.callee === 'express-session')!;
    console.log(prop(call.args[0], 'secret'), prop(call.args[0], 'cookie', 'secure'));
    expect(program.apps[0]?.listens).toBe(true);
  });
});
