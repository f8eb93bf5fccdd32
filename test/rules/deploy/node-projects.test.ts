/** The deploy rules judge a Node project's deploy files as they judge a Django project's (rules/deploy run on every kind). */
import { describe, expect, it } from 'vitest';
import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';
import { runCheck } from '../../../src/frameworks.js';
import { makeProject } from '../../helpers/project.js';

/** A Node project whose only start command is the Dockerfile's CMD (no Procfile). */
function nodeApp(extra: Files, dependencies: string[] = ['express']): Files {
  const packageJson = { name: 'shop', version: '1.0.0', scripts: { start: 'node server.js' }, dependencies: Object.fromEntries(dependencies.map((name) => [name, '*'])) };
  return {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'server.js': "const express = require('express');\nconst app = express();\napp.listen(process.env.PORT || 3000);\n",
    ...extra,
  };
}
const NODE_CMD = 'CMD ["node", "server.js"]\n';
const COMPOSE_APP = '  app:\n    build: .\n    ports:\n      - "3000:3000"\n';

ruleTester('deploy/container-runs-as-root', {
  valid: [
    { name: 'a Node image that switches to the node user', files: nodeApp({ Dockerfile: `FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\n${NODE_CMD}` }) },
    { name: 'a Node app deployed from a Procfile: the Dockerfile beside it is for local use', files: nodeApp({ Dockerfile: `FROM node:20\n${NODE_CMD}`, Procfile: 'web: node server.js\n' }) },
  ],
  invalid: [
    {
      name: 'a Node image without USER, on its FROM line',
      files: nodeApp({ Dockerfile: `FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n${NODE_CMD}` }),
      findings: [{ at: 'Dockerfile:1', severity: 'low', message: 'Dockerfile has no USER in the stage production deploys' }],
    },
  ],
});

ruleTester('deploy/secret-in-image', {
  valid: [
    { name: 'ENV of a Node image with a variable reference', files: nodeApp({ Dockerfile: `FROM node:20\nARG DATABASE_URL\nENV DATABASE_URL=$DATABASE_URL\nUSER node\n${NODE_CMD}` }) },
  ],
  invalid: [
    {
      name: 'ENV of a Node image with a password in a URL',
      files: nodeApp({ Dockerfile: `FROM node:20\nENV DATABASE_URL=postgres://shop:Vq8rT2xLm4@db:5432/shop\nUSER node\n${NODE_CMD}` }),
      findings: [{ at: 'Dockerfile:2', message: 'sets DATABASE_URL to the literal' }],
      hidden: ['Vq8rT2xLm4'],
    },
  ],
});

ruleTester('deploy/internal-port-published', {
  valid: [
    {
      name: "a Node app's compose with MongoDB on the compose network only",
      files: nodeApp({ Dockerfile: `FROM node:20\nUSER node\n${NODE_CMD}`, 'docker-compose.yml': `services:\n${COMPOSE_APP}  mongo:\n    image: mongo:7\n` }),
    },
    {
      name: 'MongoDB bound to the loopback interface',
      files: nodeApp({ Dockerfile: `FROM node:20\nUSER node\n${NODE_CMD}`, 'docker-compose.yml': `services:\n${COMPOSE_APP}  mongo:\n    image: mongo:7\n    ports:\n      - "127.0.0.1:27017:27017"\n` }),
    },
  ],
  invalid: [
    {
      name: "a Node app's compose publishing MongoDB on every interface",
      files: nodeApp({ Dockerfile: `FROM node:20\nUSER node\n${NODE_CMD}`, 'docker-compose.yml': `services:\n${COMPOSE_APP}  mongo:\n    image: mongo:7\n    ports:\n      - "27017:27017"\n` }),
      findings: [{ at: 'docker-compose.yml:9', severity: 'high', message: 'publishes MongoDB (service mongo)' }],
    },
  ],
});

describe('a repository with a Django and a Node project sharing one Dockerfile', () => {
  it('reports each problem of the shared Dockerfile once', async () => {
    const django = settingsFiles("INSTALLED_APPS = ['django.contrib.admin']\n", {}, '5.2.8');
    // One image runs both: the Node server in front, Django behind it.
    const files: Files = {
      ...django,
      ...nodeApp({}),
      'start.sh': '#!/bin/sh\ngunicorn mysite.wsgi --bind 127.0.0.1:8000 &\nexec node server.js\n',
      Dockerfile: 'FROM nikolaik/python-nodejs:python3.12-nodejs20\nENV DATABASE_URL=postgres://shop:Vq8rT2xLm4@db:5432/shop\nCOPY . .\nCMD ["./start.sh"]\n',
    };
    const root = makeProject(files);
    const result = await runCheck({ root, only: ['deploy/container-runs-as-root', 'deploy/secret-in-image'] });
    expect(result.projects.map((project) => project.kind).sort()).toEqual(['django', 'node']);
    const lines = result.findings.map((finding) => `${finding.rule} ${'file' in finding.location ? `${finding.location.file}:${finding.location.line}` : ''}`);
    expect(lines.sort()).toEqual(['deploy/container-runs-as-root Dockerfile:1', 'deploy/secret-in-image Dockerfile:2']);
    // The Node project alone reports the same lines: in the run above both projects did, and each shows once.
    const nodeOnly = makeProject(Object.fromEntries(Object.entries(files).filter(([path]) => !path.startsWith('mysite/') && path !== 'manage.py' && path !== 'requirements.txt')));
    const alone = await runCheck({ root: nodeOnly, only: ['deploy/container-runs-as-root', 'deploy/secret-in-image'] });
    expect(alone.projects.map((project) => project.kind)).toEqual(['node']);
    expect(alone.findings.map((finding) => `${finding.rule} ${'file' in finding.location ? `${finding.location.file}:${finding.location.line}` : ''}`).sort()).toEqual(lines.sort());
  });
});

ruleTester('deploy/internal-port-published', {
  valid: [
    {
      name: 'a production compose file that stands alone: the plain file beside it is development',
      files: nodeApp({
        'docker-compose.yml': `services:\n${COMPOSE_APP}  mongo:\n    image: mongo:7\n    ports:\n      - "27017:27017"\n`,
        'docker-compose.prod.yml': 'services:\n  app:\n    image: shop:latest\n    command: npm start\n  mongo:\n    image: mongo:7\n',
      }),
    },
  ],
  invalid: [
    {
      name: 'a production compose file adjusting the plain one: MongoDB published by the plain file counts',
      files: nodeApp({
        'docker-compose.yml': `services:\n${COMPOSE_APP}  mongo:\n    image: mongo:7\n    ports:\n      - "27017:27017"\n`,
        'docker-compose.prod.yml': 'services:\n  app:\n    command: npm start\n',
      }),
      findings: [{ at: 'docker-compose.yml:9', severity: 'high' }],
    },
  ],
});

ruleTester('deploy/secret-in-image', {
  valid: [
    {
      name: 'a build argument used by a RUN step only, and a non-secret one copied into ENV',
      files: nodeApp({ Dockerfile: `FROM node:20\nARG NPM_TOKEN\nARG NODE_ENV\nENV NODE_ENV=$NODE_ENV\nRUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > .npmrc && npm ci\nUSER node\n${NODE_CMD}` }),
    },
  ],
  invalid: [
    {
      name: 'secret-named build arguments copied into ENV: one finding for the Dockerfile, at the first',
      files: nodeApp({ Dockerfile: `FROM node:20\nARG JWT_SECRET\nARG DB_PASSWORD\nARG APP_PORT\nENV APP_PORT=$APP_PORT\nENV JWT_SECRET=$JWT_SECRET\nENV DB_PASSWORD \${DB_PASSWORD}\nUSER node\n${NODE_CMD}` }),
      findings: [{ at: 'Dockerfile:6', severity: 'medium', message: 'ENV in Dockerfile copies build arguments into JWT_SECRET, DB_PASSWORD: whatever value the build passes' }],
    },
  ],
});

ruleTester('deploy/file-unparsable', {
  valid: [{ name: "a Node app's fly.toml that parses", files: nodeApp({ Dockerfile: `FROM node:20\nUSER node\n${NODE_CMD}`, 'fly.toml': 'app = "shop"\n[http_service]\n  internal_port = 3000\n' }) }],
  invalid: [
    {
      name: "a Node app's fly.toml that does not parse",
      files: nodeApp({ Dockerfile: `FROM node:20\nUSER node\n${NODE_CMD}`, 'fly.toml': 'app = "shop"\n[http_service\n  internal_port = 3000\n' }),
      findings: [{ at: 'fly.toml:2' }],
    },
  ],
});

const NGINX = (location: string): string => `server {\n  listen 80;\n  location ${location} {\n    proxy_pass http://127.0.0.1:3000;\n  }\n  location /uploads/ {\n    alias /srv/uploads/;\n    autoindex on;\n  }\n}\n`;
ruleTester('deploy/nginx-autoindex', {
  valid: [{ name: "a Node app's nginx without autoindex", files: nodeApp({ 'nginx/app.conf': NGINX('/').replace('    autoindex on;\n', '') }, ['express']) }],
  invalid: [{ name: "a Node app's nginx listing its uploads", files: nodeApp({ 'nginx/app.conf': NGINX('/') }, ['express']), findings: [{ at: 'nginx/app.conf:8', severity: 'high' }] }],
});
