import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/frameworks.js';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';

const RULE = 'deploy/secret-in-image';
const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin']\n";
const CMD = 'CMD ["gunicorn", "mysite.wsgi"]\n';

/** settingsProject committed to git (env files count only when the repository holds them). */
function committed(files: Record<string, string>): string {
  const root = settingsProject(SETTINGS, files);
  const git = (...args: string[]): void => void execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A', '-f');
  git('commit', '-qm', 'init');
  return root;
}

describe('deploy/secret-in-image', () => {
  it('reports ENV and ARG credential literals, masked, and a default word low', async () => {
    const dockerfile = `FROM python:3.12\nARG API_TOKEN=abc123def\nENV MAIL_PASSWORD=tulips-and-roses \\\n    DB_PASSWORD=postgres\n${CMD}`;
    const found = await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: dockerfile }));
    expect(found.map((finding) => [at(finding), finding.severity])).toEqual([
      ['Dockerfile:2', 'medium'],
      ['Dockerfile:3', 'medium'],
      ['Dockerfile:4', 'low'],
    ]);
    expect(found[1]!.message).toBe(
      'ENV in Dockerfile sets MAIL_PASSWORD to the literal tuli… (16 chars): it is stored in the image (`docker history`, `docker inspect`) for everyone who can pull it',
    );
    expect(found[0]!.message).toMatch(/^ARG in Dockerfile sets API_TOKEN/);
    expect(JSON.stringify(found)).not.toContain('tulips-and-roses');
    expect(JSON.stringify(found)).not.toContain('abc123def');
  });

  it('is info when the secret scanner reports the same value on the same line, so it is deducted once', async () => {
    const dockerfile = `FROM python:3.12\nENV STRIPE_API_KEY=sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789\n${CMD}`;
    const result = await runCheck({ root: settingsProject(SETTINGS, { Dockerfile: dockerfile }), only: [RULE, 'secrets/known-format'] });
    expect(result.findings.map((finding) => `${finding.rule} ${finding.severity} ${at(finding)}`)).toEqual([
      'deploy/secret-in-image info Dockerfile:2',
      'secrets/known-format critical Dockerfile:2',
    ]);
    expect(result.findings[0]!.message).toContain('(the secrets/* or deploy/default-credentials finding on this line counts the value itself)');
    expect(result.grade.deductions.map((deduction) => deduction.rule)).toEqual(['secrets/known-format']);
    // An admin password literal is deploy/default-credentials' finding.
    const admin = await runCheck({ root: settingsProject(SETTINGS, { Dockerfile: `FROM python:3.12\nENV DJANGO_SUPERUSER_PASSWORD=admin123\n${CMD}` }), only: [RULE, 'deploy/default-credentials'] });
    expect(admin.findings.map((finding) => `${finding.rule} ${finding.severity}`).sort()).toEqual(['deploy/default-credentials high', 'deploy/secret-in-image info']);
  });

  it('does not report placeholders, empty values, variable references, flags or non-secret names', async () => {
    const dockerfile =
      'FROM python:3.12\nARG SECRET_KEY\nENV SECRET_KEY=${SECRET_KEY} API_TOKEN=changeme DB_PASSWORD="" ' +
      'AWS_ACCESS_KEY_ID=AKIAEXAMPLE DEBUG_TOOLBAR_TOKEN=true PYTHONUNBUFFERED=1 SENTRY_DSN=<your-dsn>\n' + CMD;
    expect(await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: dockerfile }))).toEqual([]);
  });

  it('reports build arguments with credentials in compose build.args and fly.toml [build.args]', async () => {
    const compose = 'services:\n  web:\n    build:\n      context: .\n      args:\n        - NPM_TOKEN=npm_aB3dE5fG7hJ9kL1mN3pQ5rS7\n        - APP_VERSION=1.2\n';
    const composeFound = await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: `FROM python:3.12\nARG NPM_TOKEN\n${CMD}`, 'docker-compose.yml': compose }));
    expect(composeFound.map(at)).toEqual(['docker-compose.yml:6']);
    expect(composeFound[0]!.message).toMatch(/^docker-compose\.yml web\.build\.args sets NPM_TOKEN to the literal npm_… \(28 chars\)/);
    const fly = 'app = "x"\n[build.args]\n  SENTRY_AUTH_TOKEN = "sntrys_9f8e7d6c5b4a39281706f5e4d3c2b1a0"\n  PYTHON_VERSION = "3.12"\n';
    expect((await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: `FROM python:3.12\n${CMD}`, 'fly.toml': fly }))).map(at)).toEqual(['fly.toml:3']);
  });

  it('reports docker build --build-arg literals in a deploy script, not a passed-through variable', async () => {
    const makefile =
      'deploy:\n\tdocker build --build-arg PYPI_TOKEN=pypi-AgEIcHlwaS5vcmcCJDk3ZGRmZjM0 --build-arg VERSION=1.2 -t app .\n' +
      '\tdocker buildx build --build-arg=DB_PASSWORD=$(DB_PASSWORD) --build-arg API_TOKEN -t app .\n';
    const found = await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: `FROM python:3.12\nARG PYPI_TOKEN\n${CMD}`, Makefile: makefile }));
    expect(found.map(at)).toEqual(['Makefile:2']);
    expect(found[0]!.message).toMatch(/^Makefile:2 \(docker build --build-arg\) sets PYPI_TOKEN to the literal pypi… \(33 chars\)/);
  });

  it('reports COPY .env and ADD .env*, but not an example file', async () => {
    const dockerfile = `FROM python:3.12\nCOPY .env /app/.env\nADD .env* /app/\nCOPY .env.example /app/\n${CMD}`;
    const found = await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: dockerfile }));
    expect(found.map(at)).toEqual(['Dockerfile:2', 'Dockerfile:3']);
    expect(found[0]!.message).toBe(
      'COPY in Dockerfile copies .env into the image: every variable in it ships in a layer anyone who pulls the image can read (not in the repository: the build takes the one on the machine that builds)',
    );
  });

  it('reports COPY . . with a committed .env holding credentials, unless .dockerignore leaves it out or it holds none', async () => {
    const dockerfile = `FROM python:3.12\nWORKDIR /app\nCOPY . .\n${CMD}`;
    const env = 'DEBUG=0\nSECRET_KEY=k9#mQ2!vX7pL4@nR8sT1wY6zB3cF5hJ0\n';
    const [finding, ...rest] = await findingsOf(RULE, committed({ Dockerfile: dockerfile, '.env': env }));
    expect(rest).toEqual([]);
    expect(at(finding)).toBe('Dockerfile:3');
    expect(finding!.message).toContain('copies . with the committed env file .env and its credentials into the image');
    expect(await findingsOf(RULE, committed({ Dockerfile: dockerfile, '.env': env, '.dockerignore': '.git\n.env\n' }))).toEqual([]);
    expect(await findingsOf(RULE, committed({ Dockerfile: dockerfile, '.env': 'DEBUG=0\nPORT=8000\n' }))).toEqual([]);
    // An env file that is not committed is the builder's business, not the repository's.
    expect(await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: dockerfile, '.env': env }))).toEqual([]);
  });
});
