import { expect } from 'vitest';
import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin']\n";
const project = (files: Files): Files => settingsFiles(SETTINGS, files, '5.2.8');
const RENDER_START = 'services:\n  - type: web\n    name: shop\n    env: python\n    startCommand: gunicorn mysite.wsgi\n';
const START_SCRIPT_IMAGE = 'FROM python:3.12\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n';
const PYTHON_ENTRYPOINT_IMAGE = 'FROM python:3.12\nCOPY entrypoint.py /entrypoint.py\nCMD ["python", "/entrypoint.py"]\n';
const UNNAMED_START = "#!/bin/sh\nUser.objects.create_superuser('a', 'b', 'admin123')\n";
const PYTHON_REFERENCES = [
  'import os\nADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD")\n',
  'from django.conf import settings\nsuperuser_password = settings.ADMIN_PASSWORD\n',
  'import os\nSUPERUSER_PASSWORD = os.environ["SUPERUSER_PASSWORD"]\n',
  'from decouple import config\nADMIN_PASSWORD = config("ADMIN_PASSWORD")\n',
  'ADMIN_PASSWORD = admin_default\n',
];
const SHELL_REFERENCES = ['#!/bin/sh\nADMIN_PASSWORD=${ADMIN_PASS}\n', '#!/bin/sh\nexport ADMIN_PASSWORD=vault.read(x)\n', '#!/bin/sh\nADMIN_PASSWORD=env[0]\n'];

ruleTester('deploy/default-credentials', {
  valid: [
    {
      name: 'a password read from the environment or secret store, a script nothing runs, a comment',
      files: project({
        'render.yaml': 'services:\n  - type: web\n    name: shop\n    env: python\n    buildCommand: ./build.sh\n    envVars:\n      - key: DJANGO_SUPERUSER_PASSWORD\n        sync: false\n',
        'build.sh':
          '#!/bin/sh\n# DJANGO_SUPERUSER_PASSWORD=admin123\nexport DJANGO_SUPERUSER_PASSWORD="$ADMIN_PASS"\n' +
          "python manage.py shell -c \"User.objects.create_superuser('a', 'b', os.environ['ADMIN_PASS'])\"\n",
        'scripts/seed_local.sh': "#!/bin/sh\nUser.objects.create_superuser('a', 'b', 'admin123')\n",
      }),
    },
    // `startCommand` contains the word start, but names no file called start.
    { name: 'a script no deploy file names as a file', files: project({ 'render.yaml': RENDER_START, start: UNNAMED_START }) },
    // The deploy model leaves a development compose file out of what production runs.
    {
      name: 'a development compose file',
      files: project({
        Dockerfile: 'FROM python:3.12\nCMD ["gunicorn", "mysite.wsgi"]\n',
        'docker-compose.dev.yml': 'services:\n  web:\n    build: .\n    environment:\n      DJANGO_SUPERUSER_PASSWORD: admin123\n',
      }),
    },
    ...PYTHON_REFERENCES.map((code) => ({ name: `code on the right of the name, not a literal: ${code}`, files: project({ Dockerfile: PYTHON_ENTRYPOINT_IMAGE, 'entrypoint.py': code }) })),
    ...SHELL_REFERENCES.map((code) => ({ name: `a reference on the right of the name, not a literal: ${code}`, files: project({ Dockerfile: START_SCRIPT_IMAGE, 'start.sh': code }) })),
  ],
  invalid: [
    {
      name: 'a literal DJANGO_SUPERUSER_PASSWORD in render.yaml, masked',
      files: project({
        'render.yaml':
          'services:\n  - type: web\n    name: shop\n    env: python\n    startCommand: gunicorn mysite.wsgi\n    envVars:\n      - key: DJANGO_SUPERUSER_PASSWORD\n        value: hunter2hunter2\n',
      }),
      findings: [
        {
          severity: 'high',
          confidence: 'certain',
          check: (finding) =>
            expect(finding.message).toBe(
              'DJANGO_SUPERUSER_PASSWORD sets the admin password to the literal hun… (14 chars) in render.yaml: anyone who reads the repository can log in as superuser',
            ),
        },
      ],
      hidden: ['hunter2hunter2'],
    },
    {
      name: 'a literal DJANGO_SUPERUSER_PASSWORD in compose',
      files: project({ 'docker-compose.yml': 'services:\n  web:\n    build: .\n    environment:\n      DJANGO_SUPERUSER_PASSWORD: admin123\n' }),
      findings: [{ at: 'docker-compose.yml:5' }],
    },
    {
      name: 'a literal DJANGO_SUPERUSER_PASSWORD in app.json',
      files: project({
        'app.json': JSON.stringify({ env: { DJANGO_SUPERUSER_PASSWORD: { value: 'admin123' } } }, null, 2),
        Procfile: 'web: gunicorn mysite.wsgi\n',
      }),
      findings: [{ check: (finding) => expect(finding.location).toMatchObject({ file: 'app.json' }) }],
    },
    {
      name: 'a literal DJANGO_SUPERUSER_PASSWORD in a Dockerfile ENV',
      files: project({ Dockerfile: 'FROM python:3.12\nENV DJANGO_SUPERUSER_PASSWORD=admin123\nCMD ["gunicorn", "mysite.wsgi"]\n' }),
      findings: [{ at: 'Dockerfile:2' }],
    },
    {
      name: 'create_superuser with a literal password in a script the deployment runs',
      files: project({
        'render.yaml': 'services:\n  - type: web\n    name: shop\n    env: python\n    buildCommand: ./build.sh\n    startCommand: gunicorn mysite.wsgi\n',
        'build.sh':
          '#!/usr/bin/env bash\nset -o errexit\npip install -r requirements.txt\npython manage.py shell <<EOF\n' +
          "from django.contrib.auth import get_user_model\nUser = get_user_model()\nif not User.objects.filter(username='root').exists():\n" +
          "    User.objects.create_superuser('root', 'root@example.org', 'letmein99')\nEOF\n",
      }),
      findings: [{ at: 'build.sh:8', message: /^create_superuser\(\) sets the admin password to the literal le… \(9 chars\) in build\.sh/ }],
    },
    {
      name: 'an inline DJANGO_SUPERUSER_PASSWORD before createsuperuser in a start script',
      files: project({
        Dockerfile: START_SCRIPT_IMAGE,
        'start.sh': '#!/bin/sh\nDJANGO_SUPERUSER_PASSWORD=admin123 python manage.py createsuperuser --noinput --username admin\nexec gunicorn mysite.wsgi\n',
      }),
      findings: [{ at: 'start.sh:2' }],
    },
    {
      name: 'create_superuser with a password keyword in a start script',
      files: project({
        Dockerfile: START_SCRIPT_IMAGE,
        'start.sh': "#!/bin/sh\npython manage.py shell -c \"User.objects.create_superuser(username='a', email='b', password='pw-12345')\"\n",
      }),
      findings: [{ at: 'start.sh:2' }],
    },
    { name: 'a script a deploy file names as a file', files: project({ 'render.yaml': RENDER_START.replace('gunicorn mysite.wsgi', './start'), start: UNNAMED_START }), findings: [{ at: 'start:2' }] },
    // A quoted literal in the same Python file is still one.
    { name: 'a quoted literal in Python', files: project({ Dockerfile: PYTHON_ENTRYPOINT_IMAGE, 'entrypoint.py': 'ADMIN_PASSWORD = "changeme123"\n' }), findings: [{ at: 'entrypoint.py:1' }] },
  ],
});
