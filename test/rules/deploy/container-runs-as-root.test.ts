import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';

const RULE = 'deploy/container-runs-as-root';
const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin']\n";
const CMD = 'CMD ["gunicorn", "mysite.wsgi"]\n';

async function found(files: Record<string, string>): Promise<string[]> {
  return (await findingsOf(RULE, settingsProject(SETTINGS, files))).map(at);
}

describe('deploy/container-runs-as-root', () => {
  it('reports a deployed stage without USER on its FROM line, with the CMD as related', async () => {
    const [finding, ...rest] = await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: `FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n${CMD}` }));
    expect(rest).toEqual([]);
    expect(at(finding)).toBe('Dockerfile:1');
    expect(finding).toMatchObject({ severity: 'low' });
    expect(finding!.message).toBe('Dockerfile has no USER in the stage production deploys, so its process runs as root; add an unprivileged USER before CMD');
    expect(finding!.related).toEqual([expect.objectContaining({ location: expect.objectContaining({ line: 4 }) })]);
  });

  it('judges the deployed stage only: a builder stage with USER does not help, a USER inherited from an earlier stage does', async () => {
    const builderUser = `FROM python:3.12 AS build\nUSER builder\nRUN pip wheel .\nFROM python:3.12-slim AS runtime\n${CMD}`;
    expect(await found({ Dockerfile: builderUser })).toEqual(['Dockerfile:4']);
    const inherited = `FROM python:3.12-slim AS base\nRUN adduser --system app\nUSER app\nFROM base AS runtime\n${CMD}`;
    expect(await found({ Dockerfile: inherited })).toEqual([]);
  });

  it('reports USER root or 0 written last, naming that line', async () => {
    const [finding] = await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: `FROM python:3.12\nUSER app\nRUN echo\nUSER 0:0\n${CMD}` }));
    expect(at(finding)).toBe('Dockerfile:1');
    expect(finding!.message).toContain('switches back to root (USER 0:0 at line 4)');
    expect(await found({ Dockerfile: `FROM python:3.12\nUSER root\nRUN apt-get update\nUSER app\n${CMD}` })).toEqual([]);
    // A user from a build argument cannot be root by name: not reported.
    expect(await found({ Dockerfile: `FROM python:3.12\nARG APP_USER\nUSER $APP_USER\n${CMD}` })).toEqual([]);
  });

  it('does not judge a Dockerfile production does not run (a Procfile entry builds from source) nor a Heroku container', async () => {
    const dockerfile = `FROM python:3.12\n${CMD}`;
    expect(await found({ Dockerfile: dockerfile, Procfile: 'web: gunicorn mysite.wsgi\n' })).toEqual([]);
    const herokuYml = 'build:\n  docker:\n    web: Dockerfile\nrun:\n  web: gunicorn mysite.wsgi\n';
    expect(await found({ Dockerfile: dockerfile, 'heroku.yml': herokuYml })).toEqual([]);
    // fly.toml runs the image, whatever its process command.
    expect(await found({ Dockerfile: dockerfile, 'fly.toml': 'app = "x"\n[processes]\n  app = "gunicorn mysite.wsgi"\n' })).toEqual(['Dockerfile:1']);
  });

  it('judges the app service\'s image, not a side service a production compose file also builds', async () => {
    const compose =
      'services:\n  web:\n    build: .\n    command: gunicorn mysite.wsgi\n  db:\n    build: ./docker/db\n';
    const files = { 'docker-compose.yml': compose, 'docker/db/Dockerfile': 'FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n' };
    expect(await found({ ...files, Dockerfile: `FROM python:3.12\n${CMD}` })).toEqual(['Dockerfile:1']);
    expect(await found({ ...files, Dockerfile: `FROM python:3.12\nUSER app\n${CMD}` })).toEqual([]);
  });

  it('follows a compose service to the start script it runs: the service\'s image is the app\'s', async () => {
    const compose = 'services:\n  web:\n    build: ./docker/web\n    command: /start.sh\n  backup:\n    build: ./docker/backup\n';
    const files = {
      'docker-compose.prod.yml': compose,
      'docker/backup/Dockerfile': 'FROM alpine:3\nCMD ["crond", "-f"]\n',
      'docker/web/start.sh': '#!/bin/sh\nexec gunicorn mysite.wsgi\n',
    };
    const web = 'FROM python:3.12\nCOPY start.sh /start.sh\nUSER app\nCMD ["/start.sh"]\n';
    expect(await found({ ...files, 'docker/web/Dockerfile': web })).toEqual([]);
    expect(await found({ ...files, 'docker/web/Dockerfile': web.replace('USER app\n', '') })).toEqual(['docker/web/Dockerfile:1']);
  });

  it("takes a production compose service's user: over the image's USER, both ways", async () => {
    const compose = (user: string): string => `services:\n  web:\n    build: .\n    user: ${user}\n    command: gunicorn mysite.wsgi\n`;
    const [root] = await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: `FROM python:3.12\nUSER app\n${CMD}`, 'docker-compose.prod.yml': compose('"0:0"') }));
    expect(at(root)).toBe('Dockerfile:1');
    expect(root!.message).toBe("Dockerfile is run as root: docker-compose.prod.yml:4 sets user: 0:0 for its service, whatever the image's USER says; remove it or name an unprivileged user");
    expect(await found({ Dockerfile: `FROM python:3.12\n${CMD}`, 'docker-compose.prod.yml': compose('"1000:1000"') })).toEqual([]);
    expect(await found({ Dockerfile: `FROM python:3.12\n${CMD}`, 'docker-compose.prod.yml': compose('"${UID}:${GID}"') })).toEqual([]);
  });
});
