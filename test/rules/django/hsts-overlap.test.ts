import { describe, expect, it } from 'vitest';
import { CLEAN_SETTINGS, findingsOf, lineOf } from '../parity/project.js';

const withoutPreload = CLEAN_SETTINGS.replace('SECURE_HSTS_PRELOAD = True\n', '');

describe('django/hsts-preload next to django/hsts-subdomains', () => {
  it('is info, keeping security.W021, when includeSubDomains is deliberately off (one cause, one finding that counts)', async () => {
    const body = withoutPreload.replace('SECURE_HSTS_INCLUDE_SUBDOMAINS = True', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = False');
    const [subdomains] = await findingsOf('django/hsts-subdomains', body);
    const [preload, ...rest] = await findingsOf('django/hsts-preload', body);
    expect(rest).toEqual([]);
    expect(subdomains).toMatchObject({ django: 'security.W005', severity: 'low', location: { line: lineOf(body, 'SECURE_HSTS_INCLUDE_SUBDOMAINS') } });
    expect(preload).toMatchObject({ django: 'security.W021', severity: 'info', location: { line: 1 } });
    expect(preload!.message).toContain('SECURE_HSTS_INCLUDE_SUBDOMAINS is False (django/hsts-subdomains reports it)');
  });

  it('stays low when includeSubDomains is on, or merely unset', async () => {
    const [on] = await findingsOf('django/hsts-preload', withoutPreload);
    expect(on).toMatchObject({ django: 'security.W021', severity: 'low' });
    expect(on!.message).not.toContain('includeSubDomains');
    const [unset] = await findingsOf('django/hsts-preload', withoutPreload.replace('SECURE_HSTS_INCLUDE_SUBDOMAINS = True\n', ''));
    expect(unset).toMatchObject({ severity: 'low' });
  });
});
