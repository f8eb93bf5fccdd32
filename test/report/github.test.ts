import { describe, expect, it } from 'vitest';
import { FINDINGS, sampleInput } from './sample.js';
import { formatGithub } from '../../src/report/github.js';

describe('GitHub workflow annotations', () => {
  it('writes one command a finding, with the exact escaping GitHub requires', () => {
    const lines = formatGithub(sampleInput({ errors: ['rule x failed: a, b\nat stack'] })).split('\n');
    expect(lines).toEqual([
      '::error file=mysite/settings.py,line=26,col=1,endLine=26,endColumn=13,title=DEBUG is on (django/debug)::DEBUG is True (DJANGO_DEBUG is unset and the code defaults to "1")%0A.env.production:3:1: DJANGO_DEBUG is not set here',
      "::error file=mysite/settings.py,line=28,col=17,title=ALLOWED_HOSTS accepts any host (django/allowed-hosts-wildcard)::ALLOWED_HOSTS | '*' is 100%25 open%0Asecond line <&> \"quoted\" ::warning:: `tick`%0Adeploy/app dir/fly.toml:4:3: the host list, from [env]%0Ahttps://example.com/: served for any Host header",
      '::error file=mysite/settings.py,line=23,col=14,title=The production SECRET_KEY is committed (django/secret-key-committed)::SECRET_KEY is a literal in the code (djan… (66 chars))',
      '::warning title=The site sends no HSTS header (web/hsts-header-missing)::https://example.com:8443/admin/login/?next=/x: No Strict-Transport-Security header',
      '::warning file=mysite/settings.py,line=1,col=1,title=HSTS is off (django/hsts-missing)::SECURE_HSTS_SECONDS is not set',
      '::warning file=mysite/settings.py,line=40,col=1,title=HSTS is off (django/hsts-missing)::SECURE_HSTS_SECONDS is not set',
      '::error title=deploycheck internal error::rule x failed: a, b%0Aat stack',
      '',
    ]);
  });

  it('escapes %, CR, LF, : and , in property values, and uses notice for low and info', () => {
    const odd = {
      ...FINDINGS[4]!,
      severity: 'low' as const,
      title: 'T: a, b 50%\r\nx',
      location: { file: 'dir,with:odd%/file.py', line: 2, column: 3 },
      message: 'm\r\n',
    };
    expect(formatGithub(sampleInput({ findings: [odd, { ...odd, severity: 'info' }] }))).toBe(
      '::notice file=dir%2Cwith%3Aodd%25/file.py,line=2,col=3,title=T%3A a%2C b 50%25%0D%0Ax (django/hsts-missing)::m%0D%0A\n'.repeat(2),
    );
  });

  it('prints nothing without findings or errors', () => {
    expect(formatGithub(sampleInput({ findings: [] }))).toBe('');
  });
});
