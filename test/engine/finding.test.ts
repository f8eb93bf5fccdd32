import { describe, expect, it } from 'vitest';
import { toFinding } from '../../src/engine/finding.js';
import { defineRule } from '../../src/django/define-rule.js';

const rule = defineRule({ id: 'x/secret', title: 't', severity: 'high', docs: { why: 'w', fix: 'f' }, check: () => undefined });
const location = { file: 'shop/settings.py', line: 3, column: 1 };

describe('toFinding masks secrets', () => {
  it('shows only the masked form as evidence and scrubs a leaked secret from the message', () => {
    const secret = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
    const finding = toFinding(rule, { message: `key ${secret} committed`, location, secret });
    expect(finding.evidence).toBe('sk_l… (32 chars)');
    expect(finding.message).toBe('key sk_l… (32 chars) committed');
  });

  it('scrubs the secret from related notes too', () => {
    const secret = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
    const related = [{ location: { file: '.env', line: 2, column: 1 }, message: `STRIPE_KEY=${secret} is set here` }];
    const finding = toFinding(rule, { message: 'a key is committed', location, secret, related });
    expect(JSON.stringify(finding)).not.toContain(secret);
    expect(finding.related[0]!.message).toBe('STRIPE_KEY=sk_l… (32 chars) is set here');
  });

  it('leaves ordinary words alone when the secret is too short to tell apart from them', () => {
    const finding = toFinding(rule, { message: 'committed in shop/settings.py', location, secret: 'shop' });
    expect(finding.message).toBe('committed in shop/settings.py');
    expect(finding.evidence).toBe('s… (4 chars)');
  });
});
