import { describe, expect, it } from 'vitest';
import { CLEAN_SETTINGS, findingsOf } from '../parity/project.js';

describe('django/setting-unknown', () => {
  it('names a critical setting it could not evaluate, at its line, with the reason', async () => {
    const body = `${CLEAN_SETTINGS}\nimport vendor_flags\nDEBUG = vendor_flags.debug_enabled()\n`;
    const line = body.split('\n').indexOf('DEBUG = vendor_flags.debug_enabled()') + 1;
    const findings = await findingsOf('django/setting-unknown', body);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/^DEBUG could not be evaluated \(.+\); the rules that read it were skipped$/);
    expect(findings[0]!.location).toMatchObject({ file: 'mysite/settings.py', line });
    expect(findings[0]!.severity).toBe('info');
  });

  it('stays quiet for known values and for values the platform provides at run time', async () => {
    expect(await findingsOf('django/setting-unknown', CLEAN_SETTINGS)).toEqual([]);
    const platform = `${CLEAN_SETTINGS}\nimport os\nSECRET_KEY = os.environ['SECRET_KEY']\n`;
    const files = { 'app.json': JSON.stringify({ env: { SECRET_KEY: { generator: 'secret' } } }) };
    expect(await findingsOf('django/setting-unknown', platform, { files })).toEqual([]);
  });
});
