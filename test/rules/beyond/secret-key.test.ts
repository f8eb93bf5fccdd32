import { describe, expect, it } from 'vitest';
import { at, djangoProject, findingsOf, settingsProject } from './helpers.js';

const LONG_KEY = 'q8w!z3@x5#c7$v9%b1^n2&m4*k6(j8)h0-g=f+d_s1a2p3o4i5u6y7t8r9e0w';

describe('django/secret-key-committed', () => {
  it('fires on a literal key in the settings module, without printing it', async () => {
    const root = settingsProject(`DEBUG = False\nSECRET_KEY = '${LONG_KEY}'\n`);
    const [finding, ...rest] = await findingsOf('django/secret-key-committed', root);
    expect(rest).toEqual([]);
    expect(finding?.severity).toBe('critical');
    expect(finding?.confidence).toBe('certain');
    expect(at(finding)).toBe('mysite/settings.py:2');
    expect(finding?.message).not.toContain(LONG_KEY);
    expect(finding?.evidence ?? '').not.toContain(LONG_KEY);
  });

  it('fires with confidence default when the env default is used', async () => {
    const root = settingsProject(`import environ\nenv = environ.Env()\nSECRET_KEY = env('DJANGO_SECRET_KEY', default='${LONG_KEY}')\n`);
    const [finding] = await findingsOf('django/secret-key-committed', root);
    expect(finding?.confidence).toBe('default');
    expect(finding?.message).toContain('DJANGO_SECRET_KEY');
    expect(at(finding)).toBe('mysite/settings.py:3');
  });

  it('is medium, not critical, when production sets the variable: the fallback is one missing variable away', async () => {
    const root = settingsProject(`import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '${LONG_KEY}')\n`);
    const [finding, ...rest] = await findingsOf('django/secret-key-committed', root, { set: { DJANGO_SECRET_KEY: 'p'.repeat(60) } });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'medium', confidence: 'default' });
    expect(finding!.message).toContain('production sets it now (--set)');
    expect(JSON.stringify(finding)).not.toContain(LONG_KEY);
  });

  it('does not fire on a set variable whose fallback a raise about the key guards', async () => {
    const guarded =
      `import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '${LONG_KEY}')\n` +
      "if 'DJANGO_SECRET_KEY' not in os.environ:\n    raise RuntimeError('set the key')\n";
    expect(await findingsOf('django/secret-key-committed', settingsProject(guarded), { set: { DJANGO_SECRET_KEY: 'p'.repeat(60) } })).toEqual([]);
    const computed = "import os\nfrom django.core.management.utils import get_random_secret_key\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', get_random_secret_key())\n";
    expect(await findingsOf('django/secret-key-committed', settingsProject(computed), { set: { DJANGO_SECRET_KEY: 'p'.repeat(60) } })).toEqual([]);
  });

  it('does not fire when the key is required from the environment', async () => {
    const root = settingsProject(`import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n`);
    expect(await findingsOf('django/secret-key-committed', root, { set: { DJANGO_SECRET_KEY: 'p'.repeat(60) } })).toEqual([]);
  });
});

describe('django/secret-key-reused', () => {
  it('fires when production and dev settings modules share a literal key', async () => {
    const root = djangoProject('mysite.settings.production', {
      'mysite/settings/__init__.py': '',
      'mysite/settings/base.py': 'DEBUG = False\n',
      'mysite/settings/production.py': `from .base import *\nSECRET_KEY = '${LONG_KEY}'\n`,
      'mysite/settings/dev.py': `from .base import *\nDEBUG = True\nSECRET_KEY = '${LONG_KEY}'\n`,
    });
    const findings = await findingsOf('django/secret-key-reused', root);
    expect(findings.map(at)).toEqual(['mysite/settings/dev.py:3']);
    expect(findings[0]?.severity).toBe('high');
    expect(findings[0]?.message).not.toContain(LONG_KEY);
  });

  it('fires when SECRET_KEY is also in SECRET_KEY_FALLBACKS', async () => {
    const root = settingsProject(`import os\nSECRET_KEY = os.environ['K']\nSECRET_KEY_FALLBACKS = [os.environ['K']]\n`);
    const findings = await findingsOf('django/secret-key-reused', root, { set: { K: LONG_KEY } });
    expect(findings.map(at)).toEqual(['mysite/settings.py:3']);
    expect(findings[0]?.message).toContain('SECRET_KEY_FALLBACKS');
  });

  it('does not fire when each settings module has its own key', async () => {
    const root = djangoProject('mysite.settings.production', {
      'mysite/settings/__init__.py': '',
      'mysite/settings/production.py': `SECRET_KEY = '${LONG_KEY}'\nSECRET_KEY_FALLBACKS = ['${LONG_KEY.slice(1)}x']\n`,
      'mysite/settings/dev.py': "SECRET_KEY = 'dev-only-key'\n",
    });
    expect(await findingsOf('django/secret-key-reused', root)).toEqual([]);
  });
});
