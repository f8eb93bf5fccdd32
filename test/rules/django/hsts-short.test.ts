import { describe, expect, it } from 'vitest';
import { CLEAN_SETTINGS, findingsOf, lineOf } from '../parity/project.js';

const RULE = 'django/hsts-short';
const withoutPreload = CLEAN_SETTINGS.replace('SECURE_HSTS_PRELOAD = True\n', '');

describe('django/hsts-short', () => {
  it('reports a max-age above 0 and under six months on its line, certain when literal', async () => {
    const body = withoutPreload.replace('SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_SECONDS = 86400 * 30');
    const [finding, ...rest] = await findingsOf(RULE, body);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'low', confidence: 'certain', location: { line: lineOf(body, 'SECURE_HSTS_SECONDS') } });
    expect(finding!.message).toContain('SECURE_HSTS_SECONDS is 2592000 (30 days)');
  });

  it('is default confidence when the short value holds only because the variable is unset', async () => {
    const body = `import os\n${withoutPreload.replace('SECURE_HSTS_SECONDS = 31536000', "SECURE_HSTS_SECONDS = int(os.environ.get('HSTS_SECONDS', 3600))")}`;
    const [finding] = await findingsOf(RULE, body);
    expect(finding).toMatchObject({ confidence: 'default' });
    expect(finding!.message).toContain('under a day');
  });

  it('does not report six months or more, 0 (hsts-missing), preload on (hsts-preload-too-short), or SecurityMiddleware off', async () => {
    expect(await findingsOf(RULE, withoutPreload.replace('31536000', '15552000'))).toEqual([]);
    expect(await findingsOf(RULE, withoutPreload.replace('31536000', '0'))).toEqual([]);
    const preload = CLEAN_SETTINGS.replace('31536000', '3600');
    expect(await findingsOf(RULE, preload)).toEqual([]);
    expect(await findingsOf('django/hsts-preload-too-short', preload)).toHaveLength(1);
    const noMiddleware = withoutPreload.replace('31536000', '3600').replace("    'django.middleware.security.SecurityMiddleware',\n", '');
    expect(await findingsOf(RULE, noMiddleware)).toEqual([]);
  });
});
