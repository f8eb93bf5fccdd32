import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/frameworks.js';
import { readDeployFacts } from '../../src/deploy/index.js';
import { generatedModules } from '../../src/production/generated-modules.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject } from '../helpers/project.js';

/** Production settings that end with a star import of a module the repository does not hold. */
const productionSettings = [
  'import os',
  "SECRET_KEY = os.environ.get('SECRET_KEY', 'CHANGE_THIS_VALUE')",
  'DEBUG = False',
  "ALLOWED_HOSTS = ['*']",
  'from .site_local import *',
  '',
].join('\n');

/** A committed template the start script copies, with a placeholder it substitutes. */
const template = ["SECRET_KEY = 'key-placeholder-here'", "ALLOWED_HOSTS = ['*']", "EXTRA_FLAG = True", ''].join('\n');

function project(startScript: string | undefined, extra: Record<string, string> = {}): string {
  return makeProject({
    'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'gallery.settings.prod')\n",
    'gallery/__init__.py': '',
    'gallery/settings/__init__.py': '',
    'gallery/settings/prod.py': productionSettings,
    'gallery/settings/site_local.template.py': template,
    'gallery/wsgi.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'gallery.settings.prod')\n",
    Dockerfile: startScript === undefined
      ? 'FROM python:3.12\nWORKDIR /srv\nCOPY . /srv\nCMD ["gunicorn", "gallery.wsgi"]\n'
      : 'FROM python:3.12\nWORKDIR /srv\nCOPY . /srv\nCMD ["/srv/run/start.sh"]\n',
    ...(startScript === undefined ? {} : { 'run/start.sh': startScript }),
    ...extra,
  });
}

const copyScript = [
  '#!/bin/sh',
  'TARGET="/state/site_local.py"',
  'if [ ! -f "$TARGET" ]; then',
  '  cp /srv/gallery/settings/site_local.template.py "$TARGET"',
  '  sed -i "s/key\\-placeholder\\-here/$(head -c 30 /dev/urandom | base64)/" "$TARGET"',
  'fi',
  'cp "$TARGET" /srv/gallery/settings/site_local.py',
  'exec gunicorn gallery.wsgi --bind 0.0.0.0:8000',
  '',
].join('\n');

const only = ['django/secret-key-committed', 'django/allowed-hosts-wildcard', 'django/settings-error'];

describe('the module a production start script writes', () => {
  it('finds the write through the script’s variables and copies, back to the committed template', () => {
    const workspace = openWorkspace(project(copyScript));
    const find = generatedModules(workspace, readDeployFacts(workspace, ''));
    expect(find('gallery/settings/site_local.py')).toMatchObject({
      label: 'run/start.sh:7',
      template: 'gallery/settings/site_local.template.py',
      edits: ['key-placeholder-here'],
    });
    expect(find('gallery/settings/other.py')).toBeUndefined();
  });

  it('makes the settings its template may change unknown (no committed-key finding) and keeps those it leaves alone', async () => {
    const result = await runCheck({ root: project(copyScript), only });
    expect(result.findings.map((finding) => finding.rule)).toEqual(['django/allowed-hosts-wildcard']);
    const settings = (await runCheck({ root: project(copyScript), only: ['django/setting-unknown'] })).findings;
    expect(settings.map((finding) => finding.message).join('\n')).toMatch(/assumed gallery\.settings\.site_local sets SECRET_KEY: production writes that module when it starts \(run\/start\.sh:7, a copy of gallery\/settings\/site_local\.template\.py\)/);
  });

  it('makes every setting before it unknown when the script writes text deploycheck cannot see', async () => {
    const script = '#!/bin/sh\npython /srv/run/make_local.py > /srv/gallery/settings/site_local.py\nexec gunicorn gallery.wsgi\n';
    const result = await runCheck({ root: project(script), only });
    expect(result.findings).toEqual([]);
  });

  it('leaves a missing local module nobody in production writes missing, as before', async () => {
    const script = '#!/bin/sh\nexec gunicorn gallery.wsgi --bind 0.0.0.0:8000\n';
    const result = await runCheck({ root: project(script), only });
    expect(result.findings.map((finding) => finding.rule).sort()).toEqual(['django/allowed-hosts-wildcard', 'django/secret-key-committed', 'django/settings-error']);
    // A development helper that writes it is not production's.
    const dev = await runCheck({ root: project(undefined, { 'scripts/dev_setup.sh': 'cp gallery/settings/site_local.template.py gallery/settings/site_local.py\n' }), only });
    expect(dev.findings.map((finding) => finding.rule)).toContain('django/secret-key-committed');
  });

  it('ignores a script only an image production does not deploy runs', async () => {
    const prodCompose = ['services:', '  web:', '    build:', '      context: .', '      dockerfile: Dockerfile.prod', '    command: gunicorn gallery.wsgi', ''].join('\n');
    const otherScript = 'cp /srv/gallery/settings/site_local.template.py /srv/gallery/settings/site_local.py\nexec gunicorn gallery.wsgi\n';
    const root = project(otherScript, { 'docker-compose.prod.yml': prodCompose, 'Dockerfile.prod': 'FROM python:3.12\nWORKDIR /srv\nCOPY . /srv\n' });
    const workspace = openWorkspace(root);
    const deploy = readDeployFacts(workspace, '');
    expect(deploy.files.map((file) => file.path)).toContain('run/start.sh');
    expect(generatedModules(workspace, deploy)('gallery/settings/site_local.py')).toBeUndefined();
    const result = await runCheck({ root, only });
    expect(result.findings.map((finding) => finding.rule)).toContain('django/secret-key-committed');
  });
});
