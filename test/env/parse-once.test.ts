import type * as Dotenv from '../../src/env/dotenv.js';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { makeProject } from '../helpers/project.js';

/** Which texts were parsed with which dialect, so the test can tell how often each env file was parsed. */
const parsed = vi.hoisted(() => [] as [string, string][]);
vi.mock('../../src/env/dotenv.js', async (importOriginal) => {
  const dotenv = await importOriginal<typeof Dotenv>();
  return {
    ...dotenv,
    parseEnvFile: (text: string, dialect: Dotenv.EnvFileDialect, options?: Parameters<typeof dotenv.parseEnvFile>[2]) => {
      parsed.push([text, dialect]);
      return dotenv.parseEnvFile(text, dialect, options);
    },
  };
});

const { runCheck } = await import('../../src/frameworks.js');

describe('env files', () => {
  it('are parsed once per check and reader dialect, whoever reads them', async () => {
    // .env.production: the environment and compose's env_file read it with Compose's rules; the
    // settings' read_env and the secret scan with django-environ's. worker.env: compose's env_file,
    // --env-file (Compose's rules) and the secret scan (python-dotenv's, the Django default).
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

    const times = (text: string, dialect: string): number => parsed.filter(([t, d]) => t === text && d === dialect).length;
    expect(times(production, 'compose')).toBe(1);
    expect(times(production, 'django-environ')).toBe(1);
    expect(times(worker, 'compose')).toBe(1);
    expect(times(worker, 'python-dotenv')).toBe(1);
    expect(parsed.filter(([text]) => text === production || text === worker)).toHaveLength(4);
    // The readers still got the variables: DEBUG=False reached the settings, the secret scan found the key.
    expect(result.findings.map((finding) => finding.rule)).not.toContain('django/debug');
    expect(result.findings.filter((finding) => finding.rule === 'env/file-committed').map((finding) => finding.location)).toContainEqual(
      expect.objectContaining({ file: '.env.production', line: 2 }),
    );
  });
});
