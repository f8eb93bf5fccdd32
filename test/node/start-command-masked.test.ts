/** A secret assigned in the production start command is masked wherever the command is printed. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepository } from '../helpers/project.js';

const KEY = 'sk9-Hq2vW7xLp4Rt8Zm3Nc6Bd1Fg5Jk0';
const PASSWORD = 'Wq8rT2yP6uI0oA4s';

describe('the Node start command in reports', () => {
  it('never prints a secret the command assigns, in any format', async () => {
    const root = makeRepository({
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^5.0.0' } }),
      'server.js': "const express = require('express');\nconst app = express();\napp.listen(3000);\n",
      Dockerfile: `FROM node:20\nCOPY . .\nCMD JWT_SECRET=${KEY} DATABASE_URL=postgres://admin:${PASSWORD}@db/app NODE_ENV=development nodemon server.js\n`,
    });
    for (const format of ['pretty', 'json', 'sarif', 'markdown', 'github', 'gitlab', 'junit']) {
      const run = await runCli('check', root, '--format', format, '--explain');
      expect(run.stdout, format).toMatch(/nodemon|node\/dev-server-in-production/);
      expect(run.stdout + run.stderr, format).not.toContain(KEY);
      expect(run.stdout + run.stderr, format).not.toContain(PASSWORD);
    }
  });
});
