import { expect } from 'vitest';
import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin']\n";
const CMD = 'CMD ["gunicorn", "mysite.wsgi"]\n';
const project = (files: Files): Files => settingsFiles(SETTINGS, files, '5.2.8');
const PLAIN = `FROM python:3.12\n${CMD}`;
const SIDE_SERVICE = {
  'docker-compose.yml': 'services:\n  web:\n    build: .\n    command: gunicorn mysite.wsgi\n  db:\n    build: ./docker/db\n',
  'docker/db/Dockerfile': 'FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n',
};
const START_SCRIPT = {
  'docker-compose.prod.yml': 'services:\n  web:\n    build: ./docker/web\n    command: /start.sh\n  backup:\n    build: ./docker/backup\n',
  'docker/backup/Dockerfile': 'FROM alpine:3\nCMD ["crond", "-f"]\n',
  'docker/web/start.sh': '#!/bin/sh\nexec gunicorn mysite.wsgi\n',
};
const WEB_WITH_USER = 'FROM python:3.12\nCOPY start.sh /start.sh\nUSER app\nCMD ["/start.sh"]\n';
const composeUser = (user: string): string => `services:\n  web:\n    build: .\n    user: ${user}\n    command: gunicorn mysite.wsgi\n`;

ruleTester('deploy/container-runs-as-root', {
  valid: [
    { name: 'a USER inherited from an earlier stage', files: project({ Dockerfile: `FROM python:3.12-slim AS base\nRUN adduser --system app\nUSER app\nFROM base AS runtime\n${CMD}` }) },
    { name: 'USER root followed by an unprivileged USER', files: project({ Dockerfile: `FROM python:3.12\nUSER root\nRUN apt-get update\nUSER app\n${CMD}` }) },
    // A user from a build argument cannot be root by name: not reported.
    { name: 'a user from a build argument', files: project({ Dockerfile: `FROM python:3.12\nARG APP_USER\nUSER $APP_USER\n${CMD}` }) },
    { name: 'a Dockerfile production does not run (a Procfile entry builds from source)', files: project({ Dockerfile: PLAIN, Procfile: 'web: gunicorn mysite.wsgi\n' }) },
    {
      name: 'a Heroku container',
      files: project({ Dockerfile: PLAIN, 'heroku.yml': 'build:\n  docker:\n    web: Dockerfile\nrun:\n  web: gunicorn mysite.wsgi\n' }),
    },
    { name: "the app service's image has a USER; a side service's image is not judged", files: project({ ...SIDE_SERVICE, Dockerfile: `FROM python:3.12\nUSER app\n${CMD}` }) },
    { name: 'the image of a compose service running a start script has a USER', files: project({ ...START_SCRIPT, 'docker/web/Dockerfile': WEB_WITH_USER }) },
    { name: "a production compose service's unprivileged user: over an image without USER", files: project({ Dockerfile: PLAIN, 'docker-compose.prod.yml': composeUser('"1000:1000"') }) },
    { name: "a production compose service's user: from variables", files: project({ Dockerfile: PLAIN, 'docker-compose.prod.yml': composeUser('"${UID}:${GID}"') }) },
  ],
  invalid: [
    {
      name: 'a deployed stage without USER, on its FROM line, with the CMD as related',
      files: project({ Dockerfile: `FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n${CMD}` }),
      findings: [
        {
          at: 'Dockerfile:1',
          severity: 'low',
          check: (finding) => {
            expect(finding.message).toBe('Dockerfile has no USER in the stage production deploys, so its process runs as root; add an unprivileged USER before CMD');
            expect(finding.related).toEqual([expect.objectContaining({ location: expect.objectContaining({ line: 4 }) })]);
          },
        },
      ],
    },
    {
      name: 'the deployed stage only: a builder stage with USER does not help',
      files: project({ Dockerfile: `FROM python:3.12 AS build\nUSER builder\nRUN pip wheel .\nFROM python:3.12-slim AS runtime\n${CMD}` }),
      findings: [{ at: 'Dockerfile:4' }],
    },
    {
      name: 'USER root or 0 written last, naming that line',
      files: project({ Dockerfile: `FROM python:3.12\nUSER app\nRUN echo\nUSER 0:0\n${CMD}` }),
      findings: [{ at: 'Dockerfile:1', message: 'switches back to root (USER 0:0 at line 4)' }],
    },
    // fly.toml runs the image, whatever its process command.
    { name: 'fly.toml runs the image', files: project({ Dockerfile: PLAIN, 'fly.toml': 'app = "x"\n[processes]\n  app = "gunicorn mysite.wsgi"\n' }), findings: [{ at: 'Dockerfile:1' }] },
    { name: "the app service's image, not a side service a production compose file also builds", files: project({ ...SIDE_SERVICE, Dockerfile: PLAIN }), findings: [{ at: 'Dockerfile:1' }] },
    {
      name: "a compose service's start script: the service's image is the app's",
      files: project({ ...START_SCRIPT, 'docker/web/Dockerfile': WEB_WITH_USER.replace('USER app\n', '') }),
      findings: [{ at: 'docker/web/Dockerfile:1' }],
    },
    {
      name: "a production compose service's user: 0:0 over the image's USER",
      files: project({ Dockerfile: `FROM python:3.12\nUSER app\n${CMD}`, 'docker-compose.prod.yml': composeUser('"0:0"') }),
      findings: [
        {
          at: 'Dockerfile:1',
          check: (finding) =>
            expect(finding.message).toBe(
              "Dockerfile is run as root: docker-compose.prod.yml:4 sets user: 0:0 for its service, whatever the image's USER says; remove it or name an unprivileged user",
            ),
        },
      ],
    },
  ],
});
