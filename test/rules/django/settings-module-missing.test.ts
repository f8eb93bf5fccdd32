import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/frameworks.js';
import { makeProject } from '../../helpers/project.js';

const RULE = 'django/settings-module-missing';

async function check(files: Record<string, string>) {
  const result = await runCheck({ root: makeProject(files) });
  return { result, findings: result.findings.filter((finding) => finding.rule === RULE) };
}

describe('django/settings-module-missing: a project whose settings were never read is not graded in silence', () => {
  it('fires where the module is named when its file is not in the repository, and caps the grade at C', async () => {
    const { result, findings } = await check({
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'settings.config')\n",
      'settings/__init__.py': '',
      'settings/common.py': 'DEBUG = False\n',
    });
    expect(findings.map((f) => [f.location, f.severity])).toEqual([[expect.objectContaining({ file: 'manage.py', line: 2 }), 'medium']]);
    expect(findings[0]!.message).toMatch(/^DJANGO_SETTINGS_MODULE is settings\.config \(from manage\.py\), but neither settings\/config\.py nor settings\/config\/__init__\.py/);
    expect(result.grade.grade).toBe('C');
  });

  it('fires on manage.py when nothing names a settings module', async () => {
    const { findings } = await check({ 'manage.py': 'import sys\n', 'mysite/__init__.py': '', 'mysite/settings.py': 'DEBUG = False\n' });
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/^no settings module is named/)]);
  });

  it('stays quiet when the settings module is there', async () => {
    const { findings } = await check({
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
      'mysite/__init__.py': '',
      'mysite/settings.py': 'DEBUG = False\n',
    });
    expect(findings).toEqual([]);
  });
});
