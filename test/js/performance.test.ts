import { describe, expect, it } from 'vitest';
import { evaluateProgram } from '../../src/js/program.js';
import type { Files } from '../helpers/project.js';
import { workspaceOf } from '../helpers/workspace.js';

/** An Express app of 20 files: a server, a session config, 18 route modules with handlers. */
function expressApp(): Files {
  const files: Files = {
    'server.js': `require('dotenv').config();
const express = require('express');
const helmet = require('helmet');
const session = require('express-session');
const { sessionOptions } = require('./config/session');
const app = express();
app.use(helmet());
app.use(session(sessionOptions));
${Array.from({ length: 18 }, (_, i) => `app.use('/r${i}', require('./routes/r${i}'));`).join('\n')}
app.listen(process.env.PORT || 3000);`,
    'config/session.js': `module.exports = { sessionOptions: { secret: process.env.SESSION_SECRET || 'dev', resave: false, cookie: { secure: process.env.NODE_ENV === 'production', httpOnly: true } } };`,
  };
  for (let i = 0; i < 18; i++) {
    files[`routes/r${i}.js`] = `const express = require('express');
const router = express.Router();
const jwt = require('jsonwebtoken');
const LIMIT = ${i} * 10;
router.get('/', async (req, res, next) => {
  try {
    const items = await req.db.find({ limit: LIMIT });
    if (!items.length) return res.status(404).json({ error: 'none' });
    res.json({ items, token: jwt.sign({ id: req.user.id }, process.env.JWT_SECRET) });
  } catch (err) { next(err); }
});
router.post('/', (req, res) => { const { name = 'x', tags = [] } = req.body; res.status(201).json({ name, tags: tags.map((t) => t.trim()) }); });
module.exports = router;`;
  }
  return files;
}

describe('performance', () => {
  it('evaluates a 20-file Express app in few steps', () => {
    const options = { env: () => ({ set: false }) };
    evaluateProgram(workspaceOf({ 'warm.js': 'module.exports = 1;' }), ['warm.js'], options);
    const workspace = workspaceOf(expressApp());
    const started = performance.now();
    const program = evaluateProgram(workspace, ['server.js'], options);
    const first = performance.now() - started;
    const warmWorkspace = workspaceOf(expressApp());
    const warm = performance.now();
    evaluateProgram(warmWorkspace, ['server.js'], options);
    const warmed = performance.now() - warm;
    const again = performance.now();
    evaluateProgram(workspace, ['server.js'], options);
    const cached = performance.now() - again;
    console.log(`20-file Express app: ${first.toFixed(1)} ms cold, ${warmed.toFixed(1)} ms warm (parse + evaluate), ${cached.toFixed(1)} ms (parses cached)`);
    expect(program.files).toHaveLength(20);
    expect(program.problems).toEqual([]);
    expect(program.calls.filter((call) => call.callee === 'jsonwebtoken.sign')).toHaveLength(18);
    // Bounded work, not wall time: the evaluation's steps (deterministic) stay far under the budget.
    expect(program.steps).toBeGreaterThan(0);
    expect(program.steps).toBeLessThan(20_000);
  });
});
