import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/frameworks.js';
import type { Finding } from '../../../src/engine/types.js';
import { makeProject } from '../../helpers/project.js';
import { locationOf, ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const RULE = 'deploy/secret-in-image';
const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin']\n";
const CMD = 'CMD ["gunicorn", "mysite.wsgi"]\n';
const project = (files: Files): Files => settingsFiles(SETTINGS, files, '5.2.8');
const COPY_ALL = `FROM python:3.12\nWORKDIR /app\nCOPY . .\n${CMD}`;
const ENV_WITH_KEY = 'DEBUG=0\nSECRET_KEY=k9#mQ2!vX7pL4@nR8sT1wY6zB3cF5hJ0\n';
const exactly = (text: string) => (finding: Finding) => expect(finding.message).toBe(text);

describe('deploy/secret-in-image next to the rule that counts the value itself', () => {
  it('is info when the secret scanner reports the same value on the same line, so it is deducted once', async () => {
    const dockerfile = `FROM python:3.12\nENV STRIPE_API_KEY=sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789\n${CMD}`;
    const result = await runCheck({ root: makeProject(project({ Dockerfile: dockerfile })), only: [RULE, 'secrets/known-format'] });
    expect(result.errors).toEqual([]);
    expect(result.findings.map((finding) => `${finding.rule} ${finding.severity} ${locationOf(finding)}`)).toEqual([
      'deploy/secret-in-image info Dockerfile:2',
      'secrets/known-format critical Dockerfile:2',
    ]);
    expect(result.findings[0]!.message).toContain('(the secrets/* or deploy/default-credentials finding on this line counts the value itself)');
    expect(result.grade.deductions.map((deduction) => deduction.rule)).toEqual(['secrets/known-format']);
  });

  it("is info for an admin password literal, deploy/default-credentials' finding", async () => {
    const dockerfile = `FROM python:3.12\nENV DJANGO_SUPERUSER_PASSWORD=admin123\n${CMD}`;
    const admin = await runCheck({ root: makeProject(project({ Dockerfile: dockerfile })), only: [RULE, 'deploy/default-credentials'] });
    expect(admin.errors).toEqual([]);
    expect(admin.findings.map((finding) => `${finding.rule} ${finding.severity}`).sort()).toEqual(['deploy/default-credentials high', 'deploy/secret-in-image info']);
  });
});

ruleTester(RULE, {
  valid: [
    {
      name: 'placeholders, empty values, variable references, flags or non-secret names',
      files: project({
        Dockerfile:
          // A reference to what the base image or the platform sets (a build argument copied into ENV is reported: see node-projects.test.ts).
          'FROM python:3.12\nENV SECRET_KEY=${SECRET_KEY} API_TOKEN=changeme DB_PASSWORD="" ' +
          'AWS_ACCESS_KEY_ID=AKIAEXAMPLE DEBUG_TOOLBAR_TOKEN=true PYTHONUNBUFFERED=1 SENTRY_DSN=<your-dsn>\n' +
          CMD,
      }),
    },
    { name: 'COPY . . with a committed .env that .dockerignore leaves out', files: project({ Dockerfile: COPY_ALL, '.env': ENV_WITH_KEY, '.dockerignore': '.git\n.env\n' }), committed: true },
    { name: 'COPY . . with a committed .env holding no credentials', files: project({ Dockerfile: COPY_ALL, '.env': 'DEBUG=0\nPORT=8000\n' }), committed: true },
    // An env file that is not committed is the builder's business, not the repository's.
    { name: 'COPY . . with a .env that is not committed', files: project({ Dockerfile: COPY_ALL, '.env': ENV_WITH_KEY }) },
  ],
  invalid: [
    {
      name: 'ENV and ARG credential literals, masked, and a default word low',
      files: project({ Dockerfile: `FROM python:3.12\nARG API_TOKEN=abc123def\nENV MAIL_PASSWORD=tulips-and-roses \\\n    DB_PASSWORD=postgres\n${CMD}` }),
      findings: [
        { at: 'Dockerfile:2', severity: 'medium', message: /^ARG in Dockerfile sets API_TOKEN/ },
        {
          at: 'Dockerfile:3',
          severity: 'medium',
          check: exactly(
            'ENV in Dockerfile sets MAIL_PASSWORD to the literal tuli… (16 chars): it is stored in the image (`docker history`, `docker inspect`) for everyone who can pull it',
          ),
        },
        { at: 'Dockerfile:4', severity: 'low' },
      ],
      hidden: ['tulips-and-roses', 'abc123def'],
    },
    {
      name: 'a build argument with a credential in compose build.args',
      files: project({
        Dockerfile: `FROM python:3.12\nARG NPM_TOKEN\n${CMD}`,
        'docker-compose.yml': 'services:\n  web:\n    build:\n      context: .\n      args:\n        - NPM_TOKEN=npm_aB3dE5fG7hJ9kL1mN3pQ5rS7\n        - APP_VERSION=1.2\n',
      }),
      findings: [{ at: 'docker-compose.yml:6', message: /^docker-compose\.yml web\.build\.args sets NPM_TOKEN to the literal npm_… \(28 chars\)/ }],
    },
    {
      name: 'a build argument with a credential in fly.toml [build.args]',
      files: project({
        Dockerfile: `FROM python:3.12\n${CMD}`,
        'fly.toml': 'app = "x"\n[build.args]\n  SENTRY_AUTH_TOKEN = "sntrys_9f8e7d6c5b4a39281706f5e4d3c2b1a0"\n  PYTHON_VERSION = "3.12"\n',
      }),
      findings: [{ at: 'fly.toml:3' }],
    },
    {
      name: 'docker build --build-arg literals in a deploy script, not a passed-through variable',
      files: project({
        Dockerfile: `FROM python:3.12\nARG PYPI_TOKEN\n${CMD}`,
        Makefile:
          'deploy:\n\tdocker build --build-arg PYPI_TOKEN=pypi-AgEIcHlwaS5vcmcCJDk3ZGRmZjM0 --build-arg VERSION=1.2 -t app .\n' +
          '\tdocker buildx build --build-arg=DB_PASSWORD=$(DB_PASSWORD) --build-arg API_TOKEN -t app .\n',
      }),
      findings: [{ at: 'Makefile:2', message: /^Makefile:2 \(docker build --build-arg\) sets PYPI_TOKEN to the literal pypi… \(33 chars\)/ }],
    },
    {
      name: 'COPY .env and ADD .env*, but not an example file',
      files: project({ Dockerfile: `FROM python:3.12\nCOPY .env /app/.env\nADD .env* /app/\nCOPY .env.example /app/\n${CMD}` }),
      findings: [
        {
          at: 'Dockerfile:2',
          check: exactly(
            'COPY in Dockerfile copies .env into the image: every variable in it ships in a layer anyone who pulls the image can read (not in the repository: the build takes the one on the machine that builds)',
          ),
        },
        { at: 'Dockerfile:3' },
      ],
    },
    {
      name: 'COPY . . with a committed .env holding credentials',
      files: project({ Dockerfile: COPY_ALL, '.env': ENV_WITH_KEY }),
      committed: true,
      findings: [{ at: 'Dockerfile:3', message: 'copies . with the committed env file .env and its credentials into the image' }],
    },
  ],
});
