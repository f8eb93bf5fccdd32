import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/frameworks.js';
import { makeRepository } from '../../helpers/project.js';

const RULE = 'env/gitignore-missing';

const project = (extra: Record<string, string>) => ({
  'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
  'mysite/__init__.py': '',
  'mysite/settings.py':
    "import os\nfrom dotenv import load_dotenv\nROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\nload_dotenv(os.path.join(ROOT, 'conf/.env'))\nSECRET_KEY = os.environ['SECRET_KEY']\n",
  '.gitignore': '__pycache__/\n',
  ...extra,
});

describe('env/gitignore-missing when the loaded env file is already tracked', () => {
  it('says git tracks the file the settings load instead of "once someone creates it"', async () => {
    const result = await runCheck({ root: makeRepository(project({ 'conf/.env': 'SECRET_KEY=abc\n' })), only: [RULE] });
    const [finding, ...rest] = result.findings;
    expect(rest).toEqual([]);
    expect(finding!.message).toContain('git already tracks conf/.env');
    expect(finding!.message).not.toContain('once someone creates it');
  });

  it('keeps "once someone creates it" when no loaded file exists', async () => {
    const result = await runCheck({ root: makeRepository(project({})), only: [RULE] });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.message).toContain('once someone creates it');
  });
});
