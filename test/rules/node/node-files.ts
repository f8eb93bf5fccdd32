/** A small Node project for rule tests: package.json (the dependencies named), a Procfile starting server.js, and server.js. */
import type { Files } from '../../helpers/rule-tester.js';

export function nodeFiles(server: string, dependencies: string[], extra: Files = {}): Files {
  const packageJson = {
    name: 'shop',
    version: '1.0.0',
    private: true,
    scripts: { start: 'node server.js' },
    dependencies: Object.fromEntries(dependencies.map((name) => [name, '*'])),
  };
  return {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    Procfile: 'web: node server.js\n',
    'server.js': server,
    ...extra,
  };
}

/** An Express server: `body` sits between `const app = express();` and `app.listen(3000);` (line 3 is body's first line). */
export function expressServer(body: string, dependencies: string[] = [], extra: Files = {}): Files {
  return nodeFiles(`const express = require('express');\nconst app = express();\n${body}\napp.listen(3000);\n`, ['express', ...dependencies], extra);
}
