/** The production model over followed entry points: scripts, the deployed stage, conditional branches. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/frameworks.js';
import { makeProject } from '../helpers/project.js';

const managePy = (module: string) => `import os\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', '${module}')\n`;
const BASE = {
  'manage.py': managePy('site.settings.dev'),
  'site/__init__.py': '',
  'site/wsgi.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings.dev')\napplication = None\n",
  'site/settings/__init__.py': '',
  'site/settings/dev.py': "DEBUG = True\nSECRET_KEY = 'dev'\n",
  'site/settings/live.py': "import os\nDEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = ['site.example']\n",
  'site/settings/other.py': "DEBUG = False\nSECRET_KEY = 'x'\n",
};

describe('production model over followed entry points', () => {
  it('takes the settings the web process\'s start script exports', async () => {
    const result = await runCheck({ root: makeProject({ ...BASE, Procfile: 'web: ./start.sh\n', 'start.sh': 'export DJANGO_SETTINGS_MODULE=site.settings.live\nexec gunicorn site.wsgi\n' }) });
    expect(result.projects[0]).toMatchObject({ settingsModule: 'site.settings.live', settingsModuleOrigin: 'command' });
  });

  it('ignores what another process\'s script exports, and a --settings only one script branch passes', async () => {
    const result = await runCheck({
      root: makeProject({
        ...BASE,
        Procfile: 'web: gunicorn site.wsgi\nqueue: ./queue.sh\n',
        'queue.sh': 'export DJANGO_SETTINGS_MODULE=site.settings.other\nif [ "$X" ]; then python manage.py migrate --settings=site.settings.other; fi\n',
      }),
    });
    const first = result.projects[0];
    expect(first?.kind === 'django' ? first.settingsModule : undefined).not.toBe('site.settings.other');
  });

  it('follows fixtures/deploy-chain through the compose build target, the entrypoint and the gunicorn config', async () => {
    const result = await runCheck({ root: fileURLToPath(new URL('../../fixtures/deploy-chain/', import.meta.url)) });
    const project = result.projects[0];
    expect(project?.kind === 'django' ? project.settingsModule : undefined).toBe('chain.settings.production');
    expect(result.findings.map((finding) => finding.rule)).not.toContain('django/debug');
  });
});
