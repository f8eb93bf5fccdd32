/** deploy/default-credentials in the management commands production runs. */
import { expect } from 'vitest';
import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin', 'django.contrib.auth', 'shop', 'staff.apps.StaffConfig']\n";
const COMMAND_HEAD = 'from django.core.management.base import BaseCommand\nfrom django.core.management import call_command\n\n\nclass Command(BaseCommand):\n    def handle(self, *args, **options):\n';
const project = (files: Files): Files => settingsFiles(SETTINGS, files, '5.2.8');

function command(body: string): string {
  return COMMAND_HEAD + body.split('\n').map((line) => (line ? `        ${line}` : line)).join('\n') + '\n';
}

ruleTester('deploy/default-credentials', {
  valid: [
    {
      name: 'passwords from the environment, a parameter, a rebound name, or a command production never runs',
      files: project({
        Procfile: 'web: gunicorn mysite.wsgi\nrelease: python manage.py seed_site\n',
        'shop/__init__.py': '',
        'shop/management/commands/seed_site.py': command(
          "User.objects.create_superuser('a', 'b', os.environ['ADMIN_PASSWORD'])\n" +
            "password = 'first1'\nif options['reset']:\n    password = make_password()\nUser.objects.create_superuser('a', 'b', password)\n" +
            "User.objects.create_superuser('a', 'b', f'{prefix}-1')\n" +
            "if settings.DEBUG:\n    User.objects.create_superuser('dev', 'd@example.org', 'devonly1')\n    call_command('dev_admin')",
        ),
        'shop/management/commands/helper.py': 'def make(pw):\n    User.objects.create_superuser("a", "b", pw)\n',
        'shop/management/commands/dev_admin.py': command("User.objects.create_superuser('dev', 'd@example.org', 'devdev1')"),
      }),
    },
  ],
  invalid: [
    {
      name: 'a release command followed to its management command and call_command one level on, masked',
      files: project({
        Procfile: 'web: gunicorn mysite.wsgi\nrelease: python manage.py seed_site\n',
        'shop/__init__.py': '',
        'shop/management/commands/seed_site.py': command("call_command('migrate')\ncall_command('make_root')"),
        'shop/management/commands/make_root.py': command("get_user_model().objects.create_superuser('root', 'root@example.org', 'tulip-77')"),
      }),
      findings: [
        {
          at: 'shop/management/commands/make_root.py:7',
          message: /^create_superuser\(\) in manage\.py make_root sets the admin password to the literal tu… \(8 chars\)/,
          check: (finding) => expect(finding.related.map((r) => r.message)).toEqual(['release runs manage.py seed_site', 'manage.py seed_site runs manage.py make_root']),
        },
      ],
      hidden: ['tulip-77'],
    },
    {
      name: 'a password passed through local variables, and set_password with a literal',
      files: project({
        'docker-compose.yml':
          'services:\n  web:\n    build: .\n    command: sh -c "python manage.py migrate && python manage.py install_site && gunicorn mysite.wsgi -b 0.0.0.0:8000"\n',
        'Dockerfile': 'FROM python:3.12\nCMD ["gunicorn", "mysite.wsgi"]\n',
        'staff/__init__.py': '',
        'staff/management/commands/install_site.py': command(
          "name = 'boss'\nsecret = 'Boss2024'\nif not User.objects.exists():\n    User.objects.create_superuser(name, 'b@example.org', secret)" +
            "\nuser = User(username='ops')\nuser.set_password('opsops1')",
        ),
      }),
      findings: [
        {
          at: 'staff/management/commands/install_site.py:10',
          check: (finding) => expect(finding.related[0]!.location).toMatchObject({ file: 'docker-compose.yml', line: 4 }),
        },
        {
          at: 'staff/management/commands/install_site.py:12',
          message:
            /^set_password\(\) in manage\.py install_site sets an account's password to the literal o… \(7 chars\) in staff\/management\/commands\/install_site\.py: anyone who reads the repository can log in to that account$/,
        },
      ],
    },
    {
      name: 'the app listed first in INSTALLED_APPS when two apps define the command, vendored copies ignored',
      files: project({
        Procfile: 'web: gunicorn mysite.wsgi\nrelease: python manage.py bootstrap\n',
        'shop/__init__.py': '',
        'shop/management/commands/bootstrap.py': command("User.objects.create_superuser('a', 'b', 'shop-pass1')"),
        'other/management/commands/bootstrap.py': command("User.objects.create_superuser('a', 'b', 'other-pass1')"),
        'venv/lib/python3.12/site-packages/x/management/commands/bootstrap.py': command("User.objects.create_superuser('a', 'b', 'vend-pass1')"),
      }),
      findings: [{ at: 'shop/management/commands/bootstrap.py:7' }],
    },
  ],
});
