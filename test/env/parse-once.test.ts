import type * as Dotenv from 'dotenv';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { makeProject } from '../helpers/project.js';

/** Which texts dotenv.parse was given, so the test can tell how often each env file was parsed. */
const parsed = vi.hoisted(() => [] as string[]);
vi.mock('dotenv', async (importOriginal) => {
  const dotenv = await importOriginal<typeof Dotenv>();
  return {
    ...dotenv,
    parse: (text: string) => {
      parsed.push(text);
      return dotenv.parse(text);
    },
  };
});

const { runCheck } = await import('../../src/engine/check.js');

describe('env files', () => {
  it('are parsed once per check, whoever reads them', async () => {
    // .env.production: the environment, compose's env_file, the settings' read_env and the secret scan all read it;
    // worker.env: compose's env_file, --env-file and the secret scan.
    const production = 'ALLOWED_HOSTS=example.com\nSTRIPE_API_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dcQ2\n';
    const worker = 'DEBUG=False\nQUEUE_PASSWORD=Zq8Lm2Xp9Rt4Vw7k\n';
    const root = makeProject({
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site1.settings')\n",
      'site1/__init__.py': '',
      'site1/settings.py': "import environ\nenviron.Env.read_env('.env.production')\nenv = environ.Env()\nDEBUG = env.bool('DEBUG', True)\n",
      '.env.production': production,
      'worker.env': worker,
      'docker-compose.yml': 'services:\n  web:\n    build: .\n    command: gunicorn site1.wsgi\n    env_file: [.env.production, worker.env]\n',
      'Dockerfile': 'FROM python:3.12\nCMD gunicorn site1.wsgi\n',
    });
    parsed.length = 0;
    const result = await runCheck({ root, envFiles: [join(root, 'worker.env')] });

    expect(parsed.filter((text) => text === production)).toHaveLength(1);
    expect(parsed.filter((text) => text === worker)).toHaveLength(1);
    // The readers still got the variables: DEBUG=False reached the settings, the secret scan found the key.
    expect(result.findings.map((finding) => finding.rule)).not.toContain('django/debug');
    expect(result.findings.filter((finding) => finding.rule === 'env/file-committed').map((finding) => finding.location)).toContainEqual(
      expect.objectContaining({ file: '.env.production', line: 2 }),
    );
  });
});
